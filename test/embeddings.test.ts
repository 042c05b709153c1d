import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { ProgressInfo } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbedderLoad, type LoadEmbedderOptions, type LocalEmbedder, loadEmbedder } from '../embeddings/embedder.js';
import { modelProfile, requiredModelFiles } from '../embeddings/model-profiles.js';
import { createProgressBar } from '../embeddings/progress-bar.js';
import { embeddingSettingsFromEnv } from '../embeddings/settings.js';

/**
 * Runs the real transformers.js + onnxruntime path on the committed random-weight fixture. Its vectors carry
 * no meaning: these tests check loading, prefixes, pooling, normalisation and batching, never retrieval quality.
 */
const MODELS_DIR = resolve('test/fixtures/models');
const MODEL = 'tiny-random-bert';
const FIXTURE = join(MODELS_DIR, MODEL);

/** Real seed text: the non-trivial lines of every seed, from a few characters to long paragraphs. */
const seedLines = readdirSync('seeds')
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .flatMap((f) => readFileSync(join('seeds', f), 'utf8').split('\n'))
  .map((l) => l.trim())
  .filter((l) => l.length >= 4);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'embeddings-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Explicit about everything the environment could set (CI runs with EMBEDDINGS=off). */
function fixtureOptions(extra: LoadEmbedderOptions = {}): LoadEmbedderOptions {
  return { enabled: true, model: MODEL, modelsDir: MODELS_DIR, cacheDir: join(scratch, 'cache'), offline: true, hubUrl: null, onProgress: null, ...extra };
}

async function loadFixture(extra: LoadEmbedderOptions = {}): Promise<LocalEmbedder> {
  const loaded = await loadEmbedder(fixtureOptions(extra));
  if (!loaded.ok) throw new Error(loaded.problem);
  return loaded.embedder;
}

function norm(v: number[]): number {
  return Math.hypot(...v);
}

function dot(a: number[], b: number[]): number {
  return a.reduce((s, x, i) => s + x * b[i], 0);
}

function failed(load: EmbedderLoad): Extract<EmbedderLoad, { ok: false }> {
  if (load.ok) throw new Error('expected the load to fail');
  return load;
}

describe('loading the fixture model', () => {
  it('loads from MODELS_DIR offline, reports every file it reads, and knows its dimension', async () => {
    const events: ProgressInfo[] = [];
    const loaded = await loadEmbedder(fixtureOptions({ onProgress: (e) => events.push(e) }));
    if (!loaded.ok) throw new Error(loaded.problem);
    const config = JSON.parse(readFileSync(join(FIXTURE, 'config.json'), 'utf8'));
    expect(loaded.embedder.dimension).toBe(config.hidden_size);
    expect(loaded.embedder.id).toBe(MODEL);
    expect(loaded.location).toBe(FIXTURE);
    expect(loaded.downloaded).toBe(false);
    const doneFiles = events.flatMap((e) => (e.status === 'done' ? [e.file] : []));
    expect(doneFiles.sort()).toEqual(requiredModelFiles('q8').sort());
    expect(events.at(-1)).toMatchObject({ status: 'ready', task: 'feature-extraction' });
    await loaded.embedder.dispose();
  });

  it('reads model settings from the environment and rejects malformed values by name', () => {
    const s = embeddingSettingsFromEnv({ EMBEDDINGS: 'off', EMBEDDING_MODEL: 'org/m', MODELS_DIR: '/m', OFFLINE: '1', EMBEDDING_BATCH_SIZE: '4' });
    expect(s).toMatchObject({ enabled: false, model: 'org/m', modelsDir: '/m', offline: true, batchSize: 4 });
    expect(embeddingSettingsFromEnv({}).model).toBe('Xenova/multilingual-e5-small');
    expect(embeddingSettingsFromEnv({ EMBEDDINGS: 'auto' }).enabled).toBe(true);
    expect(() => embeddingSettingsFromEnv({ MODEL_LOAD_TIMEOUT_MS: '20s' })).toThrow(/MODEL_LOAD_TIMEOUT_MS.*"20s"/);
    expect(() => embeddingSettingsFromEnv({ OFFLINE: 'maybe' })).toThrow(/OFFLINE/);
  });

  it('EMBEDDINGS=off never touches the model', async () => {
    const load = failed(await loadEmbedder(fixtureOptions({ enabled: false })));
    expect(load.disabled).toBe(true);
    expect(load.problem).toMatch(/keyword-only/);
  });
});

describe('embedding with the fixture model', () => {
  let embedder: LocalEmbedder;
  beforeAll(async () => {
    embedder = await loadFixture();
  });
  afterAll(async () => {
    await embedder.dispose();
  });

  it('returns one L2-normalised vector of the model dimension per seed text', async () => {
    const texts = seedLines.slice(0, 60);
    const vectors = await embedder.embedPassages(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors) {
      expect(v).toHaveLength(embedder.dimension);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    // Different texts, different vectors: pooling did not collapse everything to one point.
    expect(dot(vectors[0], vectors[1])).toBeLessThan(0.99999);
  });

  it('embeds the same text differently as a query and as a passage (e5 prefixes)', async () => {
    expect(modelProfile(MODEL)).toMatchObject({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    const text = '缔约国应如何保护贩运人口活动的被害人？';
    const asQuery = await embedder.embedQuery(text);
    const [asPassage] = await embedder.embedDocuments([text]);
    expect(dot(asQuery, asPassage)).toBeLessThan(0.9999);
    // The LangChain methods are the same operations as the named ones.
    expect(await embedder.embedQueries([text])).toEqual([asQuery]);
    expect(await embedder.embedPassages([text])).toEqual([asPassage]);
  });

  it('gives the same vectors in batches as one at a time, in input order', async () => {
    // Mixed lengths, so batches are reordered by length and padded.
    const texts = [...seedLines.slice(0, 20), ...seedLines.filter((l) => l.length > 200).slice(0, 10)];
    const fp32 = await loadFixture({ dtype: 'fp32', batchSize: 8 });
    try {
      const batched = await fp32.embedPassages(texts);
      const single = await Promise.all(texts.map(async (t) => (await fp32.embedPassages([t]))[0]));
      expect(batched).toEqual(single);
    } finally {
      await fp32.dispose();
    }
    // int8 activations are quantised with one scale per forward pass, so batch-mates shift values slightly.
    const batched = await embedder.embedPassages(texts);
    for (const [i, t] of texts.entries()) {
      const [alone] = await embedder.embedPassages([t]);
      expect(dot(alone, batched[i])).toBeGreaterThan(0.999);
    }
  });

  it('reports progress after every batch', async () => {
    const calls: [number, number][] = [];
    const texts = seedLines.slice(0, 40);
    await embedder.embedPassages(texts, (done, total) => calls.push([done, total]));
    const b = embedder.batchSize;
    const expected: [number, number][] = [[0, 40]];
    for (let done = b; done < 40 + b; done += b) expected.push([Math.min(done, 40), 40]);
    expect(calls).toEqual(expected);
  });
});

describe('failing to load', () => {
  it('an unknown model offline fails at once with a clear message', async () => {
    const started = performance.now();
    const load = failed(await loadEmbedder(fixtureOptions({ model: 'nobody/no-such-model' })));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(load.disabled).toBe(false);
    expect(load.problem).toContain('nobody/no-such-model');
    expect(load.problem).toMatch(/OFFLINE=1/);
    expect(load.problem).toMatch(/MODELS_DIR/);
    expect(load.problem).toMatch(/keyword-only/);
  });

  it('rejects a model id that is a path', async () => {
    const load = failed(await loadEmbedder(fixtureOptions({ model: '../../etc' })));
    expect(load.cause).toMatch(/not a model id/);
  });

  it('a corrupt local copy is reported, not thrown', async () => {
    const copy = join(scratch, 'corrupt');
    await cp(FIXTURE, join(copy, MODEL), { recursive: true });
    await truncate(join(copy, MODEL, 'onnx/model_quantized.onnx'), 1000);
    const load = failed(await loadEmbedder(fixtureOptions({ modelsDir: copy })));
    expect(load.cause).toContain(join(copy, MODEL));
    expect(load.problem).toMatch(/Replace or delete/);
  });
});

/** A stand-in for the hub on loopback, serving files under `/<model>/resolve/main/<file>` like the real one. */
async function startHub(handler: (path: string, res: import('node:http').ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => handler(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname), res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function stopHub(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
}

describe('downloading from a hub', () => {
  it('downloads into the cache with byte progress, and later loads come from the cache', async () => {
    const requested: string[] = [];
    const hub = await startHub((path, res) => {
      requested.push(path);
      const m = /^\/tiny-random-bert\/resolve\/main\/(.+)$/.exec(path);
      const file = m && join(FIXTURE, m[1]);
      if (!file || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Length': statSync(file).size });
      createReadStream(file).pipe(res);
    });
    const cacheDir = join(scratch, 'download-cache');
    // Another dtype's file from an earlier download must survive this one.
    const other = join(cacheDir, MODEL, 'onnx/model_fp16.onnx');
    await mkdir(dirname(other), { recursive: true });
    await writeFile(other, 'other dtype');
    const events: ProgressInfo[] = [];
    try {
      const first = await loadEmbedder(fixtureOptions({ modelsDir: null, cacheDir, offline: false, hubUrl: hub.url, onProgress: (e) => events.push(e) }));
      if (!first.ok) throw new Error(first.problem);
      expect(first.downloaded).toBe(true);
      expect(first.location).toBe(join(cacheDir, MODEL));
      for (const f of requiredModelFiles('q8')) {
        expect(readFileSync(join(cacheDir, MODEL, f))).toEqual(readFileSync(join(FIXTURE, f)));
      }
      // Only the finished model folder is left: no staging folder.
      expect(readdirSync(cacheDir)).toEqual([MODEL]);
      expect(readFileSync(other, 'utf8')).toBe('other dtype');
      const onnxBytes = statSync(join(FIXTURE, 'onnx/model_quantized.onnx')).size;
      const onnxProgress = events.filter((e) => e.status === 'progress' && e.file === 'onnx/model_quantized.onnx');
      expect(onnxProgress.at(-1)).toMatchObject({ loaded: onnxBytes, total: onnxBytes });
      await first.embedder.dispose();
    } finally {
      await stopHub(hub.server);
    }
    const served = requested.length;
    const second = await loadEmbedder(fixtureOptions({ modelsDir: null, cacheDir, offline: false, hubUrl: hub.url }));
    if (!second.ok) throw new Error(second.problem);
    expect(second.downloaded).toBe(false);
    expect(requested).toHaveLength(served);
    await second.embedder.dispose();
  });

  it('a model the hub does not have fails with "not found"', async () => {
    const hub = await startHub((_, res) => res.writeHead(404).end());
    try {
      const load = failed(await loadEmbedder(fixtureOptions({ model: 'org/missing', modelsDir: null, offline: false, hubUrl: hub.url })));
      expect(load.cause).toMatch(/not found on the hub/);
      const cache = join(scratch, 'cache');
      expect(existsSync(cache) ? readdirSync(cache).filter((name) => name.startsWith('.download')) : []).toEqual([]);
    } finally {
      await stopHub(hub.server);
    }
  });

  it('a hub that never answers is given up on after the stall timeout, not waited for', async () => {
    const hub = await startHub(() => {});
    try {
      const started = performance.now();
      const load = failed(await loadEmbedder(fixtureOptions({ model: 'org/slow', modelsDir: null, offline: false, hubUrl: hub.url, timeoutMs: 400 })));
      const took = performance.now() - started;
      expect(took).toBeGreaterThanOrEqual(390);
      expect(took).toBeLessThan(3000);
      expect(load.cause).toMatch(/stalled: no progress for 0.4 s/);
    } finally {
      await stopHub(hub.server);
    }
  });

  it('an unreachable hub fails fast', async () => {
    // A port nothing listens on: connection refused, like a hub behind a firewall that rejects.
    const hub = await startHub(() => {});
    const { url } = hub;
    await stopHub(hub.server);
    const started = performance.now();
    const load = failed(await loadEmbedder(fixtureOptions({ model: 'org/any', modelsDir: null, offline: false, hubUrl: url })));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(load.cause).toMatch(/network unreachable: .*ECONNREFUSED/);
  });
});

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('progress bar', () => {
  it('prints a few plain lines when not on a terminal', () => {
    const out = new Capture(false);
    const bar = createProgressBar('Embedding', { stream: out });
    for (let i = 0; i <= 300; i++) bar.update(i, 300);
    bar.finish();
    const lines = out.text.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toMatch(/^Embedding \[#{24}\] 100% 300\/300$/);
    expect(out.text).not.toContain('\r');
  });

  it('redraws one line in place on a terminal, throttled', () => {
    const out = new Capture(true);
    let clock = 0;
    const bar = createProgressBar('Embedding', { stream: out, now: () => clock });
    for (let i = 0; i <= 300; i++) {
      clock += 1;
      bar.update(i, 300);
    }
    bar.finish();
    const redraws = out.text.split('\r').length - 1;
    expect(redraws).toBeGreaterThan(2);
    expect(redraws).toBeLessThan(10);
    expect(out.text.endsWith('100% 300/300\n')).toBe(true);
  });
});
