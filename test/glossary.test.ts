import { beforeAll, describe, expect, it } from 'vitest';
import type { QueryAnalyzer } from '../retrieval/query/analyzer.js';
import { expandAcronyms, parseGlossary, readGlossary } from '../retrieval/query/bridge/glossary.js';
import { normalizeText } from '../retrieval/query/tokenize.js';
import { loadAnswerCorpus } from './helpers/answer-corpus.js';

const glossary = readGlossary();

let unitTexts: string[];
let analyzer: QueryAnalyzer;

beforeAll(async () => {
  const corpus = await loadAnswerCorpus();
  unitTexts = corpus.units.map((u) => normalizeText(u.text));
  analyzer = corpus.analyzer;
});

describe('glossary.json', () => {
  it('is a few hundred curated entries', () => {
    expect(glossary.entries.length).toBeGreaterThanOrEqual(300);
  });

  describe.each(glossary.entries.map((e) => [`${e.en[0]} → ${e.zh.join(' / ')}`, e] as const))('%s', (_, entry) => {
    it.each(entry.zh)('the documents use %s', (zh) => {
      const needle = normalizeText(zh);
      expect(unitTexts.some((t) => t.includes(needle))).toBe(true);
    });

    it.each(entry.en)('the bridge maps "%s" to it', (en) => {
      const { terms } = analyzer.bridge(en);
      const glossed = terms.filter((t) => t.origin === 'glossary').map((t) => t.term);
      expect(glossed).toEqual(expect.arrayContaining(entry.zh));
    });
  });
});

describe('parseGlossary', () => {
  it('rejects data without an entry list', () => {
    expect(() => parseGlossary({ terms: [] })).toThrow(/expected \{"entries"/);
    expect(() => parseGlossary(null)).toThrow(/Invalid glossary/);
  });

  it('rejects entries without English or Chinese', () => {
    expect(() => parseGlossary({ entries: [{ en: ['visa'], zh: [] }] })).toThrow(/entry 0 needs/);
    expect(() => parseGlossary({ entries: [{ en: 'visa', zh: ['签证'] }] })).toThrow(/entry 0 needs/);
  });

  it('rejects one English phrase defined by two entries, plural or not', () => {
    const data = {
      entries: [
        { en: ['victim'], zh: ['受害者'] },
        { en: ['victims'], zh: ['被害人'] },
      ],
    };
    expect(() => parseGlossary(data)).toThrow(/"victims" \(entry 1\) is already defined by another entry \(受害者\)/);
  });

  it('rejects Chinese short forms that are not strings', () => {
    expect(() => parseGlossary({ entries: [{ en: ['x'], zh: ['甲'], zhAsked: [1] }] })).toThrow(/"zhAsked" must be/);
  });

  it('writes out acronyms only as written, in capitals', () => {
    const g = parseGlossary({ entries: [{ en: ['trafficking in persons'], zh: ['贩运人口'], acronyms: ['TIP'] }] });
    expect(expandAcronyms('Is the TIP Protocol in force? Any tips?', g)).toBe('Is the trafficking in persons Protocol in force? Any tips?');
    expect(expandAcronyms('a Tip-off', g)).toBe('a Tip-off');
    expect(() => parseGlossary({ entries: [{ en: ['x'], zh: ['甲'], acronyms: ['tip'] }] })).toThrow(/acronym "tip" must be capital/);
    const twice = {
      entries: [
        { en: ['x'], zh: ['甲'], acronyms: ['TIP'] },
        { en: ['y'], zh: ['乙'], acronyms: ['TIP'] },
      ],
    };
    expect(() => parseGlossary(twice)).toThrow(/acronym "TIP" \(entry 1\) is already defined/);
  });

  it('indexes phrases case- and plural-insensitively', () => {
    const g = parseGlossary({ entries: [{ en: ['Member States'], zh: ['会员国'] }] });
    expect(g.byPhrase.get('member state')).toEqual(['会员国']);
    expect(g.maxWords).toBe(2);
  });
});
