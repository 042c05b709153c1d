/**
 * The embedding worker dying under a running engine (the tiny fixture model in the real worker process, killed with
 * SIGKILL as the OOM killer would, or frozen with SIGSTOP): every question is still answered, from the keyword
 * index, with one warning; status says keyword; the worker is restarted in the background and hybrid retrieval
 * comes back. The same during an index build: the keyword index is built, saved and served, and the dense index is
 * built once the worker is back.
 */

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndexes, createEngine } from '../retrieval/engine.js';
import type { Engine } from '../retrieval/index.js';
import { EVERY_DENSE_HIT } from './helpers/fusion.js';
import { killWorkers, stopWorkers, workerPids } from './helpers/worker-tap.js';

// A frozen worker is declared hung after this long (the default is a minute); set before the worker starts.
process.env.EMBEDDING_WORKER_TIMEOUT_MS = '3000';

const FIXTURE = { modelsDir: 'test/fixtures/models', model: 'tiny-random-bert', fusion: EVERY_DENSE_HIT };
const QUESTIONS = ['蓝心运动是什么？', 'What is the Blue Heart Campaign?', '偷运移民问题工作组的建议是什么？'];

let indexDir: string;
let engine: Engine;
const logs: string[] = [];

async function until(done: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log:\n${logs.join('\n')}`);
    await sleep(50);
  }
}

const denseRanked = async (e: Engine) => (await e.search('蓝心运动', { k: 20 })).some((h) => h.ranks?.dense !== undefined);
const warnings = () => logs.filter((l) => l.startsWith('Warning: dense retrieval failed'));

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'worker-death-'));
  engine = await createEngine({ indexDir, ...FIXTURE, queryTimeoutMs: 1000, log: (m) => logs.push(m) });
});
afterAll(async () => {
  await engine.close();
  await rm(indexDir, { recursive: true, force: true });
});

describe('a killed embedding worker', () => {
  it('leaves questions answered from the keyword index, with one warning, and hybrid mode comes back', async () => {
    expect(engine.status().mode).toBe('hybrid');
    expect(await denseRanked(engine)).toBe(true);

    logs.length = 0;
    expect(await killWorkers()).toBe(1);
    await until(() => engine.status().mode === 'keyword', 'keyword mode');
    expect(engine.status().modelProblem).toMatch(/^embedding worker down \(embedding worker exited \(signal SIGKILL\)\); restarting it$/);
    const after = await engine.search('蓝心运动', { k: 20 });
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((h) => h.ranks?.dense === undefined)).toBe(true);
    for (const q of QUESTIONS) {
      const answer = await engine.ask(q);
      expect(answer.outcome).not.toBe('not-found');
    }
    expect((await engine.ask('蓝心运动是什么？')).passages[0]!.quote).toContain('蓝心运动');
    expect(warnings()).toEqual([
      'Warning: dense retrieval failed (embedding worker exited (signal SIGKILL)); answering with keyword search alone while the embedding worker restarts.',
    ]);

    await until(() => engine.status().mode === 'hybrid', 'the restarted worker');
    expect(logs).toContain('Embedding worker restarted: hybrid retrieval restored.');
    expect(engine.status()).toMatchObject({ mode: 'hybrid', model: 'tiny-random-bert', modelProblem: null });
    expect(await denseRanked(engine)).toBe(true);
    expect(workerPids()).toHaveLength(1);
  });

  it('during a question: the question is answered from keywords, not failed', async () => {
    logs.length = 0;
    // Frozen first, so the question's vector is certainly in the worker when it is killed.
    expect(await stopWorkers()).toBe(1);
    const pending = Promise.all(QUESTIONS.map((q) => engine.ask(q)));
    await sleep(200);
    expect(await killWorkers()).toBe(1);
    const answers = await pending;
    expect(answers.map((a) => a.outcome)).not.toContain('not-found');
    expect(answers[0]!.passages[0]!.quote).toContain('蓝心运动');
    expect(warnings()).toHaveLength(1);
    await until(() => engine.status().mode === 'hybrid', 'the restarted worker');
  });

  it('that stops answering: questions wait at most their timeout, and the hung worker is replaced', async () => {
    logs.length = 0;
    const [hung] = workerPids();
    expect(await stopWorkers()).toBe(1);
    const started = Date.now();
    const answer = await engine.ask('蓝心运动是什么？');
    expect(Date.now() - started).toBeLessThan(2500);
    expect(answer.outcome).not.toBe('not-found');
    await until(() => engine.status().mode === 'keyword', 'the hang to be noticed');
    expect(warnings()).toEqual([
      'Warning: dense retrieval failed (embedding worker stopped answering (no reply for 3 s)); answering with keyword search alone while the embedding worker restarts.',
    ]);
    await until(() => engine.status().mode === 'hybrid', 'the replacement worker');
    expect(workerPids()).not.toContain(hung);
    expect(await denseRanked(engine)).toBe(true);
  });
});

describe('a worker killed during an index build', () => {
  it('leaves the keyword index built, saved and served, and the dense index is built when the worker is back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'worker-death-build-'));
    const buildLogs: string[] = [];
    let killed = false;
    try {
      const building = await createEngine({
        indexDir: dir,
        ...FIXTURE,
        log: (m) => buildLogs.push(m),
        // Killed in the second request of 64 texts: the first one's vectors are in the cache by then.
        onEmbedProgress: (done) => {
          if (done > 64 && !killed) {
            killed = true;
            void killWorkers();
          }
        },
      });
      try {
        expect(killed).toBe(true);
        expect(buildLogs.join('\n')).toMatch(
          /Warning: the dense index could not be built \(embedding worker exited \(signal SIGKILL\)\); serving keyword search/,
        );
        const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
        expect(manifest.keyword.file).toBe('keyword.bin');
        expect(manifest.dense).toBeNull();
        expect(building.status().mode).toBe('keyword');
        expect((await building.ask('蓝心运动是什么？')).passages[0]!.quote).toContain('蓝心运动');

        await until(() => building.status().mode === 'hybrid', 'the dense index to be built after the restart');
        expect(buildLogs).toContain('Embedding worker restarted: building what it could not build before; keyword search meanwhile.');
        // What was embedded before the kill came from the vector cache.
        expect(buildLogs.join('\n')).toMatch(/\d+ of \d+ texts came from the vector cache/);
        const rebuilt = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
        expect(rebuilt.dense).toMatchObject({ model: 'tiny-random-bert', windowedUnits: 2 });
        expect(rebuilt.fusion).toMatchObject({ model: 'tiny-random-bert', verdict: expect.any(String) });
        expect(await denseRanked(building)).toBe(true);
      } finally {
        await building.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('npm run index saves the keyword index and says why there is no dense one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'worker-death-index-'));
    let killed = false;
    try {
      const build = await buildIndexes({
        indexDir: dir,
        ...FIXTURE,
        log: () => {},
        onEmbedProgress: (done) => {
          if (done > 0 && !killed) {
            killed = true;
            void killWorkers();
          }
        },
      });
      expect(build).toMatchObject({ units: 304, model: null, denseProblem: 'embedding worker exited (signal SIGKILL)', unsaved: null });
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ units: 304, dense: null });
      const keywordOnly = await createEngine({ indexDir: dir, embeddings: 'off', readOnly: true, log: () => {} });
      expect((await keywordOnly.ask('蓝心运动是什么？')).outcome).not.toBe('not-found');
      await keywordOnly.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
