/**
 * Every slash command, autocomplete, button and the message context menu, driven through the real discord.js
 * client against the fake Discord, over the real engine (keyword mode) and the real seeds.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../bot/discord/register.js';
import { type Harness, startHarness } from './fake-discord/harness.js';
import { buttonIds, isEphemeral, responseMessages, unescapeText, unsafePayloads } from './fake-discord/inspect.js';
import { citationsOf } from './helpers/answers.js';

const metadata = JSON.parse(await readFile('seeds/metadata.json', 'utf8')) as Record<string, { symbol: string | null; status: string }>;
const TIP = '000_8c987accfb8d7853';
const WORKING_GROUP = '002_fd7eaa732a510636';
const SMUGGLING = '003_eeaba24b4f8e657f';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** The quoted document text of a `**label**\n> …` message, unescaped. */
function quotedText(content: string): string {
  return unescapeText(
    content
      .split('\n')
      .filter((l) => l.startsWith('> '))
      .map((l) => l.slice(2))
      .join('\n'),
  );
}

describe('registration', () => {
  it('registers the seven commands, with their options, to the development guild', () => {
    const saved = h.fake.registered.get(h.fake.guild.id)!;
    const byName = Object.fromEntries(saved.map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual([
      'Quote cited paragraphs',
      'ask',
      'document',
      'forget-me',
      'paragraph',
      'recommendation',
      'search',
      'settings',
      'sources',
      'stats',
    ]);
    const opts = (name: string) => byName[name].options?.map((o: any) => [o.name, o.type, !!o.required, !!o.autocomplete]) ?? [];
    expect(opts('ask')).toEqual([
      ['question', 3, true, false],
      ['document', 3, false, true],
    ]);
    expect(opts('recommendation')).toEqual([
      ['number', 4, false, true],
      ['document', 3, false, true],
    ]);
    // A string, so that a subparagraph can be named: `44(b)`.
    expect(opts('paragraph')).toEqual([
      ['document', 3, true, true],
      ['number', 3, true, false],
    ]);
    expect(opts('document')).toEqual([['document', 3, true, true]]);
    expect(opts('search')).toEqual([
      ['query', 3, true, false],
      ['document', 3, false, true],
    ]);
    expect(opts('sources')).toEqual([]);
    expect(byName['Quote cited paragraphs'].type).toBe(3);
    expect(byName.ask.type).toBe(1);
  });

  it('registers globally when no guild is configured', async () => {
    const result = await registerCommands({ token: h.fake.token, guildId: null, apiBase: h.fake.apiBase });
    expect(result.scope).toBe('global');
    expect(h.fake.registered.get('global')!.map((c) => c.name)).toEqual(result.names);
  });

  it('fails with the HTTP status for a wrong token', async () => {
    await expect(registerCommands({ token: 'wrong', guildId: null, apiBase: h.fake.apiBase })).rejects.toMatchObject({ status: 401 });
  });
});

describe('/ask', () => {
  it('defers at once, then edits in an embed with the labelled answer, sources and buttons', async () => {
    const question = '什么是蓝心运动？';
    const record = await h.slash('ask', { question }, { user: h.newUser() });
    expect(record.ack?.type).toBe(5);
    expect(record.ack!.at - record.sentAt).toBeLessThan(3000);
    const [msg, ...rest] = responseMessages(record);
    expect(rest).toEqual([]);
    expect(isEphemeral(msg)).toBe(false);
    const expected = await h.engine.ask(question);
    const embed = msg.embeds[0] as any;
    expect(embed.title).toBe(question);
    for (const c of citationsOf(expected)) {
      expect(unescapeText(embed.description)).toContain(`「${c.quote}」`);
      expect(embed.description).toContain(`〔${c.label}〕`);
      expect(h.engine.paragraph(c.source, c.paragraph!).text).toContain(c.quote);
    }
    expect(embed.description).not.toContain('来源：');
    // Each source is its label, linked to the official text when the metadata gives the document a symbol.
    const link = (source: string) => metadata[source].symbol && `https://undocs.org/zh/${metadata[source].symbol}`;
    expect(embed.fields).toEqual([
      {
        name: '来源',
        value: citationsOf(expected)
          .map((c) => (link(c.source) ? `• [${c.label}](${link(c.source)})` : `• ${c.label}`))
          .join('\n'),
      },
    ]);
    // Each 📄 carries where its quote sits in the paragraph, for the Cite button of the view it opens.
    const span = (c: { source: string; paragraph: number | null; quote: string }) => {
      const start = h.engine.paragraph(c.source, c.paragraph!).text.indexOf(c.quote);
      return `${start}-${start + c.quote.length}`;
    };
    expect(buttonIds(msg)).toEqual([...citationsOf(expected).map((c) => `cite:zh:${c.source}:p:${c.paragraph}:${span(c)}`), 'fb:up', 'fb:down']);
  });

  it('frames an English question in English', async () => {
    const record = await h.slash('ask', { question: 'What is the Blue Heart Campaign?' }, { user: h.newUser() });
    const embed = responseMessages(record)[0].embeds[0] as any;
    expect(embed.description).toMatch(/^According to .+, para\. \d+: 「/);
    expect(embed.fields[0].name).toBe('Sources');
    expect(embed.fields[0].value).toMatch(/• \[CTOC\/COP\/2018\/2, para\. \d+\]\(https:\/\/undocs\.org\/en\/CTOC\/COP\/2018\/2\)/);
    expect(embed.footer.text).toMatch(/^confidence \d\.\d\d/);
  });

  it('says clearly when the documents do not answer', async () => {
    const record = await h.slash('ask', { question: 'What will the weather be in Paris tomorrow?' }, { user: h.newUser() });
    const embed = responseMessages(record)[0].embeds[0] as any;
    expect(embed.description).toBe('**Not found in these documents.**');
    expect(embed.fields ?? []).toEqual([]);
  });

  it('restricts the answer to the chosen document', async () => {
    const record = await h.slash('ask', { question: '蓝心运动', document: WORKING_GROUP }, { user: h.newUser() });
    const cites = buttonIds(responseMessages(record)[0]).filter((id) => id.startsWith('cite:'));
    expect(cites.length).toBeGreaterThan(0);
    expect(cites.every((id) => id.startsWith(`cite:zh:${WORKING_GROUP}:`))).toBe(true);
  });

  it('answers an unknown document, an empty and a huge question with an ephemeral message only', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ question: '蓝心运动', document: 'no-such-report' }, /Unknown or ambiguous document “no-such-report”/],
      [{ question: '   ' }, /question is empty/],
      [{ question: '贩运'.repeat(2500) }, /too long \(5000 characters; at most 1000\)/],
    ];
    for (const [options, message] of cases) {
      const record = await h.slash('ask', options, { user: h.newUser() });
      expect(record.deleted).toBe(true);
      const shown = responseMessages(record);
      expect(shown).toHaveLength(1);
      expect(isEphemeral(shown[0])).toBe(true);
      expect(shown[0].content).toMatch(message);
    }
  });

  it('autocompletes documents by symbol or title', async () => {
    const bySymbol = await h.autocomplete('ask', { question: 'x', document: 'CTOC' }, 'document');
    expect(bySymbol).toEqual([{ name: 'CTOC/COP/2018/2 · UNODC Trafficking in Persons Protocol activities report (2018)', value: TIP }]);
    const byTitle = await h.autocomplete('ask', { question: 'x', document: '偷运' }, 'document', { locale: 'zh-CN' });
    expect(byTitle).toEqual([{ name: '偷运移民议定书实施活动报告（2018）', value: SMUGGLING }]);
    expect(await h.autocomplete('ask', { question: 'x', document: '' }, 'document')).toHaveLength(5);
  });
});

describe('answer buttons', () => {
  it('shows a cited paragraph in full, only to the user who clicked', async () => {
    const record = await h.slash('ask', { question: '什么是蓝心运动？' }, { user: h.newUser() });
    const answer = responseMessages(record)[0];
    const citeButton = buttonIds(answer).find((id) => id.startsWith('cite:'))!;
    const [, , source, , n] = citeButton.split(':');
    const click = await h.click(answer, citeButton, { user: h.newUser() });
    const [shown] = responseMessages(click);
    expect(isEphemeral(shown)).toBe(true);
    const unit = h.engine.paragraph(source, Number(n));
    expect(shown.content.split('\n')[0]).toBe(`**${h.engine.label(unit, 'zh')}**`);
    expect(quotedText(shown.content)).toBe(unit.text);
  });

  it('stores 👍/👎 with the question, citations, a salted hash of the user and the time', async () => {
    const question = '贩运人口问题工作组提出了哪些建议？';
    const record = await h.slash('ask', { question }, { user: h.newUser() });
    const answer = responseMessages(record)[0];
    const voter = h.newUser('voter');
    const before = Date.now();
    const up = await h.click(answer, 'fb:up', { user: voter });
    const down = await h.click(answer, 'fb:down', { user: h.newUser() });
    expect(responseMessages(up)[0].content).toBe('Thanks, your feedback was recorded.');
    expect(isEphemeral(responseMessages(down)[0])).toBe(true);
    // Committed rows sit in the write-ahead log until a checkpoint: both files are what is kept on disk.
    const raw = [h.bot.context.store.file, `${h.bot.context.store.file}-wal`].map((f) => (existsSync(f) ? readFileSync(f, 'latin1') : '')).join('');
    expect(raw).not.toContain(voter.id);
    const lines: any[] = h.bot.context.store.feedback.all();
    const mine = lines.find((l) => l.userHash === createHash('sha256').update(`test-salt:${voter.id}`).digest('hex'));
    expect(mine).toMatchObject({ vote: 'up', question, messageId: answer.id, guildId: h.fake.guild.id });
    const cited = buttonIds(answer).filter((id) => id.startsWith('cite:'));
    expect(mine.citations.map((c: any) => `cite:zh:${c.source}:p:${c.paragraph}`)).toEqual(cited.map((id) => id.replace(/:\d+-\d+$/, '')));
    expect(mine.citations[0].label).toMatch(/第\d+段$/);
    expect(Date.parse(mine.time)).toBeGreaterThanOrEqual(before - 1000);
    expect(
      lines
        .filter((l) => l.messageId === answer.id)
        .map((l) => l.vote)
        .sort(),
    ).toEqual(['down', 'up']);
  });
});

describe('votes', () => {
  it('counts one vote per person per answer: a second click changes or withdraws it, and the reply says so', async () => {
    const record = await h.slash('ask', { question: '什么是蓝心运动？' }, { user: h.newUser() });
    const answer = responseMessages(record)[0];
    const voter = h.newUser('twice');
    const replies = [];
    for (const id of ['fb:up', 'fb:down', 'fb:down', 'fb:up']) replies.push(responseMessages(await h.click(answer, id, { user: voter }))[0].content);
    expect(replies).toEqual([
      'Thanks, your feedback was recorded.',
      'Your vote on this answer is now 👎 (it replaces your earlier one).',
      'Your 👎 on this answer was withdrawn. Click again to vote.',
      'Thanks, your feedback was recorded.',
    ]);
    const zh = await h.click(answer, 'fb:up', { user: voter, locale: 'zh-CN' });
    expect(responseMessages(zh)[0].content).toBe('您对这个回答的 👍 已撤回。再次点击即可重新评价。');
    const hash = createHash('sha256').update(`test-salt:${voter.id}`).digest('hex');
    const mine = h.bot.context.store.feedback.all().filter((l) => l.userHash === hash);
    expect(mine.map((l) => [l.vote, l.previous])).toEqual([
      ['up', null],
      ['down', 'up'],
      [null, 'down'],
      ['up', null],
      [null, 'up'],
    ]);
  });
});

describe('/recommendation', () => {
  it('quotes recommendation N exactly with its label and section', async () => {
    const record = await h.slash('recommendation', { number: 6 }, { user: h.newUser(), locale: 'zh-CN' });
    const [msg] = responseMessages(record);
    const unit = h.engine.recommendation(6);
    expect(isEphemeral(msg)).toBe(false);
    expect(msg.content.split('\n')[0]).toBe('**贩运人口问题工作组报告草稿（2019）建议 6**');
    expect(quotedText(msg.content)).toBe(unit.text);
    expect(msg.content).toContain(`-# ${unit.section.join(' › ')}`);
  });

  it('uses English labels for an English client', async () => {
    const record = await h.slash('recommendation', { number: 6 }, { user: h.newUser(), locale: 'en-GB' });
    expect(responseMessages(record)[0].content.split('\n')[0]).toBe('**Draft report of the Working Group on Trafficking in Persons (2019), recommendation 6**');
  });

  it('pages through all recommendations with buttons', async () => {
    const user = h.newUser();
    const first = await h.slash('recommendation', {}, { user, locale: 'zh-CN' });
    let page = structuredClone(responseMessages(first)[0]);
    const pages = [page];
    for (let guard = 0; guard < 20; guard++) {
      const next = (page.components as any[])[0]?.components.find((b: any) => b.custom_id.startsWith('page:') && b.label === '下一页');
      if (!next || next.disabled) break;
      const click = await h.click(page, next.custom_id, { user, locale: 'zh-CN' });
      expect(click.ack?.type).toBe(7);
      page = { ...page, ...(click.responses[0].body.data as object) };
      pages.push(page);
    }
    expect(pages.length).toBeGreaterThan(1);
    const titles = pages.map((p) => (p.embeds[0] as any).title);
    expect(titles).toEqual(pages.map((_, i) => `建议（第 ${i + 1}/${pages.length} 页）`));
    const text = pages.map((p) => (p.embeds[0] as any).description).join('\n');
    const labels = [...text.matchAll(/\*\*贩运人口问题工作组报告草稿（2019）建议 (\d+)\*\*(?!（续）)/g)].map((m) => Number(m[1]));
    expect(labels).toEqual(h.engine.recommendations().map((u) => u.recommendation));
  });

  it('autocompletes numbers with a preview of each recommendation', async () => {
    const choices = await h.autocomplete('recommendation', { number: '1' }, 'number', { locale: 'zh-CN' });
    expect(choices.map((c) => c.value)).toEqual([1, 10, 11]);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.name.startsWith(`贩运人口问题工作组报告草稿（2019）建议 ${c.value}: `)).toBe(true);
      expect(h.engine.recommendation(c.value as number).text.replace(/\s+/g, ' ')).toContain(c.name.split(': ')[1].replace(/…$/, ''));
    }
  });

  it('tells the valid range for a number that does not exist', async () => {
    const record = await h.slash('recommendation', { number: 99 }, { user: h.newUser() });
    const [msg] = responseMessages(record);
    expect(isEphemeral(msg)).toBe(true);
    expect(msg.content).toBe('Recommendation 99 does not exist: valid numbers are 1-11.');
  });
});

describe('/paragraph', () => {
  it('posts the exact paragraph publicly under its label', async () => {
    const record = await h.slash('paragraph', { document: TIP, number: 44 }, { user: h.newUser() });
    const [msg] = responseMessages(record);
    expect(isEphemeral(msg)).toBe(false);
    expect(msg.content.split('\n')[0]).toBe('**CTOC/COP/2018/2, para. 44**');
    expect(quotedText(msg.content)).toBe(h.engine.paragraph(TIP, 44).text);
  });

  it('accepts a typed symbol instead of an autocompleted choice', async () => {
    const record = await h.slash('paragraph', { document: 'CTOC/COP/2018/2', number: 1 }, { user: h.newUser(), locale: 'zh-CN' });
    expect(responseMessages(record)[0].content.split('\n')[0]).toBe('**CTOC/COP/2018/2 第1段**');
  });

  it('answers an out-of-range number privately with the valid range', async () => {
    const record = await h.slash('paragraph', { document: TIP, number: 75 }, { user: h.newUser() });
    const [msg] = responseMessages(record);
    expect(isEphemeral(msg)).toBe(true);
    expect(msg.content).toBe('CTOC/COP/2018/2, para. 75 does not exist: valid paragraphs are 1-74.');
  });

  it('words a lookup error in Chinese for a Chinese-locale user', async () => {
    const record = await h.slash('paragraph', { document: '000', number: 99 }, { user: h.newUser(), locale: 'zh-CN' });
    const [msg] = responseMessages(record);
    expect(isEphemeral(msg)).toBe(true);
    expect(msg.content).toBe('CTOC/COP/2018/2 没有第99段：段落编号为 1–74。');
  });
});

describe('/search and /sources', () => {
  it('lists the top paragraphs with scores, best first', async () => {
    const query = '蓝心运动';
    const record = await h.slash('search', { query }, { user: h.newUser() });
    const embed = responseMessages(record)[0].embeds[0] as any;
    const expected = await h.engine.search(query, { k: 5 });
    expect(embed.title).toBe('搜索：蓝心运动');
    expect(embed.fields.map((f: any) => f.name)).toEqual(expected.map((r, i) => `${i + 1}. ${h.engine.label(r.unit, 'zh')} · 得分 ${r.score.toFixed(3)}`));
    const scores = expected.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const shown = unescapeText(embed.fields[0].value.replace(/^> /, '')).replace(/…$/, '');
    expect(shown.length).toBeGreaterThan(20);
    expect(expected[0].unit.text.startsWith(shown)).toBe(true);
  });

  it('lists every document with symbol, title and counts', async () => {
    const record = await h.slash('sources', {}, { user: h.newUser() });
    const embed = responseMessages(record)[0].embeds[0] as any;
    expect(embed.title).toBe('Documents (5)');
    expect(embed.description).toContain(`**CTOC/COP/2018/2** · \`${TIP}\``);
    expect(embed.description).toContain('74 paragraphs (1–74) · 0 recommendations');
    expect(embed.description).toContain('39 paragraphs (1–39) · 11 recommendations');
    expect(embed.description).toContain('93 paragraphs (1–93) · 0 recommendations');
    expect(embed.description).toContain('Draft report of the Working Group on Trafficking in Persons');
  });
});

describe('message context menu "Quote cited paragraphs"', () => {
  it('quotes every paragraph and recommendation the message cites', async () => {
    const author = h.newUser('debater');
    const target = h.fake.postMessage({ author, content: 'As CTOC/COP/2018/2, para. 44 says, and see 建议 6 too.' });
    const record = await h.messageMenu('Quote cited paragraphs', target, { user: h.newUser() });
    const shown = responseMessages(record);
    expect(shown.every((m) => !isEphemeral(m))).toBe(true);
    const text = shown.map((m) => m.content).join('\n');
    expect(text).toContain('**CTOC/COP/2018/2, para. 44**');
    expect(text).toContain('**Draft report of the Working Group on Trafficking in Persons (2019), recommendation 6**');
    expect(unescapeText(text)).toContain(h.engine.paragraph(TIP, 44).text.slice(0, 60));
  });

  it('tells the user privately when the message cites nothing', async () => {
    const target = h.fake.postMessage({ author: h.newUser(), content: 'I disagree with all of this.' });
    const record = await h.messageMenu('Quote cited paragraphs', target, { user: h.newUser() });
    const [msg] = responseMessages(record);
    expect(isEphemeral(msg)).toBe(true);
    expect(msg.content).toMatch(/^No paragraph citation found in this message/);
  });
});

describe('every payload the bot sent in this file', () => {
  it('disabled mentions and respected Discord limits', () => {
    expect(h.fake.messagePayloads().length).toBeGreaterThan(20);
    expect(unsafePayloads(h.fake)).toEqual([]);
    expect(h.logs.filter((l) => l.includes('failed'))).toEqual([]);
  });
});
