/**
 * Citations the way the UN cites: every seed's symbol and where it was confirmed, status and agenda item; links
 * to the official text exactly for documents with a symbol (in every front end's output); subparagraphs and
 * the UN's reference forms; document cards.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineOptionsFromEnv } from '../bot/shared/config.js';
import { answerJson, formatAnswer, metaOfEngine } from '../bot/shared/render-answer.js';
import { paragraphPart, unitReference } from '../retrieval/answer/labels.js';
import { verifyCitations } from '../retrieval/answer/verify-citations.js';
import { documentStatus } from '../retrieval/corpus/documents.js';
import { DEFAULT_CITATION_URL_PATTERN, documentUrl, urlPatternProblem } from '../retrieval/corpus/links.js';
import { loadCorpus } from '../retrieval/corpus/load-corpus.js';
import { parseParagraphRef, subparagraphs } from '../retrieval/corpus/subparagraphs.js';
import { createEngine, type Engine } from '../retrieval/index.js';
import type { Answer, Citation, DocumentMeta } from '../retrieval/types.js';
import { loadAnswerCorpus } from './helpers/answer-corpus.js';
import { citationsOf, problemText, relatedOf } from './helpers/answers.js';
import { chatSession } from './helpers/chat-session.js';

type RawMeta = Omit<DocumentMeta, 'source'>;
const metadata = JSON.parse(await readFile('seeds/metadata.json', 'utf8')) as Record<string, RawMeta>;
const TIP = '000_8c987accfb8d7853';
const WORKING_GROUP = '002_fd7eaa732a510636';
const ECOSOC = '004_4f6752799c9842c0';
/** What a correct link is, computed from the metadata alone. */
const expectedUrl = (source: string, lang: 'zh' | 'en') => (metadata[source]!.symbol ? `https://undocs.org/${lang}/${metadata[source]!.symbol}` : null);

const answerable = (await readFile('test/data/answerable.jsonl', 'utf8'))
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { question: string });

let engine: Engine;
let indexDir: string;
beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'citations-'));
  engine = await createEngine({ indexDir, embeddings: 'off', log: () => {} });
});
afterAll(async () => {
  await engine.close();
  await rm(indexDir, { recursive: true, force: true });
});

describe('seed metadata', () => {
  it('gives each symbol the source it was confirmed from, and a document text source names a line holding the symbol', async () => {
    for (const [source, meta] of Object.entries(metadata)) {
      expect(meta.symbol === null).toBe(meta.symbolSource === null);
      const line = /^document text: line (\d+)/.exec(meta.symbolSource ?? '');
      if (line) {
        const lines = (await readFile(`seeds/${source}.txt`, 'utf8')).split('\n');
        expect(lines[Number(line[1]) - 1]).toContain(meta.symbol);
      } else if (meta.symbolSource) {
        expect(meta.symbolSource).toMatch(/^https:\/\//);
      }
    }
    expect(metadata[TIP]!.symbol).toBe('CTOC/COP/2018/2');
    expect(metadata[ECOSOC]!.symbol).toBe('E/CN.15/2008/6');
  });

  it('records status and agenda item as the title blocks give them', async () => {
    expect(Object.fromEntries(Object.entries(metadata).map(([s, m]) => [s.slice(0, 3), [m.status, m.agendaItem]]))).toEqual({
      '000': ['final', '2 (b)'],
      '001': ['final', '4'],
      '002': ['draft', null],
      '003': ['final', '2 (c)'],
      '004': ['final', null],
    });
    // The stored status is the one the general rule derives.
    for (const m of Object.values(metadata)) expect(documentStatus(m.symbol, m.title)).toBe(m.status);
  });

  it('fills defaults for entries written before these fields existed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meta-defaults-'));
    try {
      await cp('seeds', dir, { recursive: true });
      const old = Object.fromEntries(Object.entries(metadata).map(([s, { symbolSource: _a, status: _b, agendaItem: _c, ...rest }]) => [s, rest]));
      await writeFile(join(dir, 'metadata.json'), JSON.stringify(old));
      const metas = (await loadCorpus(dir)).documents.map((d) => d.meta);
      expect(metas.map((m) => [m.status, m.agendaItem, m.symbolSource === null])).toEqual([
        ['final', null, true],
        ['final', null, true],
        ['draft', null, true],
        ['final', null, true],
        ['final', null, true],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('status rule', () => {
  it('reads L. in a symbol and 草稿 / draft in a title', () => {
    const title = { zh: '报告', en: 'Report' };
    expect(documentStatus('CTOC/COP/WG.4/2010/L.1', title)).toBe('draft');
    expect(documentStatus('A/C.3/73/L.5/Rev.1', title)).toBe('draft');
    expect(documentStatus('CTOC/COP/2018/2', { zh: '报告草稿', en: 'Draft report' })).toBe('final');
    expect(documentStatus('E/CN.15/2008/L.1/Add.3', title)).toBe('draft');
    expect(documentStatus('A/HRC/L/1', title)).toBe('final');
    expect(documentStatus(null, { zh: '贩运人口问题工作组报告草稿', en: 'x' })).toBe('draft');
    expect(documentStatus(null, { zh: 'x', en: 'Draft report of the Working Group' })).toBe('draft');
    expect(documentStatus(null, { zh: '秘书处的报告', en: 'Report of the Secretariat (redrafted)' })).toBe('final');
  });
});

describe('links', () => {
  it('follows the pattern, escaping each part of the symbol but keeping its slashes', () => {
    expect(documentUrl({ symbol: 'CTOC/COP/2018/2' }, 'zh')).toBe('https://undocs.org/zh/CTOC/COP/2018/2');
    expect(documentUrl({ symbol: 'E/CN.15/2008/6' }, 'en')).toBe('https://undocs.org/en/E/CN.15/2008/6');
    expect(documentUrl({ symbol: 'A/RES/72/1 (Vol. I)' }, 'en', 'https://docs.example/{symbol}?lang={lang}')).toBe(
      'https://docs.example/A/RES/72/1%20(Vol.%20I)?lang=en',
    );
    expect(documentUrl({ symbol: null }, 'en')).toBeNull();
  });

  it('refuses a pattern that cannot make links, at start-up, with the reason', () => {
    expect(urlPatternProblem(DEFAULT_CITATION_URL_PATTERN)).toBeNull();
    expect(urlPatternProblem('https://undocs.org/{lang}/')).toMatch(/must contain \{symbol\}/);
    expect(urlPatternProblem('ftp://x/{symbol}')).toMatch(/https:\/\//);
    expect(urlPatternProblem('{symbol}')).toMatch(/not a URL/);
    expect(() => engineOptionsFromEnv({ CITATION_URL_PATTERN: 'undocs.org/{lang}' })).toThrow(/CITATION_URL_PATTERN .* must contain \{symbol\}/);
    expect(engineOptionsFromEnv({}).citationUrlPattern).toBe(DEFAULT_CITATION_URL_PATTERN);
    expect(engineOptionsFromEnv({ CITATION_URL_PATTERN: 'https://m.example/{symbol}' }).citationUrlPattern).toBe('https://m.example/{symbol}');
  });

  it('puts the right link (or none) on every citation of every answer, in the answer, the terminal text and the JSON', async () => {
    const metaOf = metaOfEngine(engine);
    let linked = 0;
    let unlinked = 0;
    for (const { question } of answerable) {
      const answer = await engine.ask(question);
      const all = [...citationsOf(answer), ...relatedOf(answer)];
      for (const c of all) {
        expect(c.url).toBe(expectedUrl(c.source, answer.lang));
        expect(c.status).toBe(metadata[c.source]!.status);
        if (c.url) linked++;
        else unlinked++;
      }
      const text = formatAnswer(answer, metaOf);
      for (const c of citationsOf(answer)) {
        const line = text.split('\n').find((l) => l.startsWith(`- ${c.label}`))!;
        expect(line.endsWith(` ${expectedUrl(c.source, answer.lang)}`)).toBe(c.url !== null);
        if (!c.url) expect(line).not.toMatch(/https?:/);
      }
      const json = answerJson(answer, metaOf);
      for (const c of [...json.citations, ...json.related, ...json.passages.flatMap((p) => p.citations)]) {
        expect(c.url).toBe(expectedUrl(c.source, answer.lang));
      }
    }
    // Both cases really occur on this set.
    expect(linked).toBeGreaterThan(20);
    expect(unlinked).toBeGreaterThan(20);
  });

  it('follows CITATION_URL_PATTERN when an operator points it elsewhere', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'citations-pattern-'));
    const mirrored = await createEngine({ indexDir: dir, embeddings: 'off', log: () => {}, citationUrlPattern: 'https://mirror.example/{lang}/{symbol}' });
    try {
      const answer = await mirrored.ask('蓝心运动是什么？');
      const tip = citationsOf(answer).find((c) => c.source === TIP)!;
      expect(tip.url).toBe('https://mirror.example/zh/CTOC/COP/2018/2');
      expect(mirrored.documents().find((d) => d.meta.source === ECOSOC)!.url).toEqual({
        zh: 'https://mirror.example/zh/E/CN.15/2008/6',
        en: 'https://mirror.example/en/E/CN.15/2008/6',
      });
    } finally {
      await mirrored.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('withdraws a citation whose link is not its document’s own', async () => {
    const { catalogue } = await loadAnswerCorpus();
    const unit = catalogue.paragraph(TIP, 64);
    const good = catalogue.citation(unit, 'en');
    const passage = (c: Citation) => ({ quote: unit.text.slice(0, 30), citations: [c], role: 'answer' as const, score: 1 });
    const answer = (c: Citation): Answer => ({ outcome: 'answered', confidence: 1, lang: 'en', passages: [passage(c)], related: [], notes: [] });
    expect(verifyCitations(answer(good), catalogue).passages).toHaveLength(1);
    const logged: string[] = [];
    const forged = verifyCitations(answer({ ...good, url: 'https://evil.example/CTOC/COP/2018/2' }), catalogue, (m) => logged.push(m));
    expect(forged.outcome).toBe('not-found');
    expect(logged.join()).toMatch(/link https:\/\/evil\.example\/CTOC\/COP\/2018\/2 is not the cited document's/);
    const unlinkedSource = catalogue.citation(catalogue.paragraph(WORKING_GROUP, 15), 'en');
    expect(unlinkedSource.url).toBeNull();
    expect(verifyCitations(answer({ ...unlinkedSource, url: 'https://undocs.org/en/CTOC/COP/WG.4/2019/L.1' }), catalogue).outcome).toBe('not-found');
  });
});

describe('UN reference forms', () => {
  const tip = metadata[TIP]!;
  const meta = { source: TIP, ...tip };
  const p44 = { kind: 'paragraph' as const, paragraph: 44, recommendation: null };

  it('writes paragraphs, ranges and subparagraphs as the UN does in both languages', () => {
    expect(paragraphPart({ first: 44 }, 'en')).toBe('para. 44');
    expect(paragraphPart({ first: 44, last: 46 }, 'en')).toBe('paras. 44–46');
    expect(paragraphPart({ first: 44, sub: 'b' }, 'en')).toBe('para. 44 (b)');
    expect(paragraphPart({ first: 44, last: 44 }, 'en')).toBe('para. 44');
    expect(paragraphPart({ first: 44 }, 'zh')).toBe('第44段');
    expect(paragraphPart({ first: 44, last: 46 }, 'zh')).toBe('第44至46段');
    expect(paragraphPart({ first: 44, sub: 'b' }, 'zh')).toBe('第44(b)段');
  });

  it('makes copy-ready references: the symbol, a comma, the paragraph', () => {
    expect(unitReference(meta, p44, 'en')).toBe('CTOC/COP/2018/2, para. 44');
    expect(unitReference(meta, p44, 'zh')).toBe('CTOC/COP/2018/2，第44段');
    expect(unitReference(meta, p44, 'en', { first: 44, sub: 'b' })).toBe('CTOC/COP/2018/2, para. 44 (b)');
    expect(unitReference(meta, p44, 'zh', { first: 44, last: 46 })).toBe('CTOC/COP/2018/2，第44至46段');
    const wg = { source: WORKING_GROUP, ...metadata[WORKING_GROUP]! };
    expect(unitReference(wg, { kind: 'recommendation', paragraph: 4, recommendation: 6 }, 'zh')).toBe('贩运人口问题工作组报告草稿（2019），建议 6');
    expect(engine.reference(engine.paragraph(ECOSOC, 8), 'en', { first: 8, sub: 'c' })).toBe('E/CN.15/2008/6, para. 8 (c)');
  });
});

describe('subparagraphs', () => {
  it('finds the lettered items of a paragraph by one rule, each a verbatim slice of the paragraph', () => {
    const items = (source: string, n: number) =>
      subparagraphs(engine.paragraph(source, n).text).map((i) => engine.paragraph(source, n).text.slice(i.start, i.end));
    expect(items(TIP, 4)).toEqual([
      '(a)为实施《禁止贩运人口议定书》和《联合国打击跨国有组织犯罪公约关于打击陆、海、空偷运移民的补充议定书》提供专门技术知识；',
      '(b)支持政府间和机构间合作与协调；',
      '(c)对贩运人口问题开展研究和收集数据，特别是通过两年一期的《全球人口贩运问题报告》；',
      '(d)管理联合国贩运人口特别是妇女和儿童行为受害者自愿信托基金。',
    ]);
    // The last item ends with its sentence, not with the paragraph.
    expect(items(TIP, 39).at(-1)).toBe('(e)受害者保护与支助。');
    // Items one per line.
    expect(items(WORKING_GROUP, 38)[1]).toBe('(b) 秘书处编写的题为“涉及贩运人口的预防犯罪措施”的背景文件（CTOC/COP/WG.4/2019/2）；');
    // "或者" joins (b) to (c) and belongs to neither.
    expect(items(ECOSOC, 8)[1]).toBe('(b)法典编纂工作滞后；');
    // `第2条(b)款` refers to another text's subparagraph: no list here.
    expect(items(TIP, 67)).toEqual([]);
  });

  it('never yields overlapping or out-of-order items on any unit of the corpus', () => {
    let lists = 0;
    for (const unit of engine.units()) {
      const found = subparagraphs(unit.text);
      if (found.length) lists++;
      found.forEach((item, i) => {
        expect(item.letter).toBe(String.fromCharCode(97 + i));
        expect(item.end).toBeGreaterThan(item.start);
        if (i > 0) expect(item.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
        expect(unit.text.slice(item.start, item.end)).toMatch(/^[(（][a-z][)）]/);
      });
    }
    expect(lists).toBeGreaterThanOrEqual(9);
  });

  it('reads 44, 44(b), 44 (b) and 44（b） and nothing else', () => {
    expect(parseParagraphRef('44')).toEqual({ paragraph: 44 });
    expect(parseParagraphRef('44(b)')).toEqual({ paragraph: 44, sub: 'b' });
    expect(parseParagraphRef(' 44 (B) ')).toEqual({ paragraph: 44, sub: 'b' });
    expect(parseParagraphRef('44（b）')).toEqual({ paragraph: 44, sub: 'b' });
    for (const bad of ['', '0', 'b', '44(bb)', '44b', '4.4', '-1', '44()', '1234567']) expect(parseParagraphRef(bad)).toBeNull();
  });

  it('looks a subparagraph up with its paragraph, and says which letters exist when one does not', () => {
    const sub = engine.subparagraph(TIP, 4, 'b');
    expect(sub.text).toBe('(b)支持政府间和机构间合作与协调；');
    expect(sub.unit).toBe(engine.paragraph(TIP, 4));
    expect(problemText(() => engine.subparagraph(TIP, 4, 'f'))).toBe('CTOC/COP/2018/2, para. 4 has no subparagraph (f): its subparagraphs are (a)–(d).');
    expect(problemText(() => engine.subparagraph(TIP, 4, 'f'), 'zh')).toBe('CTOC/COP/2018/2 第4段没有(f)项：该段的分项为 (a)–(d)。');
    expect(problemText(() => engine.subparagraph(TIP, 44, 'a'))).toBe('CTOC/COP/2018/2, para. 44 has no lettered subparagraphs.');
    expect(problemText(() => engine.subparagraph(TIP, 99, 'a'))).toMatch(/valid paragraphs are 1-74/);
  });
});

describe('document facts', () => {
  it('outlines each document: chapters and their sections with the paragraphs under them, covering every paragraph', () => {
    for (const info of engine.documents()) {
      const chapters = info.sections.filter((s) => s.depth === 1);
      expect(chapters[0]!.first).toBe(1);
      expect(chapters.at(-1)!.last).toBe(info.paragraphs.last);
      for (const [a, b] of chapters.slice(1).map((c, i) => [chapters[i]!, c] as const)) expect(b.first).toBe(a.last + 1);
    }
    const tip = engine.documents().find((d) => d.meta.source === TIP)!;
    expect(tip.sections.slice(0, 3)).toEqual([
      { heading: '一. 导言', depth: 1, first: 1, last: 3 },
      { heading: '二 协助各国实施《议定书》的各项活动', depth: 1, first: 4, last: 72 },
      { heading: 'A. 规范性和政策性工作及机构间合作与协调', depth: 2, first: 6, last: 38 },
    ]);
  });
});

describe('terminal chat', () => {
  const session = (lines: string[]) => chatSession(engine, lines);

  it('/info shows the card: both titles, symbol, status, body, session, agenda item, date, counts, sections, link', async () => {
    const out = await session(['/info 000', '/info 002', '/info 贩运人口问题工作组报告草稿']);
    const tip = metadata[TIP]!;
    for (const line of [
      'CTOC/COP/2018/2 · 000_8c987accfb8d7853',
      `Title (Chinese): ${tip.title.zh}`,
      `Title (English): ${tip.title.en}`,
      'Symbol: CTOC/COP/2018/2',
      `Symbol confirmed from: ${tip.symbolSource}`,
      'Status: final',
      `Body: ${tip.body}`,
      `Session: ${tip.session}`,
      'Agenda item: 2 (b)',
      'Date: 2018-07-23',
      'Paragraphs: 74 (1–74)',
      'Recommendations: 0',
      '  一. 导言 · paras. 1–3',
      '    A. 规范性和政策性工作及机构间合作与协调 · paras. 6–38',
      'Official text: English https://undocs.org/en/CTOC/COP/2018/2 · Chinese https://undocs.org/zh/CTOC/COP/2018/2',
      'Draft report of the Working Group on Trafficking in Persons (2019) · 002_fd7eaa732a510636',
      'Symbol: none confirmed',
      'Status: draft',
      'Official text: no link without a symbol',
      '贩运人口问题工作组报告草稿（2019） · 002_fd7eaa732a510636',
      '状态：草稿',
      '文号：未确认',
      '  二. 建议 · 第3至5段',
    ]) {
      expect(out.split('\n').map((l) => l.replace(/^> /, ''))).toContain(line);
    }
  });

  it('/p shows a subparagraph with its paragraph, and refuses a bad number or letter in the asker’s words', async () => {
    const out = await session(['/p CTOC/COP/2018/2 4(b)', '/p 000 4 (c)', '/p 000 4(x)', '/p 000 4b']);
    expect(out).toContain('CTOC/COP/2018/2，第4(b)段  ·  CTOC/COP/2018/2, para. 4 (b)\n(b)支持政府间和机构间合作与协调；\n\nCTOC/COP/2018/2 第4段');
    expect(out).toContain(engine.paragraph(TIP, 4).text);
    expect(out).toContain('CTOC/COP/2018/2, para. 4 (c)\n(c)对贩运人口问题开展研究');
    expect(out).toContain('CTOC/COP/2018/2, para. 4 has no subparagraph (x): its subparagraphs are (a)–(d).');
    expect(out).toContain('“4b” is not a paragraph number: write it as 44, or 44(b) for a subparagraph.');
  });
});

describe('drafts with a symbol', () => {
  it('marks them in answers, sources and unit views, and still links them', async () => {
    // A made-up symbol on a copy of the seeds, only to see a draft that has a symbol: no seed is such a document.
    const dir = await mkdtemp(join(tmpdir(), 'draft-symbol-'));
    await cp('seeds', join(dir, 'seeds'), { recursive: true });
    const meta = { ...metadata, [WORKING_GROUP]: { ...metadata[WORKING_GROUP]!, symbol: 'SYNTHETIC/TEST/L.1', symbolSource: 'test fixture', status: 'draft' } };
    await writeFile(join(dir, 'seeds', 'metadata.json'), JSON.stringify(meta));
    const drafty = await createEngine({ seedsDir: join(dir, 'seeds'), indexDir: join(dir, 'index'), embeddings: 'off', log: () => {} });
    try {
      const answer = await drafty.ask('What did the working group say about speakers joining the Blue Heart Campaign?');
      const text = formatAnswer(answer, metaOfEngine(drafty));
      const cited = citationsOf(answer).find((c) => c.source === WORKING_GROUP)!;
      // The label itself stays the reference people paste; the mark is shown beside it.
      expect(cited.label).toMatch(/^SYNTHETIC\/TEST\/L\.1, para\. \d+$/);
      expect(text).toContain(`According to ${cited.label} (draft): 「`);
      expect(text).toContain(
        `- ${cited.label} (draft) (Draft report of the Working Group on Trafficking in Persons (2019)) https://undocs.org/en/SYNTHETIC/TEST/L.1`,
      );
      const out = await chatSession(drafty, ['/p SYNTHETIC/TEST/L.1 15']);
      expect(out).toContain('SYNTHETIC/TEST/L.1 第15段（草稿）  ·  SYNTHETIC/TEST/L.1, para. 15 (draft)');
    } finally {
      await drafty.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
