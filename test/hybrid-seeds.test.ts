import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashedNgramEmbedder } from '../embeddings/index.js';
import { loadEmbedderInWorker } from '../embeddings/worker-embedder.js';
import type { Engine } from '../retrieval/api.js';
import { loadCorpus } from '../retrieval/corpus/load-corpus.js';
import { createEngine } from '../retrieval/engine.js';
import { type EvalItem, parseEvalFile, rankParagraphs, score } from '../retrieval/eval/evaluate.js';
import { DenseIndex } from '../retrieval/index/dense-index.js';
import { corpusUnits, indexText, MANIFEST_FILE } from '../retrieval/index/index-store.js';
import type { Manifest } from '../retrieval/index/manifest.js';
import { unitKey } from '../retrieval/types.js';

/**
 * Fusion on the real seeds with each dense side the project has: the random-weight fixture (uninformative: it must
 * change nothing) and the hashed n-gram test embedder (informative but unlike BM25: it must not lower recall@5).
 * Each index is built, and its fusion calibrated on the project's tuning questions, as `npm run index` does.
 */
const FIXTURE = { modelsDir: 'test/fixtures/models', model: 'tiny-random-bert' };
const TUNE: EvalItem[] = parseEvalFile(readFileSync('test/data/tune/qa.jsonl', 'utf8')).filter((i) => i.gold?.length);

async function recallAt5(engine: Engine, items: readonly EvalItem[]): Promise<number> {
  const outcomes = [];
  for (const item of items) outcomes.push({ item, ranked: rankParagraphs(await engine.search(item.question, { k: 30 })), abstained: false });
  return score(outcomes).recall_at_5;
}

const dirs: string[] = [];
async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hybrid-seeds-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the random-weight fixture as the dense side', () => {
  let indexDir: string;
  let hybrid: Engine;
  let keyword: Engine;
  const logs: string[] = [];

  beforeAll(async () => {
    indexDir = await scratch();
    hybrid = await createEngine({ indexDir, ...FIXTURE, log: (m) => logs.push(m) });
    keyword = await createEngine({ indexDir, embeddings: 'off', readOnly: true, log: () => {} });
  }, 240_000);
  afterAll(async () => {
    await hybrid.close();
    await keyword.close();
  });

  it('earns dense weight 0 on the tuning questions and says why; the status shows keyword mode', () => {
    const status = hybrid.status();
    expect(status.fusion).toMatchObject({ model: 'tiny-random-bert', source: 'calibrated', setting: { denseWeight: 0 } });
    expect(status.fusion!.calibration!.verdict).not.toBe('accepted');
    expect(status.fusion!.calibration!.questions.answerable).toBeGreaterThanOrEqual(TUNE.length);
    expect(status.mode).toBe('keyword');
    expect(status.modelProblem).toMatch(/tiny-random-bert has dense weight 0 \(calibration: /);
  });

  it('ranks every tuning question exactly as keyword search does', async () => {
    for (const item of TUNE.slice(0, 60)) {
      const [h, k] = [await hybrid.search(item.question), await keyword.search(item.question)];
      expect(h.map((r) => unitKey(r.unit))).toEqual(k.map((r) => unitKey(r.unit)));
    }
  });

  it('stores the calibration in the manifest, and a later start reads it from there instead of calibrating again', async () => {
    const manifest = JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(manifest.fusion).toEqual(hybrid.status().fusion!.calibration);
    // Without labelled questions nothing could be calibrated: what the status shows can only come from the manifest.
    const reopened = await createEngine({ indexDir, ...FIXTURE, readOnly: true, calibration: { questions: [join(indexDir, 'none.jsonl')], keys: [] } });
    try {
      expect(reopened.status().fusion).toMatchObject({ source: 'calibrated', calibration: manifest.fusion });
    } finally {
      await reopened.close();
    }
  });

  it('embeds the seed paragraphs longer than the model window as overlapping windows, every character of them', async () => {
    const line = logs.find((m) => m.includes("longer than the model's window"));
    const [, windowed, windows] = line?.match(/(\d+) of \d+ units are longer than the model's window and are embedded as (\d+) overlapping windows/) ?? [];
    expect(Number(windowed)).toBeGreaterThan(0);
    expect(Number(windows)).toBeGreaterThanOrEqual(2 * Number(windowed));

    const units = corpusUnits(await loadCorpus('seeds'));
    const loaded = await loadEmbedderInWorker({ enabled: true, ...FIXTURE, offline: true });
    if (!loaded.ok) throw new Error(loaded.problem);
    const embedder = loaded.embedder;
    try {
      const texts = units.map(indexText);
      const spans = await embedder.passageWindows(texts);
      const long = units.map((unit, i) => ({ unit, text: texts[i]!, spans: spans[i]! })).filter((u) => u.spans.length > 1);
      expect(long.length).toBe(Number(windowed));
      const manifest = JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8')) as Manifest;
      const dense = await DenseIndex.load(join(indexDir, manifest.dense!.file), { dimension: embedder.dimension, count: units.length });
      expect(dense.points - dense.size).toBe(Number(windows) - long.length);
      for (const { unit, text, spans: ws } of long) {
        // The last window holds what a model truncating at its window would have dropped: the unit is found by it.
        const [start, end] = ws.at(-1)!;
        expect(end).toBe(text.length);
        const [tail] = await embedder.embedPassages([text.slice(start, end)]);
        const [best] = dense.search(tail!, 1);
        expect(best).toMatchObject({ key: unitKey(unit) });
        expect(best!.score).toBeCloseTo(1, 4);
      }
    } finally {
      await embedder.dispose();
    }
  });
});

describe('the hashed n-gram test embedder as the dense side', () => {
  it('does not lower recall@5 on the tuning questions, at the weight it was calibrated to', async () => {
    const indexDir = await scratch();
    const hybrid = await createEngine({ indexDir, embedder: new HashedNgramEmbedder(), log: () => {} });
    const keyword = await createEngine({ indexDir, embeddings: 'off', readOnly: true, log: () => {} });
    try {
      const fusion = hybrid.status().fusion!;
      expect(fusion).toMatchObject({ source: 'calibrated' });
      expect(hybrid.status().mode).toBe(fusion.setting.denseWeight > 0 ? 'hybrid' : 'keyword');
      expect(await recallAt5(hybrid, TUNE)).toBeGreaterThanOrEqual(await recallAt5(keyword, TUNE));
    } finally {
      await hybrid.close();
      await keyword.close();
    }
  }, 240_000);
});
