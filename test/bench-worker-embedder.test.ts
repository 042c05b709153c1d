import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureLoopDelay } from '../bench/event-loop.js';
import { loadEmbedder } from '../embeddings/embedder.js';
import { loadEmbedderInWorker } from '../embeddings/worker-embedder.js';

/**
 * The embedding worker on the committed fixture model (random weights: these tests compare vectors, never judge
 * them). onnxruntime-node cannot serve two threads of one process at once, so the in-thread reference vectors
 * are computed and the in-thread model disposed before the worker loads anything.
 */
const FIXTURE = { enabled: true, model: 'tiny-random-bert', modelsDir: resolve('test/fixtures/models'), offline: true };

const seedParagraphs = readdirSync('seeds')
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .flatMap((f) => readFileSync(join('seeds', f), 'utf8').split('\n'))
  .map((l) => l.trim())
  .filter((l) => l.length >= 20)
  .slice(0, 40);
const QUESTIONS = ['毒品和犯罪问题办公室如何打击贩运人口？', 'What does the Global Migration Group do?'];

describe('the embedding worker', () => {
  it('gives exactly the vectors the in-thread embedder gives, passages and queries, in input order', async () => {
    const local = await loadEmbedder({ ...FIXTURE, onProgress: null });
    if (!local.ok) throw new Error(local.problem);
    const expectedPassages = await local.embedder.embedPassages(seedParagraphs);
    const expectedQueries = await Promise.all(QUESTIONS.map((q) => local.embedder.embedQuery(q)));
    await local.embedder.dispose();

    const loaded = await loadEmbedderInWorker(FIXTURE);
    if (!loaded.ok) throw new Error(loaded.problem);
    const { embedder } = loaded;
    try {
      expect(embedder.id).toBe('tiny-random-bert');
      expect(embedder.dimension).toBe(expectedPassages[0].length);
      const progress: [number, number][] = [];
      expect(await embedder.embedPassages(seedParagraphs, (done, total) => progress.push([done, total]))).toEqual(expectedPassages);
      expect(await Promise.all(QUESTIONS.map((q) => embedder.embedQuery(q)))).toEqual(expectedQueries);
      // Progress reaches the caller from the worker: from 0 to all, never backwards.
      expect(progress[0]).toEqual([0, seedParagraphs.length]);
      expect(progress.at(-1)).toEqual([seedParagraphs.length, seedParagraphs.length]);
      expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
      expect(await embedder.embedPassages([])).toEqual([]);
    } finally {
      await embedder.dispose();
    }
  });

  it('leaves the event loop free while a long forward pass runs', async () => {
    // One batch for everything: in this thread it would hold the loop for the whole pass.
    const loaded = await loadEmbedderInWorker({ ...FIXTURE, batchSize: 1024 });
    if (!loaded.ok) throw new Error(loaded.problem);
    const texts = seedParagraphs;
    try {
      const start = performance.now();
      const { value, delay } = await measureLoopDelay(() => loaded.embedder.embedPassages(texts));
      const elapsed = performance.now() - start;
      expect(value).toHaveLength(texts.length);
      expect(elapsed).toBeGreaterThan(50);
      expect(delay.max).toBeLessThan(elapsed / 2);
    } finally {
      await loaded.embedder.dispose();
    }
  });

  it('serves several models from one worker, and rejects calls on a disposed one', async () => {
    const [a, b] = await Promise.all([loadEmbedderInWorker(FIXTURE), loadEmbedderInWorker(FIXTURE)]);
    if (!a.ok || !b.ok) throw new Error('fixture did not load');
    const [va, vb] = await Promise.all([a.embedder.embedQuery(QUESTIONS[0]), b.embedder.embedQuery(QUESTIONS[0])]);
    expect(va).toEqual(vb);
    await a.embedder.dispose();
    await expect(a.embedder.embedQuery('x')).rejects.toThrow(/disposed/);
    expect(await b.embedder.embedQuery(QUESTIONS[0])).toEqual(vb);
    await b.embedder.dispose();
  });

  it('reports a model it cannot load as a problem, like loadEmbedder, without throwing', async () => {
    const load = await loadEmbedderInWorker({ ...FIXTURE, model: 'no-such-model' });
    expect(load.ok).toBe(false);
    if (!load.ok) {
      expect(load.disabled).toBe(false);
      expect(load.problem).toMatch(/no-such-model could not be loaded .*keyword-only mode/);
    }
    const off = await loadEmbedderInWorker({ ...FIXTURE, enabled: false });
    expect(off).toMatchObject({ ok: false, disabled: true });
  });
});
