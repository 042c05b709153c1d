/**
 * The embedding worker dying under a running engine (the tiny fixture model, the real worker thread): questions
 * keep being answered from the keyword index, with one warning. onnxruntime cannot be loaded into a second worker
 * in the same process, so hybrid search comes back only with a restart; the warning says what happened.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../retrieval/engine.js';
import type { Engine } from '../retrieval/index.js';
import { killWorkers } from './helpers/worker-tap.js';

let indexDir: string;
let engine: Engine;
const logs: string[] = [];

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'worker-death-'));
  engine = await createEngine({ indexDir, modelsDir: 'test/fixtures/models', model: 'tiny-random-bert', log: (m) => logs.push(m) });
});
afterAll(async () => {
  await engine.close();
  await rm(indexDir, { recursive: true, force: true });
});

describe('a killed embedding worker', () => {
  it('leaves questions answered from the keyword index, with one warning', async () => {
    expect(engine.status().mode).toBe('hybrid');
    const before = await engine.search('蓝心运动', { k: 20 });
    expect(before.some((h) => h.ranks?.dense !== undefined)).toBe(true);

    expect(await killWorkers()).toBe(1);
    const after = await engine.search('蓝心运动', { k: 20 });
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((h) => h.ranks?.dense === undefined)).toBe(true);
    const answer = await engine.ask('蓝心运动是什么？');
    expect(answer.outcome).not.toBe('not-found');
    expect(answer.passages[0].quote).toContain('蓝心运动');
    await engine.ask('What is the Blue Heart Campaign?');
    expect(logs.filter((l) => l.startsWith('Warning: dense retrieval failed'))).toEqual([
      'Warning: dense retrieval failed (embedding worker exited (code 1)); answering with keyword search alone while it fails.',
    ]);
  });
});
