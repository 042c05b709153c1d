import { describe, expect, it } from 'vitest';
import { decodeSections, encodeSections } from '../retrieval/index/binary-sections.js';
import { KEYWORD_INDEX_VERSION, KeywordIndex } from '../retrieval/index/keyword-index.js';
import { termGroups } from '../retrieval/query/term-groups.js';
import { Tokenizer } from '../retrieval/query/tokenize.js';
import type { QueryTerm } from '../retrieval/types.js';

const tokenizer = new Tokenizer();

const DOCS = [
  { key: 'a', text: '保护贩运人口受害者。' },
  { key: 'b', text: '《偷运移民议定书》规定打击偷运移民。' },
  { key: 'c', text: '毒品和犯罪问题办公室是全球移民小组的成员，出席了会议。' },
  { key: 'd', text: '会议期间举行了会晤。' },
  { key: 'e', text: '工作组召开了会议。' },
  { key: 'f', text: '2016 年 11 月发放临时签证。' },
];

const text = (term: string, weight = 1): QueryTerm => ({ term, weight, origin: 'text' });
const keys = (hits: { key: string }[]) => hits.map((h) => h.key);
const search = (index: KeywordIndex, terms: QueryTerm[], k: number, filter?: (key: string) => boolean) => index.search(termGroups(terms), k, filter);

describe('KeywordIndex', () => {
  const index = KeywordIndex.build(DOCS, tokenizer);

  it('ranks the document holding a rare query word first', () => {
    expect(keys(search(index, [text('偷运移民'), text('会议')], 10))[0]).toBe('b');
    expect(index.size).toBe(6);
  });

  it('gives frequent words a lower idf than rare ones, and absent words none', () => {
    expect(index.df('会议')).toBe(3);
    expect(index.idf('会议')).toBeLessThan(index.idf('签证'));
    expect(index.idf('签证')).toBeCloseTo(Math.log(1 + (6 - 1 + 0.5) / (1 + 0.5)), 12);
    expect(index.df('面包')).toBe(0);
    expect(index.idf('面包')).toBe(0);
    expect(search(index, [text('面包')], 10)).toEqual([]);
  });

  it('multiplies each term contribution by its weight', () => {
    const once = search(index, [text('签证')], 1)[0].score;
    const twice = search(index, [text('签证', 2)], 1)[0].score;
    expect(twice).toBeCloseTo(2 * once, 10);
    expect(search(index, [text('签证', 0)], 1)).toEqual([]);
  });

  it('honours k and the filter', () => {
    expect(search(index, [text('会议')], 2)).toHaveLength(2);
    expect(keys(search(index, [text('会议')], 10, (k) => k !== 'c'))).not.toContain('c');
    expect(search(index, [text('会议')], 0)).toEqual([]);
  });

  it('finds a term that is not an indexed word as a literal phrase, whatever the spacing', () => {
    expect(index.hasWord('移民小组')).toBe(false);
    expect(keys(search(index, [text('移民小组')], 10))).toEqual(['c']);
    expect(index.df('2016年11月')).toBe(1);
    expect(keys(search(index, [text('2016年11月')], 10))).toEqual(['f']);
  });

  it('scores bridged alternatives of one English word as one synonym set', () => {
    const alt = (term: string, from: string): QueryTerm => ({ term, weight: 0.5, origin: 'dictionary', from });
    const asSet = search(index, [alt('会议', 'meeting'), alt('会晤', 'meeting')], 10);
    const apart = search(index, [alt('会议', 'meeting'), alt('会晤', 'get together')], 10);
    const score = (hits: typeof asSet, key: string) => hits.find((h) => h.key === key)?.score ?? 0;
    // A document holding both senses gains from the second one, but far less than from two separate words.
    expect(score(asSet, 'd')).toBeGreaterThan(score(asSet, 'e'));
    expect(score(asSet, 'd')).toBeLessThan(score(apart, 'd'));
    expect(termGroups([alt('会议', 'meeting'), alt('会晤', 'meeting')])).toHaveLength(1);
    expect(termGroups([text('会议'), text('会晤')])).toHaveLength(2);
  });

  it('rejects duplicate keys', () => {
    expect(() => KeywordIndex.build([DOCS[0], DOCS[0]], tokenizer)).toThrow(/Duplicate keyword-index key: a/);
  });

  it('searches an empty index without error', () => {
    expect(search(KeywordIndex.build([], tokenizer), [text('会议')], 5)).toEqual([]);
  });
});

describe('KeywordIndex serialization', () => {
  const index = KeywordIndex.build(DOCS, tokenizer);
  const file = index.toBinary();
  const sections = decodeSections(file);
  const NAMES = ['keys', 'texts', 'terms', 'bigrams'];
  const U32 = ['lengths', 'termOffsets', 'docs', 'tfs', 'bigramOffsets', 'bigramDocs'];
  /** The file re-encoded with some sections or header fields replaced. */
  const with_ = (over: Record<string, readonly string[] | Uint32Array>, header: Record<string, unknown> = {}) => {
    const all: Record<string, readonly string[] | Uint32Array> = {};
    for (const n of NAMES) all[n] = sections.strings(n);
    for (const n of U32) all[n] = Uint32Array.from(sections.u32(n));
    return encodeSections({ ...sections.header, ...header }, { ...all, ...over });
  };
  const docs = () => Uint32Array.from(sections.u32('docs'));

  it('round-trips through its binary file with identical results', () => {
    const loaded = KeywordIndex.fromBinary(Buffer.from(file));
    expect(loaded.size).toBe(index.size);
    for (const q of [[text('会议')], [text('偷运移民'), text('议定书')], [text('移民小组')], [text('2016年11月')]]) {
      expect(search(loaded, q, 10)).toEqual(search(index, q, 10));
    }
    expect(loaded.idf('会议')).toBe(index.idf('会议'));
    expect(sections.header.version).toBe(KEYWORD_INDEX_VERSION);
  });

  const corrupt: [string, () => Buffer, RegExp][] = [
    ['a file that is not an index', () => Buffer.from('{"keys": []}'), /bad magic/],
    ['another version', () => with_({}, { version: 'old' }), /version "old"/],
    ['a truncated file', () => file.subarray(0, Math.floor(file.length / 2)), /out of bounds|truncated/],
    ['duplicate keys', () => with_({ keys: sections.strings('keys').map(() => 'x') }), /duplicate keys/],
    ['too few texts', () => with_({ texts: sections.strings('texts').slice(1) }), /texts must be 6 strings/],
    ['too few lengths', () => with_({ lengths: Uint32Array.from([1]) }), /lengths must be 6 counts/],
    ['a unit count that disagrees with its header', () => with_({}, { units: 7 }), /holds 6 keys, its header says 7/],
    [
      'inconsistent postings offsets',
      () => with_({ termOffsets: Uint32Array.from(sections.u32('termOffsets')).map((o) => o * 2) }),
      /offsets are inconsistent/,
    ],
    ['a document id out of range', () => with_({ docs: docs().map(() => 99) }), /bad document id/],
    ['unsorted document ids', () => with_({ docs: docs().reverse() }), /bad document id/],
    ['a zero term frequency', () => with_({ tfs: new Uint32Array(sections.u32('tfs').length) }), /bad term frequency/],
  ];

  it.each(corrupt)('refuses %s with a clear error', (_, make, message) => {
    const data = make();
    expect(() => KeywordIndex.fromBinary(data)).toThrow(/^Corrupt keyword index: /);
    expect(() => KeywordIndex.fromBinary(data)).toThrow(message);
  });
});
