import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../embeddings/embedder.js';
import { createEngine } from '../retrieval/engine.js';
import { EVERY_DENSE_HIT } from './helpers/fusion.js';

/**
 * The real transformers.js → HNSW path, on the tiny random-weight fixture model. Its vectors carry no
 * meaning (its calibrated dense weight is 0), so these tests set a fusion that counts every dense hit and check
 * plumbing (persisting, reloading, fusing), never answer quality.
 */
const FIXTURE = { modelsDir: 'test/fixtures/models', model: 'tiny-random-bert' };
let indexDir: string;

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'hybrid-'));
});
afterAll(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

async function open() {
  const logs: string[] = [];
  const engine = await createEngine({ indexDir, ...FIXTURE, fusion: EVERY_DENSE_HIT, log: (m) => logs.push(m) });
  return { engine, logs };
}

describe('hybrid mode with the fixture model', () => {
  it('builds a dense index, fuses it with keyword search, and reloads it without re-embedding', async () => {
    const first = await open();
    expect(first.engine.status()).toMatchObject({ mode: 'hybrid', model: 'tiny-random-bert', modelProblem: null });
    expect(first.logs.join('\n')).toMatch(/Building dense index with tiny-random-bert/);
    const hits = await first.engine.search('蓝心运动', { k: 20 });
    expect(hits.some((h) => h.ranks?.dense !== undefined)).toBe(true);
    expect(hits.some((h) => h.ranks?.keyword !== undefined)).toBe(true);
    const answer = await first.engine.ask('蓝心运动');
    expect(answer.passages.length).toBeGreaterThan(0);
    await first.engine.close();

    const manifest = JSON.parse(await readFile(join(indexDir, 'manifest.json'), 'utf8'));
    expect(manifest.dense).toMatchObject({ model: 'tiny-random-bert', dimension: 32 });

    const second = await open();
    expect(second.logs).toEqual([expect.stringMatching(/^Loaded index .*dense tiny-random-bert/)]);
    await second.engine.close();
  });

  it('keeps the dense index through a keyword-only run and rebuilds it when its file is damaged', async () => {
    const keywordOnly = await createEngine({ indexDir, embeddings: 'off', log: () => {} });
    expect(keywordOnly.status().mode).toBe('keyword');
    await keywordOnly.close();
    const manifest = JSON.parse(await readFile(join(indexDir, 'manifest.json'), 'utf8'));
    expect(manifest.dense?.model).toBe('tiny-random-bert');

    await writeFile(join(indexDir, manifest.dense.file), 'garbage');
    const repaired = await open();
    expect(repaired.logs.join('\n')).toMatch(/Dense index is unusable .*; rebuilding/);
    expect(repaired.engine.status().mode).toBe('hybrid');
    await repaired.engine.close();
  });

  it('falls back to keyword mode with one clear warning when the model cannot be had', async () => {
    const logs: string[] = [];
    const engine = await createEngine({ indexDir, modelsDir: FIXTURE.modelsDir, model: 'no-such-model', log: (m) => logs.push(m) });
    expect(engine.status()).toMatchObject({ mode: 'keyword', model: null });
    expect(engine.status().modelProblem).toMatch(/no-such-model/);
    expect(logs.filter((l) => l.startsWith('Warning:'))).toHaveLength(1);
    expect((await engine.ask('蓝心运动')).outcome).not.toBe('not-found');
    await engine.close();
  });

  it('the fixture loads through the same loader users get', async () => {
    const loaded = await loadEmbedder({ ...FIXTURE, onProgress: null });
    expect(loaded.ok).toBe(true);
    if (loaded.ok) await loaded.embedder.dispose();
  });
});
