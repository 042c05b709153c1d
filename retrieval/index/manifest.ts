/**
 * The index folder's manifest: what the indexes were built from, per document, and checksums of every index
 * file (the dense index's description included, so edited or swapped keys are a mismatch). It is written last,
 * so a reader never sees a manifest pointing at files being written.
 */
import { z } from 'zod';
import { sha256 } from '../util/sha256.js';

/** Bump when the on-disk layout of the index folder changes. */
export const INDEX_FORMAT = 2;

const Sha = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256');
const Count = z.number().int().nonnegative();

const DocumentEntrySchema = z.object({
  /** sha256 of the file's bytes. */
  sha256: Sha,
  source: z.string().min(1),
  units: Count,
  /** sha256 of the document's unit keys, sorted. */
  unitKeys: Sha,
});

const DenseEntrySchema = z.object({
  model: z.string().min(1),
  dimension: z.number().int().positive(),
  file: z.string().min(1),
  sha256: Sha,
  sidecarSha256: Sha,
  /** How passages longer than the model's input were embedded; absent for indexes that truncated them. */
  windowing: z.string().optional(),
  /** Units embedded as more than one window. */
  windowedUnits: Count.optional(),
});

const Share = z.number().min(0).max(1);

const FusionSettingSchema = z.object({
  denseWeight: z.number().nonnegative(),
  standout: z.number(),
  denseOnly: z.boolean(),
});

const CalibrationFiguresSchema = z.object({
  mrr10: Share,
  recall5: Share,
  /** Answer-level figures, computed only for a setting that passed the ranking test. */
  factInAnswer: Share.nullable(),
  refused: Count.nullable(),
  declined: Count.nullable(),
});

/** The fusion calibrated for the dense index's model on labelled questions, with what it achieved there. */
export const FusionCalibrationSchema = z.object({
  version: z.string(),
  model: z.string().min(1),
  /** sha256 of the labelled question and key files it was calibrated on. */
  questionSet: Sha,
  questions: z.object({ answerable: Count, unanswerable: Count, keyed: Count, documents: Count }),
  /** The setting in force: `best` when it passed, otherwise keyword only (dense weight 0). */
  setting: FusionSettingSchema,
  /** The best setting on all the questions, whether or not it passed. */
  best: FusionSettingSchema,
  verdict: z.enum(['accepted', 'no-gain', 'worse-answers', 'too-few-questions']),
  keyword: CalibrationFiguresSchema,
  hybrid: CalibrationFiguresSchema,
  /** Out-of-fold MRR@10 gain of choosing the setting on the other folds, and its paired t statistic. */
  crossValidated: z.object({ folds: Count, gain: z.number(), t: z.number() }).nullable(),
});

export const ManifestSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  parserVersion: z.string(),
  keywordVersion: z.string(),
  builtAt: z.string(),
  metadata: Sha.nullable(),
  documents: z.record(z.string(), DocumentEntrySchema),
  units: Count,
  /** sha256 of all unit keys, sorted: indexes refer to units by key, so the key set must match. */
  unitKeys: Sha,
  keyword: z.object({ file: z.string().min(1), sha256: Sha }),
  dense: DenseEntrySchema.nullable(),
  /** Absent in indexes built before fusion was calibrated. */
  fusion: FusionCalibrationSchema.nullable().optional(),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type FusionCalibration = z.infer<typeof FusionCalibrationSchema>;
export type CalibrationFigures = z.infer<typeof CalibrationFiguresSchema>;
export type DocumentEntry = z.infer<typeof DocumentEntrySchema>;
export type DenseEntry = z.infer<typeof DenseEntrySchema>;

export type CorpusFingerprint = Pick<Manifest, 'format' | 'parserVersion' | 'keywordVersion' | 'metadata' | 'documents' | 'units' | 'unitKeys'>;

export function hashKeys(keys: readonly string[]): string {
  return sha256([...keys].sort().join('\n'));
}

/** Why nothing built for `found` can be reused for `expected` (a different parser or tokenizer); null when it can. */
export function incompatibility(found: CorpusFingerprint, expected: CorpusFingerprint): string | null {
  if (found.format !== expected.format) return `index format changed (${found.format} → ${expected.format})`;
  if (found.parserVersion !== expected.parserVersion) return `parser changed (${found.parserVersion} → ${expected.parserVersion})`;
  if (found.keywordVersion !== expected.keywordVersion) return `keyword tokenizer changed (${found.keywordVersion} → ${expected.keywordVersion})`;
  return null;
}

export interface DocumentChanges {
  /** Files new or changed since the index was built: their units must be indexed. */
  added: string[];
  /** Files gone or changed: the units of their documents (by source) must go. */
  removed: { file: string; source: string }[];
  /** What changed, for the log: `document added: x.pdf`, … */
  reasons: string[];
}

export function documentChanges(found: CorpusFingerprint, expected: CorpusFingerprint): DocumentChanges {
  const changes: DocumentChanges = { added: [], removed: [], reasons: [] };
  const files = [...new Set([...Object.keys(found.documents), ...Object.keys(expected.documents)])].sort();
  for (const file of files) {
    const before = found.documents[file];
    const now = expected.documents[file];
    if (before && now && before.sha256 === now.sha256 && before.unitKeys === now.unitKeys) continue;
    if (before) changes.removed.push({ file, source: before.source });
    if (now) changes.added.push(file);
    changes.reasons.push(`document ${!before ? 'added' : !now ? 'removed' : 'changed'}: ${file}`);
  }
  return changes;
}

/** Validates a parsed manifest; throws with the first thing wrong so the caller can report and rebuild. */
export function checkManifest(value: unknown): Manifest {
  const parsed = ManifestSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const missing = parsed.error.issues.filter((i) => i.code === 'invalid_type' && i.message.includes('received undefined'));
  if (missing.length) throw new Error('manifest is missing fields');
  const issue = parsed.error.issues[0]!;
  throw new Error(
    issue.path[0] === 'format'
      ? `format ${JSON.stringify((value as { format?: unknown })?.format)}, expected ${INDEX_FORMAT}`
      : `manifest field ${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
}
