import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TextEmbedder } from '../../embeddings/index.js';
import type { Corpus } from '../corpus/load-corpus.js';
import { PARSER_VERSION } from '../parse/index.js';
import type { Tokenizer } from '../query/tokenize.js';
import { type Unit, unitKey } from '../types.js';
import { sha256 } from '../util/sha256.js';
import { atomicWrite } from './atomic-write.js';
import { DenseIndex } from './dense-index.js';
import { KEYWORD_INDEX_VERSION, KeywordIndex } from './keyword-index.js';
import { type CorpusFingerprint, checkManifest, type DenseEntry, hashKeys, INDEX_FORMAT, type Manifest, staleReason } from './manifest.js';

export const MANIFEST_FILE = 'manifest.json';
const KEYWORD_FILE = 'keyword.json';

export interface LoadedIndexes {
  keyword: KeywordIndex;
  dense: DenseIndex | null;
  /** What happened, for the start-up log: "loaded", or why it was rebuilt. */
  events: string[];
}

export interface IndexStoreOptions {
  indexDir: string;
  corpus: Corpus;
  tokenizer: Tokenizer;
  embedder: TextEmbedder | null;
  /** Shards and read-only deployments must not rebuild: they fail instead, naming the reason. */
  readOnly?: boolean;
  log?: (msg: string) => void;
  onEmbedProgress?: (done: number, total: number) => void;
}

function modelSlug(model: string): string {
  return model.replace(/[^A-Za-z0-9._-]+/g, '_');
}

export function corpusUnits(corpus: Corpus): Unit[] {
  return corpus.documents.flatMap((d) => d.units);
}

/** The text each index sees for a unit: its own words only, so a match is always in the quotable text. */
export function indexText(unit: Unit): string {
  return unit.text;
}

export function fingerprint(corpus: Corpus): CorpusFingerprint {
  const keys = corpusUnits(corpus).map(unitKey);
  return {
    format: INDEX_FORMAT,
    parserVersion: PARSER_VERSION,
    keywordVersion: KEYWORD_INDEX_VERSION,
    seeds: corpus.hashes,
    unitKeys: hashKeys(keys),
    units: keys.length,
  };
}

async function readManifest(indexDir: string): Promise<Manifest | string> {
  let raw: string;
  try {
    raw = await readFile(join(indexDir, MANIFEST_FILE), 'utf8');
  } catch {
    return 'no index yet';
  }
  try {
    return checkManifest(JSON.parse(raw));
  } catch (err) {
    return `manifest is corrupt (${(err as Error).message})`;
  }
}

async function loadKeyword(indexDir: string, entry: Manifest['keyword'], count: number): Promise<KeywordIndex> {
  const raw = await readFile(join(indexDir, entry.file));
  if (sha256(raw) !== entry.sha256) throw new Error(`${entry.file} does not match its checksum`);
  const index = KeywordIndex.fromJSON(JSON.parse(raw.toString('utf8')));
  if (index.size !== count) throw new Error(`${entry.file} holds ${index.size} units, expected ${count}`);
  return index;
}

async function buildDense(units: Unit[], embedder: TextEmbedder, opts: IndexStoreOptions): Promise<DenseIndex> {
  const vectors = await embedder.embedPassages(units.map(indexText), opts.onEmbedProgress);
  return DenseIndex.build(vectors, units.map(unitKey));
}

/**
 * Loads the persisted indexes when their manifest matches the corpus, parser and model; otherwise rebuilds
 * what is stale, says why, and writes everything atomically (manifest last, so a crash leaves the old
 * manifest pointing at files that still verify, or no manifest).
 */
export async function loadOrBuildIndexes(opts: IndexStoreOptions): Promise<LoadedIndexes> {
  const { indexDir, corpus, embedder } = opts;
  const log = opts.log ?? (() => {});
  const events: string[] = [];
  const note = (msg: string) => {
    events.push(msg);
    log(msg);
  };
  const units = corpusUnits(corpus);
  const expected = fingerprint(corpus);
  const found = await readManifest(indexDir);
  const stale = typeof found === 'string' ? found : staleReason(found, expected);
  const manifest = typeof found === 'string' || stale ? null : found;

  const refuse = (what: string, why: string): never => {
    throw new Error(`${what} index in ${indexDir} cannot be used (${why}) and this process is read-only: run \`npm run index\` first.`);
  };

  let keyword: KeywordIndex | null = null;
  let keywordEntry = manifest?.keyword ?? null;
  if (manifest) {
    try {
      keyword = await loadKeyword(indexDir, manifest.keyword, units.length);
    } catch (err) {
      if (opts.readOnly) refuse('keyword', (err as Error).message);
      note(`Keyword index is unusable (${(err as Error).message}); rebuilding.`);
    }
  } else {
    if (opts.readOnly) refuse('keyword', stale ?? 'unknown');
    note(`Building keyword index: ${stale}.`);
  }
  let changed = false;
  if (!keyword) {
    keyword = KeywordIndex.build(
      units.map((u) => ({ key: unitKey(u), text: indexText(u) })),
      opts.tokenizer,
    );
    const data = JSON.stringify(keyword.toJSON());
    keywordEntry = { file: KEYWORD_FILE, sha256: sha256(data) };
    await atomicWrite(join(indexDir, KEYWORD_FILE), data);
    changed = true;
  }

  let dense: DenseIndex | null = null;
  // Keyword-only runs keep a still-valid dense entry, so the next run with the model need not re-embed.
  let denseEntry: DenseEntry | null = manifest?.dense ?? null;
  if (embedder) {
    const usable = denseEntry && denseEntry.model === embedder.id && denseEntry.dimension === embedder.dimension;
    if (usable && denseEntry) {
      try {
        dense = await DenseIndex.load(join(indexDir, denseEntry.file), { dimension: embedder.dimension, count: units.length });
      } catch (err) {
        if (opts.readOnly) refuse('dense', (err as Error).message);
        note(`Dense index is unusable (${(err as Error).message}); rebuilding.`);
      }
    } else {
      const why = !denseEntry ? (manifest ? 'no dense index for this corpus yet' : stale) : `model changed (${denseEntry.model} → ${embedder.id})`;
      if (opts.readOnly) refuse('dense', why ?? 'unknown');
      note(`Building dense index with ${embedder.id}: ${why}.`);
    }
    if (!dense) {
      dense = await buildDense(units, embedder, opts);
      denseEntry = { model: embedder.id, dimension: embedder.dimension, file: `dense-${modelSlug(embedder.id)}.hnsw` };
      await dense.save(join(indexDir, denseEntry.file));
      changed = true;
    }
  }

  if (changed && keywordEntry) {
    const next: Manifest = { ...expected, builtAt: new Date().toISOString(), keyword: keywordEntry, dense: denseEntry };
    await atomicWrite(join(indexDir, MANIFEST_FILE), JSON.stringify(next, null, 2));
  } else {
    note(`Loaded index from ${indexDir} (${units.length} units${dense ? `, dense ${denseEntry?.model}` : ''}).`);
  }
  return { keyword, dense, events };
}
