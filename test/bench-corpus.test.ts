import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchHnsw, fastestEfReaching } from '../bench/hnsw-bench.js';
import { benchKeywordScale } from '../bench/keyword-scale.js';
import { atLeast, loadBenchQuestions, questionsFromUnits, TEST_QUESTION_FILES } from '../bench/questions.js';
import { sentencesOf, synthesizeCorpus } from '../bench/synthetic-units.js';
import { type Corpus, loadCorpus } from '../retrieval/corpus/load-corpus.js';
import { corpusUnits } from '../retrieval/index/index-store.js';
import { unitKey } from '../retrieval/types.js';

let corpus: Corpus;
let scratch: string;
beforeAll(async () => {
  corpus = await loadCorpus('seeds');
  scratch = await mkdtemp(join(tmpdir(), 'bench-corpus-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('bench questions', () => {
  it('reads a given question file and says where the questions came from', async () => {
    const set = await loadBenchQuestions(corpusUnits(corpus), { file: TEST_QUESTION_FILES[0] });
    expect(set.source).toBe(TEST_QUESTION_FILES[0]);
    expect(set.fallback).toBeNull();
    expect(set.questions.length).toBeGreaterThan(20);
    expect(set.questions.every((q) => q.trim().length > 0)).toBe(true);
  });

  it('falls back to the project’s test questions without the dev set, then to the seeds, and says so', async () => {
    const units = corpusUnits(corpus);
    const noDevSet = await loadBenchQuestions(units, { devSet: join(scratch, 'missing.jsonl') });
    expect(noDevSet.source).toBe(TEST_QUESTION_FILES.join(' + '));
    expect(noDevSet.fallback).toMatch(/missing\.jsonl not found: using the project's test questions/);
    expect(noDevSet.questions.length).toBeGreaterThan(50);
    const nothing = await loadBenchQuestions(units, { devSet: join(scratch, 'missing.jsonl'), testFiles: [join(scratch, 'none.jsonl')] });
    expect(nothing).toMatchObject({ source: 'seeds', fallback: expect.stringMatching(/using clauses cut from the seeds/) });
    expect(nothing.questions).toEqual(questionsFromUnits(units, 50));
  });

  it('cuts question-like clauses from the seed units when no question file is there', () => {
    const units = corpusUnits(corpus);
    const probes = questionsFromUnits(units, 50);
    expect(probes).toHaveLength(50);
    for (const p of probes) {
      expect(p.length).toBeGreaterThan(0);
      expect(p.length).toBeLessThanOrEqual(40);
      expect(units.some((u) => u.text.startsWith(p))).toBe(true);
    }
  });

  it('repeats the questions in order up to at least the minimum', () => {
    const cycled = atLeast(['a', 'b', 'c'], 7);
    expect(cycled).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
    expect(() => atLeast([], 200)).toThrow(/no questions/);
  });
});

describe('synthetic corpus for the keyword index at scale', () => {
  it('assembles unique, reproducible units from real seed sentences', () => {
    const sentences = sentencesOf(corpusUnits(corpus).map((u) => u.text));
    const synthetic = synthesizeCorpus(sentences, 2500, 7);
    const units = corpusUnits(synthetic);
    expect(units).toHaveLength(2500);
    expect(synthetic.documents).toHaveLength(3);
    expect(new Set(units.map(unitKey)).size).toBe(2500);
    for (const u of units.slice(0, 50)) {
      expect(sentences.some((s) => u.text.startsWith(s)) && sentences.some((s) => u.text.endsWith(s))).toBe(true);
    }
    expect(corpusUnits(synthesizeCorpus(sentences, 2500, 7)).map((u) => u.text)).toEqual(units.map((u) => u.text));
  });

  it('builds, reloads and queries a keyword index through the index store', async () => {
    const sentences = sentencesOf(corpusUnits(corpus).map((u) => u.text));
    const synthetic = synthesizeCorpus(sentences, 1500, 3);
    const figures = await benchKeywordScale(synthetic, ['贩运人口', '偷运移民的国际合作'], join(scratch, 'kw'), null, 'seeds/002_fd7eaa732a510636.txt');
    expect(figures.n).toBe(1500);
    expect(figures.build_s).toBeGreaterThan(0);
    expect(figures.units_per_s).toBeCloseTo(1500 / figures.build_s);
    expect(figures.file_mb).toBeGreaterThan(0);
    expect(figures.load_s).toBeGreaterThan(0);
    expect(figures.heap_bytes_per_unit).toBeNull();
    expect(figures.query_ms.p50).toBeGreaterThan(0);
    expect(figures.add_s).toBeGreaterThan(0);
    expect(figures.add_units).toBe(50);
  });
});

describe('HNSW bench', () => {
  it('measures recall against brute force, and recall does not fall as the beam widens', async () => {
    const run = await benchHnsw(1500, { params: { m: 16, efConstruction: 100, ef: 50 }, queries: 30, sweep: [10, 200], dir: scratch, log: () => {} });
    expect(run.n).toBe(1500);
    expect(run.ef_sweep.map((p) => p.ef)).toEqual([10, 50, 200]);
    const [narrow, chosen, wide] = run.ef_sweep;
    expect(chosen.recall_at_10).toBe(run.recall_at_10);
    expect(narrow.recall_at_10).toBeLessThanOrEqual(chosen.recall_at_10);
    expect(chosen.recall_at_10).toBeLessThanOrEqual(wide.recall_at_10);
    // A beam of 200 over 1500 points is all but exhaustive.
    expect(wide.recall_at_10).toBeGreaterThan(0.99);
    // 384 float32 per vector at least, plus graph links.
    expect(run.bytes_per_vector).toBeGreaterThan(384 * 4);
    expect(run.brute_force.p50_ms).toBeGreaterThan(0);
    expect(fastestEfReaching(run, 0.99)?.recall_at_10).toBeGreaterThanOrEqual(0.99);
    expect(fastestEfReaching(run, 1.01)).toBeNull();
  });
});
