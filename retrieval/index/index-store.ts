import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { coversText, type TextEmbedder } from '../../embeddings/index.js';
import { type Corpus, METADATA_FILE } from '../corpus/load-corpus.js';
import { PARSER_VERSION } from '../parse/index.js';
import type { Tokenizer } from '../query/tokenize.js';
import { type Unit, unitKey } from '../types.js';
import { sha256 } from '../util/sha256.js';
import { atomicWrite } from './atomic-write.js';
import { DenseIndex, type UnitVectors } from './dense-index.js';
import { checkIndexFile, checkIndexFolder, IndexFolderError, isUnwritable, removeStaleTempFiles } from './index-folder.js';
import { KEYWORD_INDEX_VERSION, type KeywordDoc, KeywordIndex } from './keyword-index.js';
import {
  type CorpusFingerprint,
  checkManifest,
  type DenseEntry,
  type DocumentChanges,
  documentChanges,
  type FusionCalibration,
  hashKeys,
  INDEX_FORMAT,
  incompatibility,
  type Manifest,
} from './manifest.js';
import { VectorCache } from './vector-cache.js';

export const MANIFEST_FILE = 'manifest.json';
export const KEYWORD_FILE = 'keyword.bin';

export interface LoadedIndexes {
  keyword: KeywordIndex;
  dense: DenseIndex | null;
  /** Why there is no dense index although a model was given (its worker died while embedding), or null. */
  denseProblem: string | null;
  /** The fusion calibrated for the dense index's model (stored in the manifest), or null without one. */
  fusion: FusionCalibration | null;
  /** What happened, for the start-up log: "loaded", what was updated, or why it was rebuilt. */
  events: string[];
  /** Why the indexes built in memory could not be saved (a read-only folder…), or null when they were. */
  unsaved: string | null;
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
  /** Calibrates the fusion for a new or changed dense index; null when there are no labelled questions. */
  calibrator?: Calibrator | null;
}

export interface Calibrator {
  /** The calibration procedure's version and the sha256 of its labelled questions: a calibration made otherwise is redone. */
  version: string;
  questionSet: string;
  run(keyword: KeywordIndex, dense: DenseIndex, embedder: TextEmbedder): Promise<FusionCalibration>;
}

/** How passages longer than the model's input are embedded (see embeddings/passage-windows.ts); part of the dense entry. */
export const WINDOWING = 'windows/overlap-1/8';
/** Window texts embedded per request: each is added to the vector cache on return, so a dead worker loses at most one. */
const EMBED_CHUNK = 64;

/** The embedder failed (its worker died or hung) while embedding units: the keyword index is still built and served. */
class EmbeddingFailed extends Error {}

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

export function keywordDoc(unit: Unit): KeywordDoc {
  return { key: unitKey(unit), text: indexText(unit), lang: unit.lang };
}

/** What the indexes must be built from: per document file (a language version is a file), its checksum and its units' keys. */
export function fingerprint(corpus: Corpus): CorpusFingerprint {
  const bySource = new Map(corpus.documents.map((d) => [d.meta.source, d.units]));
  const documents: CorpusFingerprint['documents'] = {};
  for (const [file, hash] of Object.entries(corpus.hashes)) {
    if (file === METADATA_FILE) continue;
    const { source, lang } = corpus.files[file]!;
    const keys = (bySource.get(source) ?? []).filter((u) => u.lang === lang).map(unitKey);
    documents[file] = { sha256: hash, source, units: keys.length, unitKeys: hashKeys(keys) };
  }
  const keys = corpusUnits(corpus).map(unitKey);
  return {
    format: INDEX_FORMAT,
    parserVersion: PARSER_VERSION,
    keywordVersion: KEYWORD_INDEX_VERSION,
    metadata: corpus.hashes[METADATA_FILE] ?? null,
    documents,
    unitKeys: hashKeys(keys),
    units: keys.length,
  };
}

async function readManifest(indexDir: string): Promise<Manifest | string> {
  const path = join(indexDir, MANIFEST_FILE);
  let raw: string;
  try {
    if (!(await checkIndexFile(path))) return 'no index yet';
    raw = await readFile(path, 'utf8');
  } catch (err) {
    return err instanceof IndexFolderError ? err.message : `manifest cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  try {
    return checkManifest(JSON.parse(raw));
  } catch (err) {
    return `manifest is corrupt (${(err as Error).message})`;
  }
}

async function loadKeyword(indexDir: string, manifest: Manifest): Promise<KeywordIndex> {
  const path = join(indexDir, manifest.keyword.file);
  if (!(await checkIndexFile(path))) throw new Error(`${manifest.keyword.file} is missing`);
  const raw = await readFile(path);
  if (sha256(raw) !== manifest.keyword.sha256) throw new Error(`${manifest.keyword.file} does not match its checksum`);
  const index = KeywordIndex.fromBinary(raw);
  if (index.size !== manifest.units) throw new Error(`${manifest.keyword.file} holds ${index.size} units, expected ${manifest.units}`);
  if (hashKeys(index.unitKeys()) !== manifest.unitKeys) throw new Error(`${manifest.keyword.file} holds other units than its manifest says`);
  return index;
}

/**
 * The units a change adds and a test for the keys it removes. A document one of whose files changed is replaced
 * whole, all its language versions: a file may have moved between documents (declared a version of another).
 */
function changeSet(corpus: Corpus, changes: DocumentChanges) {
  const added = changes.added.map((file) => corpus.files[file]!.source);
  const replaced = new Set([...changes.removed.map((r) => r.source), ...added]);
  // A document still in the corpus whose units go is indexed again, with what its files hold now.
  const units = corpus.documents.filter((d) => replaced.has(d.meta.source)).flatMap((d) => d.units);
  return { units, remove: (key: string) => replaced.has(key.slice(0, key.lastIndexOf('#'))) };
}

function describe(changes: DocumentChanges): string {
  const shown = changes.reasons.slice(0, 3).join(', ');
  return changes.reasons.length > 3 ? `${shown} and ${changes.reasons.length - 3} more` : shown;
}

/** Each unit's window texts (the whole text when it fits the model), checked to leave no character out. */
async function windowTexts(units: readonly Unit[], embedder: TextEmbedder): Promise<string[][]> {
  const texts = units.map(indexText);
  const spans = embedder.passageWindows ? await embedder.passageWindows(texts) : texts.map((t) => [[0, t.length] as [number, number]]);
  return texts.map((text, i) => {
    if (!coversText(spans[i]!, text.length)) throw new Error(`windows of ${unitKey(units[i]!)} leave part of its text out`);
    return spans[i]!.map(([start, end]) => text.slice(start, end));
  });
}

/**
 * Vectors for `units` (one per window of a unit longer than the model's input): from the cache where the model has
 * seen the text, embedded otherwise, in chunks that are cached as they return.
 */
async function vectorsFor(
  units: readonly Unit[],
  embedder: TextEmbedder,
  cache: VectorCache,
  opts: IndexStoreOptions,
): Promise<{ vectors: UnitVectors[]; embedded: number; embeddedUnits: number; windowed: number; windows: number }> {
  let pieces: string[][];
  try {
    pieces = await windowTexts(units, embedder);
  } catch (err) {
    throw new EmbeddingFailed((err as Error).message);
  }
  const known = new Map<string, number[]>();
  const missing: string[] = [];
  for (const text of new Set(pieces.flat())) {
    const cached = cache.get(text);
    if (cached) known.set(text, cached);
    else missing.push(text);
  }
  opts.onEmbedProgress?.(0, missing.length);
  for (let start = 0; start < missing.length; start += EMBED_CHUNK) {
    const chunk = missing.slice(start, start + EMBED_CHUNK);
    const fresh = await embedder
      .embedPassages(chunk, (done) => opts.onEmbedProgress?.(start + done, missing.length))
      .catch((err: Error) => {
        throw new EmbeddingFailed(err.message);
      });
    for (const [i, t] of chunk.entries()) known.set(t, fresh[i]!);
    await cache.add(chunk, fresh).catch(() => {
      // An unwritable folder loses only the cache; saving the index says why.
    });
  }
  const vectors = pieces.map((ws) => (ws.length === 1 ? known.get(ws[0]!)! : ws.map((w) => known.get(w)!)));
  const windowed = pieces.filter((ws) => ws.length > 1);
  const fresh = new Set(missing);
  return {
    vectors,
    embedded: missing.length,
    embeddedUnits: pieces.filter((ws) => ws.some((w) => fresh.has(w))).length,
    windowed: windowed.length,
    windows: windowed.reduce((n, ws) => n + ws.length, 0),
  };
}

/**
 * Loads the persisted indexes when their manifest matches the corpus, parser and model; updates them in
 * place when documents were added, changed or removed (only those documents' units are tokenised and
 * embedded; vectors of texts seen before come from the cache; points of removed units are deleted); rebuilds
 * what is unusable, saying why. Everything is written atomically, the manifest last. A folder that cannot
 * be written (read-only, a directory where a file should be) leaves the indexes in memory, with a warning.
 */
export async function loadOrBuildIndexes(opts: IndexStoreOptions): Promise<LoadedIndexes> {
  const { indexDir, corpus, embedder, tokenizer } = opts;
  const log = opts.log ?? (() => {});
  const events: string[] = [];
  const note = (msg: string) => {
    events.push(msg);
    log(msg);
  };
  const refuse = (what: string, why: string): never => {
    throw new Error(`${what} index in ${indexDir} cannot be used (${why}) and this process is read-only: run \`npm run index\` first.`);
  };
  const units = corpusUnits(corpus);
  const expected = fingerprint(corpus);

  let folderProblem: string | null = null;
  try {
    if ((await checkIndexFolder(indexDir)) && !opts.readOnly) {
      const stale = await removeStaleTempFiles(indexDir);
      if (stale.length) note(`Removed ${stale.length} temp file(s) left by killed writers: ${stale.join(', ')}.`);
    }
  } catch (err) {
    if (!(err instanceof IndexFolderError)) throw err;
    folderProblem = err.message;
  }
  const found = folderProblem ?? (await readManifest(indexDir));
  const incompatible = typeof found === 'string' ? found : incompatibility(found, expected);
  const manifest = typeof found === 'string' || incompatible ? null : found;
  const changes = manifest ? documentChanges(manifest, expected) : null;
  const hasChanges = !!changes && (changes.added.length > 0 || changes.removed.length > 0);
  const update = changes ? changeSet(corpus, changes) : null;
  const allDocs = () => units.map(keywordDoc);

  let keyword: KeywordIndex | null = null;
  let keywordChanged = false;
  if (manifest) {
    try {
      const stored = await loadKeyword(indexDir, manifest);
      if (hasChanges && update) {
        if (opts.readOnly) refuse('keyword', describe(changes!));
        keyword = stored.withChanges(update.remove, update.units.map(keywordDoc), tokenizer);
        keywordChanged = true;
        note(`Updating keyword index: ${describe(changes!)} (${update.units.length} units tokenised).`);
      } else keyword = stored;
    } catch (err) {
      if (opts.readOnly) refuse('keyword', (err as Error).message);
      note(`Keyword index is unusable (${(err as Error).message}); rebuilding.`);
    }
  } else {
    if (opts.readOnly) refuse('keyword', incompatible ?? 'unknown');
    note(`Building keyword index: ${incompatible}.`);
  }
  if (!keyword || hashKeys(keyword.unitKeys()) !== expected.unitKeys) {
    keyword = KeywordIndex.build(allDocs(), tokenizer);
    keywordChanged = true;
  }

  let dense: DenseIndex | null = null;
  // Keyword-only runs keep a still-valid dense entry, so the next run with the model need not re-embed.
  let denseEntry: DenseEntry | null = manifest?.dense ?? null;
  let denseChanged = false;
  let denseProblem: string | null = null;
  let windowedUnits = denseEntry?.windowedUnits ?? 0;
  if (embedder) {
    const cachePath = join(indexDir, `vectors-${modelSlug(embedder.id)}.cache`);
    const cache = await VectorCache.open(cachePath, embedder.id, embedder.dimension);
    const sameModel = manifest && denseEntry && denseEntry.model === embedder.id && denseEntry.dimension === embedder.dimension;
    const usable = sameModel && denseEntry?.windowing === WINDOWING;
    try {
      if (usable && denseEntry && manifest) {
        try {
          if (!(await checkIndexFile(join(indexDir, denseEntry.file)))) throw new Error(`${denseEntry.file} is missing`);
          const stored = await DenseIndex.load(join(indexDir, denseEntry.file), {
            dimension: embedder.dimension,
            count: manifest.units,
            sidecarSha256: denseEntry.sidecarSha256,
          });
          if (hashKeys(stored.unitKeys()) !== manifest.unitKeys) throw new Error(`${denseEntry.file} holds other units than its manifest says`);
          if (hasChanges && update) {
            if (opts.readOnly) refuse('dense', describe(changes!));
            const { vectors, embeddedUnits } = await vectorsFor(update.units, embedder, cache, opts);
            dense = stored.update(update.remove, vectors, update.units.map(unitKey));
            denseChanged = true;
            note(
              `Updating dense index: ${update.units.length} units added (${embeddedUnits} embedded, ${update.units.length - embeddedUnits} from the cache).`,
            );
          } else dense = stored;
        } catch (err) {
          if (opts.readOnly || err instanceof EmbeddingFailed) throw err;
          note(`Dense index is unusable (${(err as Error).message}); rebuilding.`);
        }
      } else {
        const why = !denseEntry
          ? manifest
            ? 'no dense index for this corpus yet'
            : incompatible
          : sameModel
            ? 'built before long passages were embedded as windows'
            : `model changed (${denseEntry.model} → ${embedder.id})`;
        if (opts.readOnly) refuse('dense', why ?? 'unknown');
        note(`Building dense index with ${embedder.id}: ${why}.`);
      }
      if (!dense || hashKeys(dense.unitKeys()) !== expected.unitKeys) {
        const built = await vectorsFor(units, embedder, cache, opts);
        const texts = units.length - built.windowed + built.windows;
        if (built.embedded < texts) note(`${texts - built.embedded} of ${texts} texts came from the vector cache.`);
        dense = DenseIndex.build(built.vectors, units.map(unitKey), { dimension: embedder.dimension });
        denseChanged = true;
      }
      windowedUnits = dense.windowedUnits;
      if (denseChanged && windowedUnits > 0) {
        note(
          `Dense index: ${windowedUnits} of ${dense.size} units are longer than the model's window and are embedded as ${dense.points - dense.size + windowedUnits} overlapping windows (every character embedded).`,
        );
      }
    } catch (err) {
      if (!(err instanceof EmbeddingFailed)) throw err;
      dense = null;
      denseProblem = err.message;
      // The old entry is still right for this corpus only if the corpus did not change.
      denseEntry = hasChanges || !manifest ? null : (manifest.dense ?? null);
      note(`Warning: the dense index could not be built (${err.message}); serving keyword search, the keyword index is complete.`);
    }
  }

  // The calibration belongs to the dense index it was made for.
  let fusion: FusionCalibration | null = denseEntry && !denseChanged ? (manifest?.fusion ?? null) : null;
  let fusionChanged = false;
  if (embedder && dense) {
    const { calibrator } = opts;
    const current =
      fusion !== null &&
      fusion.model === embedder.id &&
      !denseChanged &&
      (!calibrator || (fusion.version === calibrator.version && fusion.questionSet === calibrator.questionSet));
    if (!current && calibrator) {
      try {
        fusion = await calibrator.run(keyword, dense, embedder);
      } catch (err) {
        fusion = null;
        note(`Warning: the fusion could not be calibrated (${(err as Error).message}); the dense side has weight 0 until it is.`);
      }
      fusionChanged = true;
    } else if (!current) fusion = null;
  }

  const manifestChanged =
    keywordChanged || denseChanged || fusionChanged || manifest?.metadata !== expected.metadata || (denseProblem !== null && denseEntry !== manifest?.dense);
  let unsaved: string | null = null;
  if (manifestChanged && !opts.readOnly) {
    try {
      if (folderProblem) throw new IndexFolderError(folderProblem);
      await mkdir(indexDir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
        throw err.code === 'EEXIST' || err.code === 'ENOTDIR'
          ? new IndexFolderError(`index folder ${indexDir} is not a folder: remove it, or set INDEX_DIR to another folder`)
          : err;
      });
      let keywordEntry = manifest?.keyword ?? null;
      if (keywordChanged || !keywordEntry) {
        const data = keyword.toBinary();
        await checkIndexFile(join(indexDir, KEYWORD_FILE));
        await atomicWrite(join(indexDir, KEYWORD_FILE), data);
        keywordEntry = { file: KEYWORD_FILE, sha256: sha256(data) };
      }
      if (dense && embedder && denseChanged) {
        const file = `dense-${modelSlug(embedder.id)}.hnsw`;
        await checkIndexFile(join(indexDir, file));
        const sums = await dense.save(join(indexDir, file));
        denseEntry = { model: embedder.id, dimension: embedder.dimension, file, ...sums, windowing: WINDOWING, windowedUnits };
      }
      // A dense entry for another corpus must not survive a keyword-only rebuild.
      if (!embedder && hasChanges) denseEntry = null;
      if (!denseEntry) fusion = null;
      const next: Manifest = { ...expected, builtAt: new Date().toISOString(), keyword: keywordEntry, dense: denseEntry, fusion };
      await checkIndexFile(join(indexDir, MANIFEST_FILE));
      await atomicWrite(join(indexDir, MANIFEST_FILE), JSON.stringify(next, null, 2));
    } catch (err) {
      if (!isUnwritable(err)) throw err;
      unsaved = err instanceof IndexFolderError ? err.message : `${(err as NodeJS.ErrnoException).code}: ${(err as Error).message}`;
      note(`Warning: the index could not be saved in ${indexDir} (${unsaved}); answering from the index built in memory.`);
    }
  } else {
    note(`Loaded index from ${indexDir} (${units.length} units${dense ? `, dense ${denseEntry?.model}` : ''}).`);
  }
  return { keyword, dense, denseProblem, fusion, events, unsaved };
}
