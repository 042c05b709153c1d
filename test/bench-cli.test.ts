import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bench-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function bench(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, MODELS_DIR: 'test/fixtures/models', EMBEDDING_MODEL: '', EMBEDDINGS: 'auto', DISCORD_TOKEN: '' },
    timeout: 240_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const PERCENTILES = ['p50', 'p95', 'p99'];

describe('npm run bench', () => {
  it('rejects unknown flags and bad numbers with its usage, before doing any work', () => {
    for (const args of [['--bogus'], ['--m', '0'], ['--hnsw-sizes', '10k']]) {
      const r = bench(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/usage: npm run bench/);
      expect(r.out).toBe('');
    }
  });

  it('prints the tables and writes the same figures as JSON, with the fixture model through the worker', { timeout: 240_000 }, async () => {
    const out = join(dir, 'bench.json');
    const r = bench(['--quick', '--hnsw-sizes', '2000', '--probe-runs', '1', '--model', 'tiny-random-bert', '--json', out]);
    expect(r.err).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    const report = JSON.parse(await readFile(out, 'utf8'));
    for (const key of ['build', 'cold_start_ms', 'query_ms', 'rss_mb', 'hnsw', 'event_loop_delay_ms', 'ratios']) expect(report).toHaveProperty(key);
    expect(Object.keys(report.build).sort()).toEqual(['dense', 'keyword']);
    for (const kind of ['keyword', 'dense']) expect(Object.keys(report.build[kind])).toEqual(expect.arrayContaining(['seconds', 'units_per_s']));
    expect(Object.keys(report.cold_start_ms).sort()).toEqual(['with_model', 'without_model']);
    expect(Object.keys(report.query_ms).sort()).toEqual(['answer', 'answer_hybrid', 'dense', 'hybrid', 'keyword']);
    for (const kind of Object.values(report.query_ms) as Record<string, number>[]) expect(Object.keys(kind).sort()).toEqual(PERCENTILES);
    expect(report.questions.timed).toBeGreaterThanOrEqual(200);
    expect(report.hnsw.runs[0]).toMatchObject({ n: 2000, brute_force: { p50_ms: expect.any(Number) } });
    for (const key of ['build_s', 'p50_ms', 'recall_at_10']) expect(typeof report.hnsw.runs[0][key]).toBe('number');
    for (const phase of ['build', 'load']) expect(report.event_loop_delay_ms).toHaveProperty(phase);
    expect(report.model).toEqual({ name: 'tiny-random-bert', kind: 'test fixture (tiny random model)' });
    // The same figures in the printed tables.
    expect(r.out).toContain('Dense figures: tiny-random-bert — test fixture (tiny random model)');
    expect(r.out).toContain(report.query_ms.keyword.p50.toFixed(2));
    expect(r.out).toContain(`HNSW (DenseIndex, M=${report.hnsw.m}`);
  });
});
