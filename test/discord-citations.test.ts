/**
 * Citations the way the UN cites, end to end through the real discord.js client and the fake Discord over the
 * real engine and seeds: answers whose sources link to the official texts (checked against the metadata),
 * `/document` for every seed, the Cite button's references in both languages, and `/paragraph 4(b)`.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../retrieval/types.js';
import { type Harness, startHarness } from './fake-discord/harness.js';
import { buttonIds, isEphemeral, linkButtons, responseMessages, unescapeText, unsafePayloads } from './fake-discord/inspect.js';
import type { FakeMessage } from './fake-discord/payloads.js';
import { citationsOf } from './helpers/answers.js';

const metadata = JSON.parse(await readFile('seeds/metadata.json', 'utf8')) as Record<string, Omit<DocumentMeta, 'source'>>;
const TIP = '000_8c987accfb8d7853';
const WORKING_GROUP = '002_fd7eaa732a510636';
const link = (source: string, lang: 'zh' | 'en') => (metadata[source]!.symbol ? `https://undocs.org/${lang}/${metadata[source]!.symbol}` : null);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  expect(unsafePayloads(h.fake)).toEqual([]);
  await h?.stop();
});

/** The code blocks of a message, as a user copies them. */
const codeBlocks = (content: string) => [...content.matchAll(/```text\n([\s\S]*?)\n```/g)].map((m) => m[1]);
const allContent = (messages: FakeMessage[]) => messages.map((m) => m.content).join('\n');

describe('answers link their sources', () => {
  it('links each source to its official text exactly when the document has a symbol, in both languages', async () => {
    for (const [question, lang] of [
      ['What is the Blue Heart Campaign?', 'en'],
      ['贩运人口问题工作组建议会员国建立什么数据库？', 'zh'],
      ['Which replies did the Secretary-General receive on ECOSOC resolution 2006/27?', 'en'],
    ] as const) {
      const record = await h.slash('ask', { question }, { user: h.newUser() });
      const embed = responseMessages(record)[0]!.embeds[0] as any;
      const expected = await h.engine.ask(question);
      const shown = [...new Map(citationsOf(expected).map((c) => [c.unitKey, c])).values()];
      expect(shown.length).toBeGreaterThan(0);
      const lines = embed.fields[0].value.split('\n');
      shown.forEach((c, i) => {
        const url = link(c.source, lang);
        expect(lines[i]).toBe(url ? `• [${c.label}](${url})` : `• ${c.label}`);
      });
    }
  });

  it('puts a link button for the official text on the 📄 view of a document with a symbol, and none otherwise', async () => {
    const sources = new Set<string>();
    // One answer from a document with a symbol, one from the draft without.
    for (const question of ['蓝心运动的全国学校作文比赛有多少学生参加？', '工作组建议会员国建立什么数据库？']) {
      const answer = responseMessages(await h.slash('ask', { question }, { user: h.newUser() }))[0]!;
      for (const id of buttonIds(answer).filter((b) => b.startsWith('cite:'))) {
        const source = id.split(':')[2]!;
        sources.add(source);
        const shown = responseMessages(await h.click(answer, id, { user: h.newUser() }));
        const url = link(source, 'zh');
        expect(linkButtons(shown.at(-1)!)).toEqual(url ? [{ label: '正式文本', url }] : []);
      }
    }
    expect([...sources]).toEqual(expect.arrayContaining([TIP, WORKING_GROUP]));
  });
});

describe('Cite', () => {
  it('gives the reference in both languages and the answer’s quote with a footnote, in code blocks, to the clicker only', async () => {
    const question = '蓝心运动的全国学校作文比赛有多少学生参加？';
    const record = await h.slash('ask', { question }, { user: h.newUser() });
    const answer = responseMessages(record)[0]!;
    const expected = citationsOf(await h.engine.ask(question))[0]!;
    expect(expected).toMatchObject({ source: TIP, paragraph: 65 });
    const view = responseMessages(await h.click(answer, buttonIds(answer).find((id) => id.startsWith('cite:'))!, { user: h.newUser() }));
    const citeId = buttonIds(view.at(-1)!).find((id) => id.startsWith('ref:'))!;
    const clicked = await h.click(view.at(-1)!, citeId, { user: h.newUser() });
    const reply = responseMessages(clicked);
    expect(reply.every(isEphemeral)).toBe(true);
    const blocks = codeBlocks(allContent(reply));
    expect(blocks).toEqual([
      'CTOC/COP/2018/2, para. 65\nCTOC/COP/2018/2，第65段',
      `“${expected.quote}”¹\n¹ CTOC/COP/2018/2, para. 65, available at https://undocs.org/en/CTOC/COP/2018/2.`,
      `「${expected.quote}」¹\n¹ CTOC/COP/2018/2，第65段，见 https://undocs.org/zh/CTOC/COP/2018/2。`,
    ]);
    // The quote in the footnote is the paragraph's own words.
    expect(h.engine.paragraph(TIP, 65).text).toContain(expected.quote);
    expect(allContent(reply)).toContain('**引用格式，可直接粘贴：**');
  });

  it('cites a document without a symbol by its short title and invents no link', async () => {
    const record = await h.slash('recommendation', { number: 6 }, { user: h.newUser(), locale: 'en-US' });
    const msg = responseMessages(record).at(-1)!;
    expect(linkButtons(msg)).toEqual([]);
    const reply = responseMessages(await h.click(msg, buttonIds(msg).find((id) => id.startsWith('ref:'))!, { user: h.newUser(), locale: 'en-US' }));
    const unit = h.engine.recommendation(6);
    expect(codeBlocks(allContent(reply))).toEqual([
      'Draft report of the Working Group on Trafficking in Persons (2019), recommendation 6\n贩运人口问题工作组报告草稿（2019），建议 6',
      `“${unit.text}”¹\n¹ Draft report of the Working Group on Trafficking in Persons (2019), recommendation 6.`,
      `「${unit.text}」¹\n¹ 贩运人口问题工作组报告草稿（2019），建议 6。`,
    ]);
    expect(allContent(reply)).not.toMatch(/https?:/);
    expect(allContent(reply)).toContain('**The reference, ready to paste:**');
  });

  it('refuses a tampered button for a subparagraph the paragraph lacks, privately, in the clicker’s language', async () => {
    const record = await h.slash('paragraph', { document: TIP, number: '4(b)' }, { user: h.newUser() });
    const msg = responseMessages(record).at(-1)!;
    const reply = responseMessages(await h.click(msg, `ref:en:${TIP}:p:4:x:0-10`, { user: h.newUser() }));
    expect(reply.every(isEphemeral)).toBe(true);
    expect(allContent(reply)).toBe('CTOC/COP/2018/2, para. 4 has no subparagraph (x): its subparagraphs are (a)–(d).');
  });
});

describe('/paragraph with a subparagraph', () => {
  it('shows para. 4 (b) under its own reference, then the whole paragraph, and Cite gives para. 4 (b) in both languages', async () => {
    const record = await h.slash('paragraph', { document: 'CTOC/COP/2018/2', number: '4(b)' }, { user: h.newUser(), locale: 'en-US' });
    const messages = responseMessages(record);
    expect(isEphemeral(messages[0]!)).toBe(false);
    const content = allContent(messages);
    const unit = h.engine.paragraph(TIP, 4);
    expect(content.split('\n').slice(0, 2)).toEqual(['**CTOC/COP/2018/2, para. 4 (b)**', '> (b)支持政府间和机构间合作与协调；']);
    expect(content).toContain('-# In CTOC/COP/2018/2, para. 4:');
    expect(content).toContain('**CTOC/COP/2018/2, para. 4**');
    expect(
      unescapeText(
        content
          .split('\n')
          .filter((l) => l.startsWith('> '))
          .slice(1)
          .map((l) => l.slice(2))
          .join('\n'),
      ),
    ).toBe(unit.text);
    const last = messages.at(-1)!;
    expect(linkButtons(last)).toEqual([{ label: 'Official text', url: 'https://undocs.org/en/CTOC/COP/2018/2' }]);
    const reply = responseMessages(await h.click(last, buttonIds(last).find((id) => id.startsWith('ref:'))!, { user: h.newUser() }));
    expect(codeBlocks(allContent(reply))).toEqual([
      'CTOC/COP/2018/2, para. 4 (b)\nCTOC/COP/2018/2，第4(b)段',
      '“(b)支持政府间和机构间合作与协调；”¹\n¹ CTOC/COP/2018/2, para. 4 (b), available at https://undocs.org/en/CTOC/COP/2018/2.',
      '「(b)支持政府间和机构间合作与协调；」¹\n¹ CTOC/COP/2018/2，第4(b)段，见 https://undocs.org/zh/CTOC/COP/2018/2。',
    ]);
  });

  it('accepts 44 as before and answers a bad number or letter only to the asker', async () => {
    const plain = responseMessages(await h.slash('paragraph', { document: TIP, number: '44' }, { user: h.newUser(), locale: 'zh-CN' }));
    expect(plain[0]!.content.split('\n')[0]).toBe('**CTOC/COP/2018/2 第44段**');
    for (const [number, message] of [
      ['4(f)', 'CTOC/COP/2018/2 第4段没有(f)项：该段的分项为 (a)–(d)。'],
      ['four', '“four”不是段落编号：请写成 44，分项写成 44(b)。'],
      ['75', 'CTOC/COP/2018/2 没有第75段：段落编号为 1–74。'],
    ]) {
      const record = await h.slash('paragraph', { document: TIP, number }, { user: h.newUser(), locale: 'zh-CN' });
      const shown = responseMessages(record);
      expect(shown.every(isEphemeral)).toBe(true);
      expect(allContent(shown)).toBe(message);
    }
  });
});

describe('/document', () => {
  it('shows the card of every seed: titles in both languages, symbol, status, body, session, agenda item, date, counts, sections, link', async () => {
    for (const info of h.engine.documents()) {
      const meta = metadata[info.meta.source]!;
      for (const lang of ['en', 'zh'] as const) {
        const record = await h.slash('document', { document: info.meta.source }, { user: h.newUser(), locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
        const [msg] = responseMessages(record);
        expect(isEphemeral(msg!)).toBe(false);
        const embed = msg!.embeds[0] as any;
        const field = (name: string) => unescapeText(embed.fields.find((f: any) => f.name === name)?.value ?? '');
        const name = meta.symbol ?? meta.shortTitle[lang];
        expect(unescapeText(embed.title)).toBe(name);
        expect(embed.url).toBe(link(info.meta.source, lang) ?? undefined);
        const L =
          lang === 'en'
            ? {
                tz: 'Title (Chinese)',
                te: 'Title (English)',
                sym: 'Symbol',
                st: 'Status',
                body: 'Body',
                ses: 'Session',
                ag: 'Agenda item',
                date: 'Date',
                p: 'Paragraphs',
                r: 'Recommendations',
                sec: 'Sections',
                link: 'Official text',
              }
            : {
                tz: '标题（中文）',
                te: '标题（英文）',
                sym: '文号',
                st: '状态',
                body: '机构',
                ses: '会议',
                ag: '议程项目',
                date: '日期',
                p: '段落',
                r: '建议',
                sec: '章节',
                link: '正式文本',
              };
        expect(field(L.tz)).toBe(meta.title.zh);
        expect(field(L.te)).toBe(meta.title.en);
        expect(field(L.sym)).toBe(meta.symbol ?? (lang === 'en' ? 'none confirmed' : '未确认'));
        expect(field(L.st)).toBe(lang === 'en' ? meta.status : { draft: '草稿', final: '定稿' }[meta.status]);
        expect(field(L.body)).toBe(meta.body);
        expect(field(L.ses)).toBe(meta.session);
        expect(field(L.ag)).toBe(meta.agendaItem ?? '–');
        expect(field(L.date)).toBe(meta.date);
        expect(field(L.p)).toBe(`${info.paragraphs.count} (${info.paragraphs.first}–${info.paragraphs.last})`);
        expect(field(L.r)).toBe(String(info.recommendations));
        const sections = field(L.sec).split('\n');
        expect(sections).toHaveLength(info.sections.length);
        expect(sections[0]).toBe(
          lang === 'en'
            ? `${info.sections[0]!.heading} · paras. 1–${info.sections[0]!.last}`
            : `${info.sections[0]!.heading} · 第1至${info.sections[0]!.last}段`,
        );
        const url = link(info.meta.source, lang);
        const other = link(info.meta.source, lang === 'en' ? 'zh' : 'en');
        expect(embed.fields.at(-1).name).toBe(L.link);
        expect(embed.fields.at(-1).value).toBe(
          url
            ? lang === 'en'
              ? `[English](${url}) · [Chinese](${other})`
              : `[中文](${url}) · [英文](${other})`
            : lang === 'en'
              ? 'no link without a symbol'
              : '没有文号，无链接',
        );
      }
    }
  });

  it('finds a document by symbol or title and refuses an unknown one privately', async () => {
    const bySymbol = responseMessages(await h.slash('document', { document: 'E/CN.15/2008/6' }, { user: h.newUser() }))[0]!;
    expect((bySymbol.embeds[0] as any).title).toBe('E/CN.15/2008/6');
    const unknown = responseMessages(await h.slash('document', { document: 'A/1/2/3' }, { user: h.newUser() }));
    expect(unknown.every(isEphemeral)).toBe(true);
    expect(allContent(unknown)).toMatch(/Unknown or ambiguous document “A\/1\/2\/3”/);
  });
});
