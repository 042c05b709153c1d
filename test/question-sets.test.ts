/**
 * The labelled question sets under test/data are what every figure in the README is measured on: each answer
 * key must be text of its question's gold paragraphs, so that "fact in answer" means the quote holds the fact.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseKeysFile } from '../retrieval/eval/answer-metrics.js';
import { parseEvalFile } from '../retrieval/eval/eval-input.js';
import { type AnswerCorpus, loadAnswerCorpus } from './helpers/answer-corpus.js';

const DATA = 'test/data';
const sets = readdirSync(DATA, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const ws = (s: string) => s.replace(/\s+/g, '');

let corpus: AnswerCorpus;
beforeAll(async () => {
  corpus = await loadAnswerCorpus();
});

describe('labelled question sets', () => {
  it('has the sets the README reports, each with answerable questions', () => {
    const reported = [
      'tune',
      'heldout',
      'tune-who',
      'tune-m',
      'heldout-r',
      ...['x', 'y', 'z', 'v', 'k', 'j', 'n', 'p', 'q', 's', 't'].flatMap((s) => [`tune-${s}`, `heldout-${s}`]),
    ];
    expect(sets).toEqual(expect.arrayContaining(reported));
    for (const set of sets)
      expect({ set, answerable: parseKeysFile(readFileSync(`${DATA}/${set}/keys.jsonl`, 'utf8')).size > 0 }).toEqual({ set, answerable: true });
  });

  it.each(sets)('%s: every key fact is copied from a gold paragraph, and every answerable question has a key', (set) => {
    const items = parseEvalFile(readFileSync(`${DATA}/${set}/qa.jsonl`, 'utf8'));
    const keys = parseKeysFile(readFileSync(`${DATA}/${set}/keys.jsonl`, 'utf8'));
    const ids = new Set(items.map((i) => i.id));
    expect(ids.size).toBe(items.length);
    const problems: string[] = [];
    for (const item of items) {
      const key = keys.get(item.id);
      if (!item.gold?.length) {
        if (key) problems.push(`${item.id}: a key without gold paragraphs`);
        continue;
      }
      if (!key) {
        problems.push(`${item.id}: no key`);
        continue;
      }
      const texts = item.gold.map((g) => corpus.units.find((u) => u.kind === 'paragraph' && u.source === g.source && u.paragraph === g.paragraph));
      if (texts.some((t) => !t)) problems.push(`${item.id}: a gold paragraph the seeds do not have`);
      for (const fact of key)
        for (const alt of fact) if (!texts.some((t) => t && ws(t.text).includes(ws(alt)))) problems.push(`${item.id}: "${alt}" is in no gold paragraph`);
    }
    for (const id of keys.keys()) if (!ids.has(id)) problems.push(`${id}: a key without a question`);
    expect(problems).toEqual([]);
  });
});
