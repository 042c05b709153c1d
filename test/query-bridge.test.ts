import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeywordIndex } from '../retrieval/index/keyword-index.js';
import type { QueryAnalyzer } from '../retrieval/query/analyzer.js';
import { corpusDictionary, DICTIONARY_WEIGHT } from '../retrieval/query/bridge/bridge-english.js';
import { glossPhrases, ReverseDictionary, readCedict } from '../retrieval/query/bridge/cedict.js';
import {
  chineseNumeral,
  chineseNumeralValue,
  englishCardinal,
  englishMonth,
  englishOrdinal,
  englishTokens,
  lemmaCandidates,
} from '../retrieval/query/bridge/english.js';
import { loadAnswerCorpus } from './helpers/answer-corpus.js';

let index: KeywordIndex;
let analyzer: QueryAnalyzer;
const bridgeEnglish = (q: string) => analyzer.bridge(q);

beforeAll(async () => {
  ({ index, analyzer } = await loadAnswerCorpus());
});

const termsOf = (q: string) => bridgeEnglish(q).terms.map((t) => t.term);

describe('English helpers', () => {
  it('tokenizes: lowercase, possessives, accents, hyphens split except in numbers and ordinals', () => {
    expect(englishTokens("UNODC's work in Côte d'Ivoire on trafficking-related cases, 2013-2020, seventy-first session, 1,200")).toEqual([
      'unodc',
      'work',
      'in',
      'cote',
      "d'ivoire",
      'on',
      'trafficking',
      'related',
      'cases',
      '2013-2020',
      'seventy-first',
      'session',
      '1200',
    ]);
  });

  it.each([
    ['preparing', 'prepare'],
    ['trained', 'train'],
    ['countries', 'country'],
    ['coordination', 'coordinate'],
    ['children', 'child'],
    ['held', 'hold'],
  ])('offers a base form of %s: %s', (word, base) => {
    expect(lemmaCandidates(word)).toContain(base);
  });

  it('leaves base forms alone', () => {
    expect(lemmaCandidates('visa')).toEqual(['visa']);
  });

  it('reads English ordinals and months and writes Chinese numerals', () => {
    expect(englishOrdinal('seventy-first')).toBe(71);
    expect(englishOrdinal('ninth')).toBe(9);
    expect(englishOrdinal('twentieth')).toBe(20);
    expect(englishOrdinal('26th')).toBe(26);
    expect(englishOrdinal('firstly')).toBeNull();
    expect(englishMonth('november')).toBe(11);
    // Chat abbreviates months; a word that merely starts like one is none.
    expect(englishMonth('nov')).toBe(11);
    expect(englishMonth('sept')).toBe(9);
    expect(englishMonth('novel')).toBeNull();
    expect([9, 10, 17, 26, 71, 99].map(chineseNumeral)).toEqual(['九', '十', '十七', '二十六', '七十一', '九十九']);
    expect(() => chineseNumeral(100)).toThrow(RangeError);
    expect(['nine', 'fourteen', 'twenty', 'twenty-one', '13', 'nineteenth', 'twenty-firsts'].map(englishCardinal)).toEqual([9, 14, 20, 21, 13, null, null]);
    expect(['三', '两', '十', '十九', '二十一', '九十九', '三九', '百', ''].map(chineseNumeralValue)).toEqual([3, 2, 10, 19, 21, 99, null, null, null]);
    for (const n of [7, 10, 16, 40, 71, 99]) expect(chineseNumeralValue(chineseNumeral(n))).toBe(n);
  });
});

describe('CC-CEDICT reverse dictionary', () => {
  it('turns senses into English lookup phrases and skips cross-references', () => {
    expect(glossPhrases('to train; to drill (troops)')).toEqual(['train', 'drill']);
    expect(glossPhrases('public prosecutor; procurator (judicial officer)')).toEqual(['public prosecutor', 'procurator']);
    expect(glossPhrases('variant of 簽證|签证[qian1 zheng4]')).toEqual([]);
    expect(glossPhrases('surname Li')).toEqual([]);
    expect(glossPhrases('post-war')).toEqual(['post war']);
  });

  it('indexes whole glosses and, at lower quality, their head words', () => {
    const dict = ReverseDictionary.build(
      [
        { zh: '检察官', senses: ['public prosecutor'] },
        { zh: '签证', senses: ['visa'] },
        { zh: '面包', senses: ['bread'] },
        { zh: '书', senses: ['book'] },
      ],
      (zh) => zh !== '面包',
    );
    expect(dict.lookup('visa')).toEqual([{ zh: '签证', quality: 1 }]);
    expect(dict.lookup('public prosecutor')).toEqual([{ zh: '检察官', quality: 1 }]);
    expect(dict.lookup('prosecutor')).toEqual([{ zh: '检察官', quality: 0.5 }]);
    expect(dict.lookup('bread')).toEqual([]); // filtered out by the caller
    expect(dict.lookup('book')).toEqual([]); // single characters are too ambiguous
    expect(dict.maxPhraseWords).toBe(2);
  });

  it('reads the real data file and fails clearly without it', () => {
    expect(readCedict().length).toBeGreaterThan(100_000);
    expect(() => readCedict('/nonexistent/all.js')).toThrow(/CC-CEDICT data not found at \/nonexistent\/all\.js/);
  });

  it('reads entries one by one, whatever brackets and quotes their glosses hold, and rejects a cut file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cedict-'));
    try {
      const entries = [
        ['貳', '贰', 'er4', 'two ("]," in a gloss [sic])', [], []],
        ['上級', '上级', 'shang4 ji2', ['higher authorities', 'back\\slash \\"', 'ends in a backslash \\'], [], [0]],
      ];
      const whole = `export default ${JSON.stringify({ all: entries, variantLookup: { x: [1] }, classifierLookup: {} })}`;
      await writeFile(join(dir, 'all.js'), whole);
      expect(readCedict(join(dir, 'all.js'))).toEqual([
        { zh: '贰', pinyin: 'er4', senses: ['two ("]," in a gloss [sic])'] },
        { zh: '上级', pinyin: 'shang4 ji2', senses: ['higher authorities', 'back\\slash \\"', 'ends in a backslash \\'] },
      ]);
      await writeFile(join(dir, 'all.js'), whole.slice(0, whole.indexOf('上級')));
      expect(() => readCedict(join(dir, 'all.js'))).toThrow(/not in the expected format: the entry list is not closed/);
      await writeFile(join(dir, 'all.js'), 'export default {"other":[]}');
      expect(() => readCedict(join(dir, 'all.js'))).toThrow(/has no entry list/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps only headwords the corpus contains', () => {
    const dict = corpusDictionary(index);
    for (const c of dict.lookup('visa')) expect(index.df(c.zh)).toBeGreaterThan(0);
    expect(dict.lookup('bread')).toEqual([]);
  });
});

describe('bridgeEnglish', () => {
  it('prefers the glossary and whole phrases over the dictionary and single words', () => {
    const { terms } = bridgeEnglish('What does the Global Migration Group do?');
    expect(terms.map((t) => t.term).sort()).toEqual(['全球移民小组', '全球移民问题小组']);
    expect(terms.every((t) => t.origin === 'glossary' && t.from === 'global migration group')).toBe(true);
    const trafficking = bridgeEnglish('trafficking').terms;
    expect(trafficking).toEqual([{ term: '贩运', weight: 1, origin: 'glossary', from: 'trafficking' }]);
  });

  it('falls back to the dictionary for words the glossary lacks', () => {
    const { terms } = bridgeEnglish('visas');
    expect(terms).toMatchObject([{ term: '签证', origin: 'dictionary', from: 'visas' }]);
    expect(terms[0].weight).toBeCloseTo(DICTIONARY_WEIGHT, 10);
  });

  it("shares one word's weight among its translations instead of multiplying it", () => {
    const { terms } = bridgeEnglish('distribute');
    expect(terms.length).toBeGreaterThan(1);
    expect(terms.length).toBeLessThanOrEqual(4);
    expect(terms.reduce((s, t) => s + t.weight, 0)).toBeCloseTo(DICTIONARY_WEIGHT, 10);
    // The sense these documents use most gets the largest share.
    const weights = terms.map((t) => t.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it('writes ordinals and dates the way the documents do', () => {
    expect(termsOf('at its seventy-first session')).toEqual(['第七十一届']);
    expect(termsOf('the ninth meeting')).toEqual(['第九次会议']);
    expect(termsOf('in November 2016')).toEqual(['2016年11月']);
  });

  it('passes numbers and symbols through, and reports the ones the documents lack', () => {
    expect(termsOf('resolution 72/179')).toEqual(['决议', '72/179']);
    expect(bridgeEnglish('What did the 2022 report say?').unmatched).toEqual(['2022']);
    expect(termsOf('DNA')).toEqual(['dna']);
  });

  it('gives out-of-domain questions few or no terms, and says which words found nothing', () => {
    expect(bridgeEnglish('How do I bake bread?')).toEqual({ terms: [], unmatched: ['bake', 'bread'] });
    expect(bridgeEnglish('hello, how are you?').terms).toEqual([]);
    expect(bridgeEnglish('Who won the football world cup?').unmatched).toEqual(expect.arrayContaining(['football', 'cup']));
  });

  it('only ever proposes terms the corpus contains', () => {
    const { terms } = bridgeEnglish('Which regional workshop on maritime smuggling was held in India in November 2016?');
    expect(terms.length).toBeGreaterThan(3);
    for (const t of terms) expect(index.df(t.term)).toBeGreaterThan(0);
  });
});
