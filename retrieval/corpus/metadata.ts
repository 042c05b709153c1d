/**
 * seeds/metadata.json, validated: one entry per document stem. Every field is checked for its type and each
 * error names the document and the field; optional fields get their defaults (no symbol, titles from the stem,
 * short titles from the titles); fields this version does not know are kept as they are, so metadata written
 * by a newer version still loads; two documents may not share a symbol (a citation would not say which).
 * `versions` names the files that are language versions of the one document the entry describes.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { formatOf } from '../ingest/index.js';
import type { DocumentMeta, Lang } from '../types.js';
import { documentStatus } from './documents.js';

const text = z.string().trim().min(1, 'must not be empty');
const bilingual = z.object({ zh: text, en: text });
const versionFile = text.refine((f) => basename(f) === f && formatOf(f) !== null, 'must be the name of a .txt, .md, .pdf or .docx file in the seeds folder');
/** The languages the parser and the query side read: a version in another language is refused by name. */
export const VERSION_LANGS = ['zh', 'en'] as const satisfies readonly Lang[];

export const MetadataEntrySchema = z.looseObject({
  symbol: text.nullable().default(null),
  /** Where the symbol was confirmed (a URL, or "document text: line N …"). */
  symbolSource: text.nullable().default(null),
  /** Default: derived from the symbol and titles (`documentStatus`). */
  status: z.enum(['draft', 'final']).optional(),
  title: bilingual.optional(),
  shortTitle: bilingual.optional(),
  body: text.nullable().default(null),
  session: text.nullable().default(null),
  agendaItem: text.nullable().default(null),
  date: text.nullable().default(null),
  aliases: z.array(text).optional(),
  /** Files holding the document's official language versions, by language (`{ zh: "x.txt", en: "x.en.pdf" }`). */
  versions: z
    .strictObject({ zh: versionFile.optional(), en: versionFile.optional() })
    .refine((v) => Object.keys(v).length > 0, 'must name at least one version')
    .optional(),
});

export type MetadataProblem = { code: 'metadata-invalid'; field: string; message: string } | { code: 'duplicate-symbol'; symbol: string; other: string };

export type MetadataFile = Record<string, unknown>;

export type MetadataEntry = z.infer<typeof MetadataEntrySchema>;

/** Metadata for a document without an entry: its stem as every name. */
export function defaultMeta(source: string): DocumentMeta {
  return metaOf(source, MetadataEntrySchema.parse({}));
}

/** The declared versions as language and file, in the entry's order. */
export function declaredVersions(entry: MetadataEntry): { lang: Lang; file: string }[] {
  return Object.entries(entry.versions ?? {}).flatMap(([lang, file]) => (file ? [{ lang: lang as Lang, file }] : []));
}

/** `languages` is what the entry declares; loading narrows it to the versions that loaded (or the text's language). */
function metaOf(source: string, entry: MetadataEntry): DocumentMeta {
  const { versions: _files, ...fields } = entry;
  const title = entry.title ?? { zh: source, en: source };
  return {
    ...fields,
    source,
    title,
    shortTitle: entry.shortTitle ?? title,
    status: entry.status ?? documentStatus(entry.symbol, title),
    languages: declaredVersions(entry).map((v) => v.lang),
    versioned: entry.versions !== undefined,
  };
}

/** The document's metadata, or what is wrong with its entry (each problem naming the field). */
export function validateEntry(source: string, raw: unknown): { meta: DocumentMeta; entry: MetadataEntry } | { problems: MetadataProblem[] } {
  if (raw === undefined) return { meta: defaultMeta(source), entry: MetadataEntrySchema.parse({}) };
  const parsed = MetadataEntrySchema.safeParse(raw);
  if (parsed.success) return { meta: metaOf(source, parsed.data), entry: parsed.data };
  return {
    problems: parsed.error.issues.map((issue) => ({
      code: 'metadata-invalid',
      field: issue.path.length ? issue.path.join('.') : '(entry)',
      message: issue.message,
    })),
  };
}

/** Refuses the second of two documents with the same symbol (symbols compared as users type them). */
export function duplicateSymbol(meta: DocumentMeta, earlier: readonly DocumentMeta[]): MetadataProblem | null {
  if (!meta.symbol) return null;
  const key = meta.symbol.replace(/\s+/g, '').toUpperCase();
  const other = earlier.find((m) => m.symbol?.replace(/\s+/g, '').toUpperCase() === key);
  return other ? { code: 'duplicate-symbol', symbol: meta.symbol, other: other.source } : null;
}
