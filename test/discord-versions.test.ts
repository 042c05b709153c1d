/**
 * Language versions in Discord, end to end through the real discord.js client and the fake Discord, over the real
 * engine on a copy of the seeds with the SYNTHETIC two-language fixture (test/fixtures/versions/): a question in
 * English answered from the English version with the Chinese one offered (and the other way round), the 📄 view's
 * language switch, `/paragraph` in the reader's language, and Cite linking the version it quotes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../retrieval/index.js';
import { unitKey } from '../retrieval/types.js';
import { type Harness, startHarness } from './fake-discord/harness.js';
import { buttonIds, isEphemeral, linkButtons, responseMessages, unescapeText, unsafePayloads } from './fake-discord/inspect.js';
import type { FakeMessage } from './fake-discord/payloads.js';
import { citationsOf } from './helpers/answers.js';
import { FIXTURE, seedsWithVersions, type VersionsCorpus } from './helpers/versions-corpus.js';

const EN_URL = 'https://undocs.org/en/SYN/TEST/2024/1';
const ZH_URL = 'https://undocs.org/zh/SYN/TEST/2024/1';

let h: Harness;
let corpus: VersionsCorpus;
let indexDir: string;
beforeAll(async () => {
  corpus = await seedsWithVersions();
  indexDir = await mkdtemp(join(tmpdir(), 'discord-versions-'));
  const engine = await createEngine({ seedsDir: corpus.seedsDir, indexDir, embeddings: 'off', log: () => {} });
  h = await startHarness({ engine });
});
afterAll(async () => {
  expect(unsafePayloads(h.fake)).toEqual([]);
  await h?.stop();
  await corpus?.remove();
  await rm(indexDir, { recursive: true, force: true });
});

/** The quoted document text of a `**label**\n> …` message, unescaped. */
const quotedText = (content: string) =>
  unescapeText(
    content
      .split('\n')
      .filter((l) => l.startsWith('> '))
      .map((l) => l.slice(2))
      .join('\n'),
  );
const buttonLabels = (msg: FakeMessage) =>
  (msg.components as Array<{ components: Array<{ label?: string; custom_id?: string; emoji?: { name: string } }> }>).flatMap((row) =>
    row.components.map((c) => `${c.emoji?.name ?? ''}${c.label ?? ''}`),
  );

describe('a question answered from the version in the asker’s language', () => {
  it('answers an English question from the English version, offers the Chinese one, and switches to it in the 📄 view', async () => {
    const question = 'How many calls did the Harbourlight hotline receive in its first year?';
    const record = await h.slash('ask', { question }, { user: h.newUser(), locale: 'en-US' });
    const [msg] = responseMessages(record);
    const embed = msg!.embeds[0] as any;
    const english = h.engine.paragraph(FIXTURE, 5, 'en');
    const chinese = h.engine.paragraph(FIXTURE, 5, 'zh');

    // The quote is the English version's own words, under its English label.
    const [c] = citationsOf(await h.engine.ask(question));
    expect(c!.unitKey).toBe(unitKey(english));
    expect(c!.quote).toContain('received 1,150 calls in its first year');
    expect(english.text).toContain(c!.quote);
    expect(unescapeText(embed.description)).toBe(`According to SYN/TEST/2024/1, para. 5: 「${c!.quote}」`);
    // The source links the English official text, and offers the Chinese version with its own link.
    expect(embed.fields).toEqual([{ name: 'Sources', value: `• [SYN/TEST/2024/1, para. 5](${EN_URL}) · [also in Chinese](${ZH_URL})` }]);

    // 📄 opens the English paragraph, says which version it is, and offers a switch to Chinese.
    const start = english.text.indexOf(c!.quote);
    const cite = `cite:en:${FIXTURE}:p:5@en:${start}-${start + c!.quote.length}`;
    expect(buttonIds(msg!)).toEqual([cite, 'fb:up', 'fb:down']);
    const [view] = responseMessages(await h.click(msg!, cite, { user: h.newUser(), locale: 'en-US' }));
    expect(isEphemeral(view!)).toBe(true);
    expect(view!.content).toMatch(/^\*\*SYN\/TEST\/2024\/1, para\. 5\*\*/);
    expect(quotedText(view!.content)).toBe(english.text);
    expect(view!.content).toContain('-# English version · also in Chinese');
    expect(linkButtons(view!)).toEqual([{ label: 'Official text', url: EN_URL }]);
    expect(buttonLabels(view!)).toEqual(['📋Cite', 'Official text', '🌐中文']);
    const toChinese = `ver:en:${FIXTURE}:p:5`;
    expect(buttonIds(view!)).toContain(toChinese);

    // The switch replaces the view with the Chinese paragraph, same number, and offers English back.
    const switched = await h.click(view!, toChinese, { user: h.newUser(), locale: 'en-US' });
    expect(switched.ack?.type).toBe(7);
    const shown = { ...view!, ...(switched.responses[0]!.body.data as object) } as FakeMessage;
    expect(quotedText(shown.content)).toBe(chinese.text);
    expect(shown.content).toMatch(/^\*\*SYN\/TEST\/2024\/1, para\. 5\*\*/);
    expect(shown.content).toContain('-# Chinese version · also in English');
    expect(linkButtons(shown)).toEqual([{ label: 'Official text', url: ZH_URL }]);
    expect(buttonIds(shown)).toContain(`ver:en:${FIXTURE}:p:5@en`);
  });

  it('answers a Chinese question from the Chinese version and offers the English one', async () => {
    const question = '港光热线第一年接到多少个电话？';
    const record = await h.slash('ask', { question }, { user: h.newUser(), locale: 'zh-CN' });
    const embed = responseMessages(record)[0]!.embeds[0] as any;
    const [c] = citationsOf(await h.engine.ask(question));
    expect(c!.unitKey).toBe(`${FIXTURE}#p5`);
    expect(h.engine.paragraph(FIXTURE, 5, 'zh').text).toContain(c!.quote);
    expect(unescapeText(embed.description)).toBe(`「${c!.quote}」〔SYN/TEST/2024/1 第5段〕`);
    expect(embed.fields).toEqual([{ name: '来源', value: `• [SYN/TEST/2024/1 第5段](${ZH_URL}) · [另有英文文本](${EN_URL})` }]);
    expect(buttonIds(responseMessages(record)[0]!)[0]).toMatch(new RegExp(`^cite:zh:${FIXTURE}:p:5:\\d+-\\d+$`));
  });
});

describe('/paragraph in the reader’s language', () => {
  it('posts the version in the reader’s language, with a switch to the other', async () => {
    for (const [locale, lang, other] of [
      ['en-US', 'en', '🌐中文'],
      ['zh-CN', 'zh', '🌐English'],
    ] as const) {
      const record = await h.slash('paragraph', { document: FIXTURE, number: '2' }, { user: h.newUser(), locale });
      const msg = responseMessages(record).at(-1)!;
      expect(isEphemeral(msg)).toBe(false);
      expect(quotedText(msg.content)).toBe(h.engine.paragraph(FIXTURE, 2, lang).text);
      expect(buttonLabels(msg).at(-1)).toBe(other);
    }
  });

  it('keeps the Chinese seeds as they were: no switch where there is no other version', async () => {
    const msg = responseMessages(await h.slash('paragraph', { document: 'CTOC/COP/2018/2', number: '65' }, { user: h.newUser(), locale: 'en-US' })).at(-1)!;
    expect(buttonIds(msg).filter((id) => id.startsWith('ver:'))).toEqual([]);
    expect(msg.content).not.toContain('also in');
  });
});

describe('Cite from a language version', () => {
  it('quotes the English words and links the English version in both footnotes', async () => {
    const msg = responseMessages(await h.slash('paragraph', { document: FIXTURE, number: '3' }, { user: h.newUser(), locale: 'en-US' })).at(-1)!;
    const reply = responseMessages(await h.click(msg, buttonIds(msg).find((id) => id.startsWith('ref:'))!, { user: h.newUser(), locale: 'en-US' }));
    const blocks = [
      ...reply
        .map((m) => m.content)
        .join('\n')
        .matchAll(/```text\n([\s\S]*?)\n```/g),
    ].map((m) => m[1]);
    const sentence = 'During the reporting period, the programme trained 240 border officials and 35 labour inspectors in six workshops.';
    expect(h.engine.paragraph(FIXTURE, 3, 'en').text).toContain(sentence);
    expect(blocks).toEqual([
      'SYN/TEST/2024/1, para. 3\nSYN/TEST/2024/1，第3段',
      `“${sentence}”¹\n¹ SYN/TEST/2024/1, para. 3, available at ${EN_URL}.`,
      `「${sentence}」¹\n¹ SYN/TEST/2024/1，第3段，见 ${EN_URL}。`,
    ]);
  });
});
