import { sha256 } from '../util/sha256.js';

/** Bump when the on-disk layout of the index folder changes. */
export const INDEX_FORMAT = 1;

export interface CorpusFingerprint {
  format: number;
  parserVersion: string;
  keywordVersion: string;
  /** sha256 per document file (and metadata), by file name. */
  seeds: Record<string, string>;
  /** sha256 of the ordered unit keys: indexes refer to units by key, so the key list must match. */
  unitKeys: string;
  units: number;
}

export interface DenseEntry {
  model: string;
  dimension: number;
  file: string;
}

export interface Manifest extends CorpusFingerprint {
  builtAt: string;
  keyword: { file: string; sha256: string };
  dense: DenseEntry | null;
}

export function hashKeys(keys: string[]): string {
  return sha256(keys.join('\n'));
}

/** Why an index built for `found` cannot serve `expected`; null when it can. */
export function staleReason(found: CorpusFingerprint, expected: CorpusFingerprint): string | null {
  if (found.format !== expected.format) return `index format changed (${found.format} → ${expected.format})`;
  if (found.parserVersion !== expected.parserVersion) return `parser changed (${found.parserVersion} → ${expected.parserVersion})`;
  if (found.keywordVersion !== expected.keywordVersion) return `keyword tokenizer changed (${found.keywordVersion} → ${expected.keywordVersion})`;
  const names = new Set([...Object.keys(found.seeds), ...Object.keys(expected.seeds)]);
  for (const name of [...names].sort()) {
    if (!(name in found.seeds)) return `document added: ${name}`;
    if (!(name in expected.seeds)) return `document removed: ${name}`;
    if (found.seeds[name] !== expected.seeds[name]) return `document changed: ${name}`;
  }
  if (found.unitKeys !== expected.unitKeys) return 'parsed units changed';
  return null;
}

/** Validates a parsed manifest's shape; throws with what is wrong so the caller can report and rebuild. */
export function checkManifest(value: unknown): Manifest {
  const m = value as Partial<Manifest> | null;
  const ok =
    m !== null &&
    typeof m === 'object' &&
    typeof m.format === 'number' &&
    typeof m.parserVersion === 'string' &&
    typeof m.keywordVersion === 'string' &&
    typeof m.seeds === 'object' &&
    m.seeds !== null &&
    typeof m.unitKeys === 'string' &&
    typeof m.units === 'number' &&
    typeof m.keyword?.file === 'string' &&
    typeof m.keyword?.sha256 === 'string' &&
    (m.dense === null || (typeof m.dense?.model === 'string' && typeof m.dense?.dimension === 'number' && typeof m.dense?.file === 'string'));
  if (!ok) throw new Error('manifest is missing fields');
  return m as Manifest;
}
