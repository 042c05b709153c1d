/**
 * Official language versions of one document (issue 15, part 5), on a copy of the seeds with the SYNTHETIC
 * two-language fixture (test/fixtures/versions/): the English parser path, loading versions declared in the
 * metadata, alignment by paragraph number with mismatches reported, retrieval over every version, answers quoting
 * the asker's version and offering the other, links in the quoted version's language, and every front end's text.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVersions } from '../bot/console/format-unit.js';
import { answerJson, formatAnswer, metaOfEngine } from '../bot/shared/render-answer.js';
import { strings } from '../bot/shared/strings.js';
import { splitSentences } from '../retrieval/answer/split-sentences.js';
import { verifyCitations } from '../retrieval/answer/verify-citations.js';
import { loadCorpus } from '../retrieval/corpus/load-corpus.js';
import { removeDocument } from '../retrieval/corpus/manage.js';
import type { DocumentProblem } from '../retrieval/corpus/report.js';
import { loadOrBuildIndexes } from '../retrieval/index/index-store.js';
import { createEngine, type Engine } from '../retrieval/index.js';
import { parseText } from '../retrieval/parse/index.js';
import { englishStems } from '../retrieval/query/english-stems.js';
import { Tokenizer } from '../retrieval/query/tokenize.js';
import { type Answer, citationKey, type Unit, unitKey } from '../retrieval/types.js';
import { loadAnswerCorpus } from './helpers/answer-corpus.js';
import { citationsOf } from './helpers/answers.js';
import { chatSession } from './helpers/chat-session.js';
import { EVERY_DENSE_HIT } from './helpers/fusion.js';
import { FIXTURE, FIXTURE_EN, FIXTURE_ZH, type FixtureFiles, fixtureFiles, seedsWithVersions, type VersionsCorpus } from './helpers/versions-corpus.js';

const EN_URL = 'https://undocs.org/en/SYN/TEST/2024/1';
const ZH_URL = 'https://undocs.org/zh/SYN/TEST/2024/1';
const SEED_UNITS = 304;

let corpus: VersionsCorpus;
let engine: Engine;
let indexDir: string;
let files: FixtureFiles;
beforeAll(async () => {
  files = await fixtureFiles();
  corpus = await seedsWithVersions();
  indexDir = await mkdtemp(join(tmpdir(), 'versions-index-'));
  engine = await createEngine({ seedsDir: corpus.seedsDir, indexDir, embeddings: 'off', log: () => {} });
});
afterAll(async () => {
  await engine?.close();
  await corpus?.remove();
  await rm(indexDir, { recursive: true, force: true });
});

const problemsOf = async (edit: (f: FixtureFiles) => FixtureFiles) => {
  const edited = await seedsWithVersions(edit);
  try {
    const loaded = await loadCorpus(edited.seedsDir);
    const reports = (loaded.reports ?? []).filter((r) => r.source === FIXTURE);
    return { loaded, reports, problems: (file: string) => reports.find((r) => r.file === file)?.problems ?? [] };
  } finally {
    await edited.remove();
  }
};
const words = (p: DocumentProblem) => strings('en').documentProblem(p);

describe('the English parser path', () => {
  const parsed = () => parseText(files.en, FIXTURE);

  it('reads the English version as English: numbered paragraphs, English headings, a recommendation', () => {
    const p = parsed();
    expect(p.lang).toBe('en');
    expect(p.problems).toEqual([]);
    expect(p.units.map((u) => [u.kind, u.paragraph, u.recommendation])).toEqual([
      ['paragraph', 1, null],
      ['paragraph', 2, null],
      ['paragraph', 3, null],
      ['paragraph', 4, null],
      ['paragraph', 5, null],
      ['paragraph', 6, null],
      ['recommendation', 6, 1],
      ['paragraph', 7, null],
    ]);
    expect(p.units.every((u) => u.lang === 'en')).toBe(true);
    expect(p.units[2]!.section).toEqual(['II. Activities of the programme', 'A. Training']);
    expect(p.units[6]!.text).toBe('The programme should keep the Harbourlight hotline open at night.');
    expect(p.outline.filter((o) => o.kind === 'heading').map((o) => (o as { text: string }).text)).toEqual([
      'I. Introduction',
      'II. Activities of the programme',
      'A. Training',
      'B. The Harbourlight hotline',
      'III. Conclusions',
    ]);
  });

  it('takes the footnote out, its mark glued to the sentence end, and books every character', () => {
    const p = parsed();
    // The mark `1` after "workshops." and the note under the rule are footnote text, not paragraph text.
    expect(p.units[2]!.text).toBe('During the reporting period, the programme trained 240 border officials and 35 labour inspectors in six workshops.');
    expect(p.outline.filter((o) => o.kind === 'footnote').map((o) => (o as { text: string }).text)).toEqual([
      '1 The workshops were held in the fictional town of Saltby.',
    ]);
    // Numbers in running text are never taken for marks: 240, 35, 1,150, 2021, 2025 stay.
    for (const n of ['240', '35', '1,150', 'March 2021', '2025']) expect(p.units.some((u) => u.text.includes(n))).toBe(true);
    const booked = Object.values(p.characters.booked).reduce((a, b) => a + b, 0);
    expect(booked).toBe(p.characters.source);
    expect(p.characters.booked.unplaced).toBe(0);
    // The mark and the note with its number.
    expect(p.characters.booked.footnote).toBe('1'.length + '1The workshops were held in the fictional town of Saltby.'.replace(/\s/g, '').length);
  });

  it('joins wrapped English lines with a space, and keeps a hyphen at a line end', () => {
    const wrapped = parseText(
      'I. Introduction\n\n1. The programme helps border officials identify victims of\ntrafficking in persons and anti-\ntrafficking work.\n',
      'x',
    );
    expect(wrapped.units[0]!.text).toBe('The programme helps border officials identify victims of trafficking in persons and anti-trafficking work.');
  });

  it('still reads the Chinese version, and the seeds, as Chinese', async () => {
    expect(parseText(files.zh, FIXTURE).units.map((u) => u.lang)).toEqual(Array(8).fill('zh'));
    expect(
      new Set(
        engine
          .units()
          .filter((u) => u.source !== FIXTURE)
          .map((u) => u.lang),
      ),
    ).toEqual(new Set(['zh']));
  });
});

describe('reading English text', () => {
  it('stems English words with a maintained stemmer, stopwords out, numbers as the index writes them', () => {
    expect(englishStems("UNODC's trafficking victims, 1,200 traffickers trafficked in 2018 (para. 4(b))")).toEqual([
      'unodc',
      'traffick',
      'victim',
      '1200',
      'traffick',
      'traffick',
      '2018',
      'para',
      '4',
    ]);
  });

  it('ends English sentences at a full stop before a capital, not after an abbreviation or an initial', () => {
    const text = 'UNODC (see para. 41 above) held workshops in the U.S. and e.g. Mexico. Ms. Sewpaul spoke; J. Smith agreed. 2018 was the year.';
    expect(splitSentences(text, { lang: 'en' }).map((s) => s.text)).toEqual([
      'UNODC (see para. 41 above) held workshops in the U.S. and e.g. Mexico.',
      'Ms. Sewpaul spoke;',
      'J. Smith agreed.',
      '2018 was the year.',
    ]);
    for (const s of splitSentences(text, { lang: 'en' })) expect(text.slice(s.start, s.end)).toBe(s.text);
    // In Chinese text an ASCII dot still ends nothing.
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'UNODC (see para. 41 above) held workshops in the U.S. and e.g. Mexico. Ms. Sewpaul spoke;',
      'J. Smith agreed. 2018 was the year.',
    ]);
  });

  it('leaves a corpus without English text read as before: no English reading, the keyword index its own Chinese view', async () => {
    const seedsOnly = await loadAnswerCorpus();
    expect((await seedsOnly.retrieve('When was the Harbourlight programme launched?')).analysis.en).toBeUndefined();
    expect(seedsOnly.index.forLang('zh')).toBe(seedsOnly.index);
    expect(seedsOnly.ctx.english).toBeUndefined();
  });
});

describe('versions declared in the metadata', () => {
  it('loads the two files as one document with both languages, its units keyed per version', () => {
    const doc = engine.documents().find((d) => d.meta.source === FIXTURE)!;
    expect(doc.meta.languages).toEqual(['zh', 'en']);
    expect(doc.meta.versioned).toBe(true);
    expect(doc.paragraphs).toEqual({ count: 7, first: 1, last: 7 });
    expect(doc.sectionsIn.en!.map((s) => s.heading)).toEqual([
      'I. Introduction',
      'II. Activities of the programme',
      'A. Training',
      'B. The Harbourlight hotline',
      'III. Conclusions',
    ]);
    expect(engine.status().documents).toBe(6);
    expect(engine.status().units).toBe(SEED_UNITS + 16);
    const zh = engine.paragraph(FIXTURE, 5, 'zh');
    const en = engine.paragraph(FIXTURE, 5, 'en');
    expect([unitKey(zh), unitKey(en)]).toEqual([`${FIXTURE}#p5`, `${FIXTURE}#p5@en`]);
    // One citation in two languages.
    expect(citationKey(zh)).toBe(citationKey(en));
    expect(en.text).toContain('1,150 calls');
    expect(zh.text).toContain('1,150个电话');
    expect(engine.versions(en)).toEqual([zh]);
    // Without a language, lookups give the first version; a language the document lacks falls back to it too.
    expect(engine.paragraph(FIXTURE, 5)).toBe(zh);
    expect(engine.paragraph('000_8c987accfb8d7853', 44, 'en').lang).toBe('zh');
    expect(engine.recommendation(1, FIXTURE, 'en').text).toBe('The programme should keep the Harbourlight hotline open at night.');
  });

  it('reports each version file, both loaded, nothing lost', () => {
    const reports = engine.reports().filter((r) => r.source === FIXTURE);
    // In the order the metadata declares them.
    expect(reports.map((r) => [r.file, r.lang, r.version, r.loaded, r.paragraphs, r.recommendations, r.problems])).toEqual([
      [FIXTURE_ZH, 'zh', true, true, 7, 1, []],
      [FIXTURE_EN, 'en', true, true, 7, 1, []],
    ]);
    for (const r of reports) expect(Object.values(r.characters.booked).reduce((a, b) => a + b, 0)).toBe(r.characters.source);
    expect(strings('en').documentReport(reports[1]!)).toMatch(
      /^synthetic_harbourlight\.en\.txt \(utf-8, English version of synthetic_harbourlight\): 7 paragraphs, 1 recommendations, no summary · .* · 1,314 of 1,314 characters accounted for$/,
    );
  });

  it('refuses a version whose text is not in its declared language, and loads the document with the other', async () => {
    const { loaded, problems } = await problemsOf((f) => ({ ...f, entry: { ...f.entry, versions: { zh: FIXTURE_EN, en: FIXTURE_ZH } } }));
    expect(problems(FIXTURE_EN).map(words)).toContain('error: declared the Chinese version, but its text is English');
    expect(problems(FIXTURE_ZH).map(words)).toContain('error: declared the English version, but its text is Chinese');
    // Both refused: the document is not loaded, the seeds are.
    expect(loaded.documents.map((d) => d.meta.source)).not.toContain(FIXTURE);
    expect(loaded.documents).toHaveLength(5);
  });

  it('names a language it cannot read and a version file that is not there', async () => {
    const french = await problemsOf((f) => ({ ...f, entry: { ...f.entry, versions: { zh: FIXTURE_ZH, fr: FIXTURE_EN } } }));
    expect(french.problems(FIXTURE_ZH).map(words).join('\n')).toMatch(/error: metadata field versions: Unrecognized key: "fr"/);
    const missing = await problemsOf((f) => ({ ...f, entry: { ...f.entry, versions: { zh: FIXTURE_ZH, en: 'nowhere.en.txt' } } }));
    expect(missing.problems(FIXTURE_ZH).map(words)).toEqual([
      'warning: the English version nowhere.en.txt is not in the seeds folder: the document loads without it',
    ]);
    const doc = missing.loaded.documents.find((d) => d.meta.source === FIXTURE)!;
    expect(doc.meta.languages).toEqual(['zh']);
    // The English file no longer belongs to the document: it loads as one of its own.
    expect(missing.loaded.documents.map((d) => d.meta.source)).toContain(`${FIXTURE}.en`);
  });

  it('refuses a file declared a version of two documents', async () => {
    const { problems } = await problemsOf((f) => f);
    expect(problems(FIXTURE_EN)).toEqual([]);
    const twice = await seedsWithVersions();
    try {
      const path = join(twice.seedsDir, 'metadata.json');
      const metadata = JSON.parse(await readFile(path, 'utf8'));
      metadata['000_8c987accfb8d7853'].versions = { zh: '000_8c987accfb8d7853.txt', en: FIXTURE_EN };
      await writeFile(path, JSON.stringify(metadata));
      const reports = (await loadCorpus(twice.seedsDir)).reports!;
      const en = reports.find((r) => r.file === FIXTURE_EN)!;
      expect(en.source).toBe('000_8c987accfb8d7853');
      expect(en.loaded).toBe(false);
      expect(en.problems.map(words)).toContain(`error: also declared a version of ${FIXTURE}: a file belongs to one document`);
    } finally {
      await twice.remove();
    }
  });
});

describe('alignment by paragraph number', () => {
  it('reports paragraphs one version lacks, and loads both versions, citing those from the version that has them', async () => {
    // The English version without its last paragraph.
    const { loaded, problems } = await problemsOf((f) => ({ ...f, en: f.en.replace(/\n7\. The programme will report again[^\n]*\n/, '\n') }));
    expect(problems(FIXTURE_ZH).map(words)).toEqual([
      'warning: paragraph 7 not in the English version (versions align by number): cited from this version only, none offered in English',
    ]);
    expect(problems(FIXTURE_EN)).toEqual([]);
    const doc = loaded.documents.find((d) => d.meta.source === FIXTURE)!;
    expect(doc.meta.languages).toEqual(['zh', 'en']);
    expect(doc.units.filter((u) => u.lang === 'en' && u.kind === 'paragraph').map((u) => u.paragraph)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(doc.units.filter((u) => u.lang === 'zh' && u.kind === 'paragraph').map((u) => u.paragraph)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(strings('zh').documentProblem(problems(FIXTURE_ZH)[0]!)).toBe('警告：第7段不在英文文本中（各语言文本按编号对齐）：只从本文本引用，不提供英文文本');
  });

  it('reports a paragraph whose two versions differ in length far more than translation makes them', async () => {
    // Paragraph 5 of the English version holds other, much shorter text under the same number.
    const { loaded, problems } = await problemsOf((f) => ({
      ...f,
      en: f.en.replace(/\n5\. The Harbourlight hotline[^\n]*\n/, '\n5. Calls were answered by trained staff.\n'),
    }));
    expect(problems(FIXTURE_EN).map(words)).toEqual([
      'warning: paragraph 5 differs in length from the Chinese version far more than the others: check that each number holds the same text in both',
    ]);
    expect(problems(FIXTURE_ZH)).toEqual([]);
    // A warning: the document loads.
    expect(loaded.documents.find((d) => d.meta.source === FIXTURE)!.meta.languages).toEqual(['zh', 'en']);
  });

  it('offers no other version for a unit that only one version has', async () => {
    const edited = await seedsWithVersions((f) => ({ ...f, en: f.en.replace(/\n7\. The programme will report again[^\n]*\n/, '\n') }));
    const dir = await mkdtemp(join(tmpdir(), 'versions-misaligned-'));
    const misaligned = await createEngine({ seedsDir: edited.seedsDir, indexDir: dir, embeddings: 'off', log: () => {} });
    try {
      const p7 = misaligned.paragraph(FIXTURE, 7, 'en');
      expect(p7.lang).toBe('zh');
      expect(misaligned.versions(p7)).toEqual([]);
      const answer = await misaligned.ask(`${FIXTURE} 第7段`);
      expect(citationsOf(answer).map((c) => [c.unitKey, c.url])).toEqual([[`${FIXTURE}#p7`, ZH_URL]]);
      expect(answer.passages[0]!.citations[0]!.versions).toEqual([]);
    } finally {
      await misaligned.close();
      await edited.remove();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('retrieval over every version', () => {
  it('matches an English question against the English text directly, where the bridge finds nothing', async () => {
    // "Harbourlight" is in no dictionary: the Chinese reading has no term for it, the English text has the word.
    const [first] = await engine.search('What is Harbourlight?');
    expect(first!.unit).toMatchObject({ source: FIXTURE, lang: 'en' });
    expect(first!.ranks).toEqual({ english: 1 });
    const { analysis } = await (await loadAnswerCorpus(corpus.seedsDir)).retrieve('What is Harbourlight?');
    // Read against the Chinese units, the question has no term: the English words are not Chinese corpus words.
    expect(analysis.groups).toEqual([]);
    expect(analysis.unexplained).toEqual(['harbourlight']);
    expect(analysis.en!.groups.map((g) => g.key)).toEqual(['= harbourlight ']);
  });

  it('stems English: other forms of the words find the same paragraph first among the English units', async () => {
    for (const question of ['When was the Harbourlight programme launched?', 'the launch of the Harbourlight programmes']) {
      const results = await engine.search(question);
      expect(results.find((r) => r.ranks?.english === 1)!.unit).toBe(engine.paragraph(FIXTURE, 2, 'en'));
    }
  });

  it('gives one result per paragraph, in the asker language, found by both readings', async () => {
    const results = await engine.search('How many calls did the Harbourlight hotline receive in its first year?', { source: FIXTURE });
    const keys = results.map((r) => citationKey(r.unit));
    expect(new Set(keys).size).toBe(keys.length);
    expect(results[0]!.unit.lang).toBe('en');
    expect(citationKey(results[0]!.unit)).toBe(`${FIXTURE}#p5`);
    // The bridged Chinese reading found the Chinese version, the English words the English one: one citation.
    expect(results[0]!.ranks).toMatchObject({ keyword: 1, english: 1 });
    const inChinese = await engine.search('How many calls did the Harbourlight hotline receive in its first year?', { source: FIXTURE, lang: 'zh' });
    expect(unitKey(inChinese[0]!.unit)).toBe(`${FIXTURE}#p5`);
  });

  it('searches Chinese units with Chinese words, as before', async () => {
    const [first] = await engine.search('港光热线第一年接到多少个电话？');
    expect(unitKey(first!.unit)).toBe(`${FIXTURE}#p5`);
    expect(first!.ranks).toEqual({ keyword: 1 });
  });
});

describe('answers in the asker’s version, offering the other', () => {
  const quotedUnit = (a: Answer, n = 0): Unit => engine.units().find((u) => unitKey(u) === a.passages[n]!.citations[0]!.unitKey)!;

  it('answers an English question from the English version, verbatim, with the Chinese offered and linked', async () => {
    const answer = await engine.ask('How many calls did the Harbourlight hotline receive in its first year?');
    expect(answer.outcome).toBe('answered');
    const [c] = citationsOf(answer);
    expect(c).toMatchObject({ unitKey: `${FIXTURE}#p5@en`, label: 'SYN/TEST/2024/1, para. 5', url: EN_URL });
    expect(c!.quote).toContain('received 1,150 calls in its first year');
    expect(quotedUnit(answer).text).toContain(c!.quote);
    expect(answer.passages[0]!.citations[0]!.lang).toBe('en');
    expect(answer.passages[0]!.citations[0]!.versions).toEqual([{ lang: 'zh', unitKey: `${FIXTURE}#p5`, url: ZH_URL }]);
  });

  it('answers a Chinese question from the Chinese version, with the English offered and linked', async () => {
    const answer = await engine.ask('港光方案是什么时候启动的？');
    expect(answer.outcome).toBe('answered');
    const [c] = citationsOf(answer);
    expect(c).toMatchObject({ unitKey: `${FIXTURE}#p2`, label: 'SYN/TEST/2024/1 第2段', url: ZH_URL });
    expect(c!.quote).toContain('2021年3月');
    expect(quotedUnit(answer).text).toContain(c!.quote);
    expect(answer.passages[0]!.citations[0]!.versions).toEqual([{ lang: 'en', unitKey: `${FIXTURE}#p2@en`, url: EN_URL }]);
  });

  it('answers the same question in either language from the same paragraph', async () => {
    const en = await engine.ask('When was the Harbourlight programme launched?');
    const zh = await engine.ask('港光方案是什么时候启动的？');
    expect(citationKey(quotedUnit(en))).toBe(citationKey(quotedUnit(zh)));
    expect(citationsOf(en)[0]!.quote).toContain('March 2021');
    // An English date question is answered by the sentence with the date, as a Chinese one is.
    expect(en.notes).toEqual([]);
  });

  it('quotes an English reference from the English version ("para. 4" of the document, asked in English)', async () => {
    const answer = await engine.ask('SYN/TEST/2024/1, para. 4');
    expect(citationsOf(answer).map((c) => c.unitKey)).toEqual([`${FIXTURE}#p4@en`]);
    expect(citationsOf(answer)[0]!.quote).toBe(
      'The training covered the following topics: (a) interviewing possible victims; (b) referring them to shelters; and (c) protecting their personal data.',
    );
    expect(engine.subparagraph(FIXTURE, 4, 'b', 'en').text).toBe('(b) referring them to shelters;');
  });

  it('keeps answering seed questions from the Chinese seeds, English link as before', async () => {
    const answer = await engine.ask('Which regional workshop on maritime smuggling was held in India in November 2016?');
    const [c] = citationsOf(answer);
    expect(c!.source).toBe('003_eeaba24b4f8e657f');
    expect(answer.passages[0]!.citations[0]).toMatchObject({ lang: 'zh', versions: [] });
  });

  it('withdraws a forged offer of another version', async () => {
    const answer = await engine.ask('How many calls did the Harbourlight hotline receive in its first year?');
    const { catalogue } = await loadAnswerCorpus(corpus.seedsDir);
    const forge = (versions: unknown) =>
      ({
        ...answer,
        passages: answer.passages.map((p) => ({ ...p, citations: p.citations.map((c) => ({ ...c, versions })) })),
      }) as Answer;
    const logged: string[] = [];
    expect(verifyCitations(answer, catalogue).outcome).toBe('answered');
    expect(verifyCitations(forge([{ lang: 'zh', unitKey: `${FIXTURE}#p4`, url: ZH_URL }]), catalogue, (m) => logged.push(m)).outcome).toBe('not-found');
    expect(verifyCitations(forge([{ lang: 'zh', unitKey: `${FIXTURE}#p5`, url: 'https://evil.example/zh' }]), catalogue, (m) => logged.push(m)).outcome).toBe(
      'not-found',
    );
    expect(logged.join('\n')).toMatch(
      /version synthetic_harbourlight#p4 is not synthetic_harbourlight#p5@en in zh[\s\S]*link https:\/\/evil\.example\/zh is not the zh version's/,
    );
  });
});

describe('what the front ends print', () => {
  it('lists the other version with its link after the source, in the terminal and in ask --json', async () => {
    const answer = await engine.ask('How many calls did the Harbourlight hotline receive in its first year?');
    const text = formatAnswer(answer, metaOfEngine(engine));
    expect(text).toContain(`- SYN/TEST/2024/1, para. 5 (SYNTHETIC test document: Harbourlight programme (fictional)) ${EN_URL} · also in Chinese ${ZH_URL}`);
    const json = answerJson(answer, metaOfEngine(engine));
    expect(json.citations[0]).toMatchObject({ lang: 'en', url: EN_URL, versions: [{ lang: 'zh', url: ZH_URL, unitKey: `${FIXTURE}#p5` }] });
    const zh = formatAnswer(await engine.ask('港光热线第一年接到多少个电话？'), metaOfEngine(engine));
    expect(zh).toContain(`- SYN/TEST/2024/1 第5段（合成测试文件：港光方案（虚构）） ${ZH_URL} · 另有英文文本 ${EN_URL}`);
  });

  it('shows a paragraph in every version in the chat, each saying which it is', async () => {
    const printed = await chatSession(engine, [`/p ${FIXTURE} 5`, '/quit']);
    const zh = engine.paragraph(FIXTURE, 5, 'zh');
    const en = engine.paragraph(FIXTURE, 5, 'en');
    expect(printed).toContain(formatVersions(engine, zh));
    expect(printed).toContain('SYN/TEST/2024/1 第5段  ·  SYN/TEST/2024/1, para. 5  ·  Chinese version · also in English');
    expect(printed).toContain('SYN/TEST/2024/1 第5段  ·  SYN/TEST/2024/1, para. 5  ·  English version · also in Chinese');
    expect(printed).toContain(zh.text);
    expect(printed).toContain(en.text);
  });
});

describe('indexes and the corpus folder', () => {
  it('re-indexes the whole document when one of its versions changes, with the keys of a full build', async () => {
    const edited = await seedsWithVersions();
    const dir = await mkdtemp(join(tmpdir(), 'versions-incremental-'));
    const tokenizer = new Tokenizer();
    const open = async (indexDir: string) => loadOrBuildIndexes({ indexDir, corpus: await loadCorpus(edited.seedsDir), tokenizer, embedder: null });
    try {
      await open(join(dir, 'index'));
      const path = join(edited.seedsDir, FIXTURE_EN);
      await writeFile(path, (await readFile(path, 'utf8')).replace('open at night.', 'open at night and at weekends.'));
      const after = await open(join(dir, 'index'));
      expect(after.events).toEqual([`Updating keyword index: document changed: ${FIXTURE_EN} (16 units tokenised).`]);
      const full = await open(join(dir, 'full'));
      expect([...after.keyword.unitKeys()].sort()).toEqual([...full.keyword.unitKeys()].sort());
      const question = [{ key: '=weekend', weight: 1, members: [{ term: 'weekend', weight: 1 }] }];
      expect(after.keyword.forLang('en').search(question, 5)).toEqual(full.keyword.forLang('en').search(question, 5));
      expect(
        after.keyword
          .forLang('en')
          .search(question, 5)
          .map((h) => h.key),
      ).toEqual([`${FIXTURE}#r1@en`, `${FIXTURE}#p6@en`]);
      // The Chinese view of the index is not touched by English words.
      expect(after.keyword.forLang('zh').search(question, 5)).toEqual([]);
    } finally {
      await edited.remove();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('removes a document with all its versions and its metadata', async () => {
    const edited = await seedsWithVersions();
    try {
      const removed = await removeDocument(edited.seedsDir, 'SYN/TEST/2024/1', (ref) => (ref === 'SYN/TEST/2024/1' ? FIXTURE : null));
      expect(removed).toEqual({ source: FIXTURE, file: `${FIXTURE_EN}, ${FIXTURE_ZH}` });
      const left = await loadCorpus(edited.seedsDir);
      expect(left.documents.map((d) => d.meta.source)).not.toContain(FIXTURE);
      expect(Object.keys(left.files).some((f) => f.startsWith(FIXTURE))).toBe(false);
      expect(JSON.parse(await readFile(join(edited.seedsDir, 'metadata.json'), 'utf8'))[FIXTURE]).toBeUndefined();
    } finally {
      await edited.remove();
    }
  });

  it('embeds every version and gives one hybrid result per paragraph (tiny fixture model: plumbing only)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'versions-hybrid-'));
    const hybrid = await createEngine({
      seedsDir: corpus.seedsDir,
      indexDir: dir,
      modelsDir: 'test/fixtures/models',
      model: 'tiny-random-bert',
      // The fixture's vectors mean nothing (its calibrated weight is 0): count every dense hit to test the plumbing.
      fusion: EVERY_DENSE_HIT,
      log: () => {},
    });
    try {
      expect(hybrid.status().mode).toBe('hybrid');
      const results = await hybrid.search('How many calls did the Harbourlight hotline receive?', { k: 40 });
      expect(results.some((r) => r.ranks?.dense !== undefined)).toBe(true);
      const keys = results.map((r) => citationKey(r.unit));
      expect(new Set(keys).size).toBe(keys.length);
      expect(results.filter((r) => r.unit.source === FIXTURE).every((r) => r.unit.lang === 'en')).toBe(true);
    } finally {
      await hybrid.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
