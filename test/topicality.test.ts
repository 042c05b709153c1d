import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Topicality } from '../retrieval/answer/topicality.js';

/** jieba's idf table, read plainly: the oracle for what Topicality finds in it. */
function table(): Map<string, number> {
  const text = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/idf.txt'), 'utf8');
  const idf = new Map<string, number>();
  for (const line of text.split('\n')) {
    const space = line.lastIndexOf(' ');
    if (space > 0) idf.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return idf;
}

describe('Topicality', () => {
  const idf = table();
  const max = [...idf.values()].reduce((a, b) => Math.max(a, b), 0);
  // Every term in a tenth of 100 units; 从未 in none.
  const topicality = new Topicality({ size: 100, df: (term) => (term === '从未' ? 0 : 10) });
  const share = Math.log(10 / 100);

  it('adds the general idf of the term as the table gives it, not of a longer word starting like it', () => {
    for (const word of ['中国', '中国人', '法国', '贩运', '讲习班']) {
      expect(idf.has(word)).toBe(true);
      expect(topicality.of(word)).toBeCloseTo(share + idf.get(word)!, 10);
    }
    expect(idf.get('中国')).not.toBe(idf.get('中国人'));
  });

  it('gives domain vocabulary the table lacks its largest idf, plain numbers that of an ordinary word, absent terms nothing', () => {
    expect(idf.has('毒品和犯罪问题办公室')).toBe(false);
    expect(topicality.of('毒品和犯罪问题办公室')).toBeCloseTo(share + max, 10);
    expect(topicality.of('2018')).toBeCloseTo(share + 5, 10);
    expect(topicality.of('从未')).toBe(-Infinity);
  });
});
