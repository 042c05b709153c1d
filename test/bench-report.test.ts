import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureLoopDelay, startLoopDelayMonitor } from '../bench/event-loop.js';
import { table } from '../bench/format-report.js';
import type { HnswRun } from '../bench/hnsw-bench.js';
import { chooseBenchModel, E5_SIZED_MODEL, FIXTURE_DIR, FIXTURE_MODEL } from '../bench/model-choice.js';
import { type BenchReport, ratiosOf, targetsOf } from '../bench/report.js';
import { modelProfile, requiredModelFiles } from '../embeddings/model-profiles.js';

const p = (p50: number) => ({ p50, p95: p50 * 2, p99: p50 * 3 });
const delay = { p50: 0, p99: 1, max: 2 };

function run(n: number, p50: number, recall: number, sweep: [number, number, number][]): HnswRun {
  return {
    n,
    build_s: 1,
    p50_ms: p50,
    recall_at_10: recall,
    brute_force: { p50_ms: p50 * 20 },
    index_mb: 1,
    bytes_per_vector: 1800,
    load_s: 0.1,
    ef_sweep: sweep.map(([ef, ms, r]) => ({ ef, p50_ms: ms, recall_at_10: r })),
  };
}

function figures(overrides: Partial<BenchReport> = {}) {
  return {
    query_ms: { keyword: p(2), dense: p(12), hybrid: p(16), answer: p(20), answer_hybrid: p(24) },
    dense_parts_ms: { embed: p(11), search: p(1), fusion: p(0.2) },
    hnsw: {
      m: 32,
      ef_construction: 200,
      ef: 200,
      vectors: 'synthetic',
      queries: 200,
      runs: [
        run(10_000, 1, 1, []),
        run(100_000, 2.5, 0.99, [
          [50, 0.9, 0.93],
          [100, 1.4, 0.97],
          [200, 2.5, 0.99],
        ]),
      ],
    },
    cold_start_ms: { without_model: 800, with_model: 1000 },
    event_loop_delay_ms: {
      build: { whole: delay, phases: {} },
      load: delay,
      embedding: delay,
      queries: delay,
      first_answers: delay,
      model_in_main_thread: { load: delay, embedding: { p50: 20, p99: 150, max: 200 } },
    },
    model: { name: 'e5-small-random', kind: 'e5-small-sized random model' as const },
    ...overrides,
  };
}

describe('bench report', () => {
  it('computes ratios from the same run', () => {
    const ratios = ratiosOf(figures());
    expect(ratios.hybrid_over_keyword_p50).toBe(8);
    expect(ratios.answer_over_retrieval_p50).toBe(10);
    expect(ratios.query_embedding_share_of_hybrid_p50).toBe(0.69);
    expect(ratios.brute_force_over_hnsw_p50_100000).toBe(20);
    expect(ratios.hnsw_p50_100000_over_10000).toBe(2.5);
    expect(ratios.cold_start_with_over_without_model).toBe(1.25);
    expect(ratios.max_loop_delay_embedding_main_thread_over_worker).toBe(100);
  });

  it('checks every target, including the fastest ef that reaches the recall goal at 100k', () => {
    const byName = Object.fromEntries(targetsOf(figures()).map((t) => [t.name, t]));
    expect(byName['keyword query p50'].met).toBe(true);
    expect(byName['answer p50 (engine.ask, keyword, extractive)']).toMatchObject({ met: false, measured: '20.00 ms' });
    const quick = figures({ query_ms: { ...figures().query_ms, answer: { p50: 6.5, p95: 11, p99: 14 } } });
    expect(targetsOf(quick).find((t) => t.name.startsWith('answer'))?.met).toBe(true);
    expect(byName['hybrid query p50 (e5-small-sized model)'].met).toBe(true);
    expect(byName['HNSW 100k, ef=200'].met).toBe(false);
    expect(byName['HNSW 100k, fastest ef reaching 0.95']).toMatchObject({ met: true, measured: 'ef=100: recall 0.970, 1.40 ms' });
    expect(byName['cold start, prebuilt index incl. dense, excl. model load'].met).toBe(true);
  });

  it('judges fusion and gating time, and the memory of a process serving hybrid queries after its own build', () => {
    const over = Object.fromEntries(targetsOf({ ...figures(), rss_serving_after_build: 1032 }).map((t) => [t.name, t]));
    expect(over['fusion and gating p50 (similarity profile + fuse)'].met).toBe(true);
    expect(over['RSS serving hybrid queries after building the index, settled (process + worker)']).toMatchObject({
      met: false,
      measured: '1032 MB (e5-small-sized random model)',
    });
    const slow = figures({ dense_parts_ms: { embed: p(11), search: p(1), fusion: p(1.5) } });
    const under = Object.fromEntries(targetsOf({ ...slow, rss_serving_after_build: 650 }).map((t) => [t.name, t.met]));
    expect(under['fusion and gating p50 (similarity profile + fuse)']).toBe(false);
    expect(under['RSS serving hybrid queries after building the index, settled (process + worker)']).toBe(true);
    const tiny = figures({ model: { name: 'tiny-random-bert', kind: 'test fixture (tiny random model)' } });
    expect(targetsOf({ ...tiny, rss_serving_after_build: 650 }).find((t) => t.name.startsWith('RSS'))?.met).toBeNull();
  });

  it('does not judge the hybrid target on the tiny fixture model or the n-gram test embedder', () => {
    const tiny = figures({ model: { name: 'tiny-random-bert', kind: 'test fixture (tiny random model)' } });
    expect(targetsOf(tiny).find((t) => t.name.startsWith('hybrid'))?.met).toBeNull();
    const ngrams = figures({ model: { name: 'test/hashed-ngrams', kind: 'hashed n-gram test embedder' } });
    expect(targetsOf(ngrams).find((t) => t.name.startsWith('hybrid'))?.met).toBeNull();
    expect(targetsOf(figures()).find((t) => t.name.startsWith('hybrid'))?.met).toBe(true);
  });

  it('lays out tables with the first column left-aligned and numbers right-aligned', () => {
    expect(
      table([
        ['kind', 'p50'],
        ['keyword', '1.5'],
        ['hybrid', '12.25'],
      ]),
    ).toBe('kind       p50\nkeyword    1.5\nhybrid   12.25');
  });
});

describe('event-loop delay', () => {
  it('sees a synchronous stretch, and nothing on an idle loop', async () => {
    const idle = await measureLoopDelay(() => new Promise((r) => setTimeout(r, 100)));
    // Long enough that a loaded machine's scheduling hiccups on the idle loop stay below it.
    const busy = await measureLoopDelay(async () => {
      const until = performance.now() + 500;
      while (performance.now() < until);
    });
    expect(busy.delay.max).toBeGreaterThan(450);
    expect(idle.delay.max).toBeLessThan(busy.delay.max);
  });

  it('attributes a stall to the phase it happened in', async () => {
    const monitor = await startLoopDelayMonitor();
    await new Promise((r) => setTimeout(r, 50));
    monitor.mark('quiet');
    const until = performance.now() + 120;
    while (performance.now() < until);
    const { whole, phases } = await monitor.stop('stalled');
    expect(phases.stalled.max).toBeGreaterThan(90);
    expect(phases.quiet.max).toBeLessThan(phases.stalled.max);
    expect(whole.max).toBeGreaterThan(90);
  });
});

describe('which model the bench uses', () => {
  it('prefers a built e5-small-sized model to the fixture, never looks online, and honours EMBEDDINGS=off', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'bench-models-'));
    try {
      const env = { MODELS_CACHE_DIR: cache };
      expect(chooseBenchModel(env)).toEqual({ model: FIXTURE_MODEL, modelsDir: FIXTURE_DIR, kind: 'test fixture (tiny random model)' });
      for (const file of requiredModelFiles(modelProfile(E5_SIZED_MODEL).dtype)) {
        const path = join(cache, E5_SIZED_MODEL, file);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, '');
      }
      expect(chooseBenchModel(env)).toEqual({ model: E5_SIZED_MODEL, modelsDir: cache, kind: 'e5-small-sized random model' });
      expect(chooseBenchModel(env, FIXTURE_MODEL)?.model).toBe(FIXTURE_MODEL);
      expect(() => chooseBenchModel({ ...env, EMBEDDING_MODEL: 'org/absent' })).toThrow(/org\/absent is not in .*never downloads/);
      expect(chooseBenchModel({ ...env, EMBEDDINGS: 'off' })).toBeNull();
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});
