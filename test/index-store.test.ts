import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../retrieval/corpus/load-corpus.js';
import { loadOrBuildIndexes, MANIFEST_FILE } from '../retrieval/index/index-store.js';
import { Tokenizer } from '../retrieval/query/tokenize.js';

let dir: string;
let seedsDir: string;
let indexDir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'index-store-'));
  seedsDir = join(dir, 'seeds');
  indexDir = join(dir, 'index');
  await cp('seeds', seedsDir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tokenizer = new Tokenizer();

async function open(opts: { readOnly?: boolean } = {}) {
  const corpus = await loadCorpus(seedsDir);
  return loadOrBuildIndexes({ indexDir, corpus, tokenizer, embedder: null, readOnly: opts.readOnly });
}

describe('persisted indexes', () => {
  it('builds on first use, then loads the same index without rebuilding', async () => {
    const first = await open();
    expect(first.events.join('\n')).toMatch(/Building keyword index: no index yet/);
    const manifest = JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8'));
    expect(manifest.units).toBe(first.keyword.size);
    expect(Object.keys(manifest.documents)).toContain('000_8c987accfb8d7853.txt');

    const second = await open();
    expect(second.events).toEqual([expect.stringMatching(/^Loaded index/)]);
    expect(second.keyword.size).toBe(first.keyword.size);
    expect((await readdir(indexDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('rebuilds, naming the document, when a seed changes', async () => {
    await open();
    await appendFile(join(seedsDir, '001_9a4ffc9ee25fcc75.txt'), '\n');
    const again = await open();
    expect(again.events.join('\n')).toMatch(/document changed: 001_9a4ffc9ee25fcc75\.txt/);
  });

  it('rebuilds when a document is added', async () => {
    const first = await open();
    await writeFile(join(seedsDir, 'extra.txt'), '一. 导言\n\n1. 这是一个新的文件，用于测试索引的重建。\n\n2. 这是新文件的第二段。\n');
    const again = await open();
    expect(again.events.join('\n')).toMatch(/document added: extra\.txt/);
    expect(again.keyword.size).toBe(first.keyword.size + 2);
  });

  it('detects a corrupt keyword index by checksum and rebuilds it', async () => {
    const first = await open();
    await writeFile(join(indexDir, 'keyword.bin'), '{"truncated":');
    const again = await open();
    expect(again.events.join('\n')).toMatch(/Keyword index is unusable \(keyword\.bin does not match its checksum\); rebuilding/);
    expect(again.keyword.size).toBe(first.keyword.size);
    expect((await open()).events).toEqual([expect.stringMatching(/^Loaded index/)]);
  });

  it('detects a corrupt manifest and rebuilds', async () => {
    await open();
    await writeFile(join(indexDir, MANIFEST_FILE), 'not json');
    expect((await open()).events.join('\n')).toMatch(/manifest is corrupt/);
    await writeFile(join(indexDir, MANIFEST_FILE), '{"format":1}');
    expect((await open()).events.join('\n')).toMatch(/manifest is corrupt \(manifest is missing fields\)/);
  });

  it('refuses to rebuild when read-only, and leaves the files untouched', async () => {
    await expect(open({ readOnly: true })).rejects.toThrow(/read-only: run `npm run index` first/);
    await expect(readdir(indexDir)).rejects.toThrow();
    await open();
    await appendFile(join(seedsDir, '002_fd7eaa732a510636.txt'), '\n');
    const before = await readFile(join(indexDir, MANIFEST_FILE), 'utf8');
    await expect(open({ readOnly: true })).rejects.toThrow(/document changed: 002/);
    expect(await readFile(join(indexDir, MANIFEST_FILE), 'utf8')).toBe(before);
  });
});
