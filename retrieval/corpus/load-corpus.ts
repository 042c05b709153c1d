import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { DOCUMENT_EXTENSIONS, formatOf, readDocument, UnreadableDocumentError } from '../ingest/index.js';
import { type LedgerCategory, type ParsedDocument, parseLines, type SourceLine } from '../parse/index.js';
import type { Lang, SourceDocument, Unit } from '../types.js';
import { sha256 } from '../util/sha256.js';
import { duplicateSymbol, type MetadataFile, type MetadataProblem, validateEntry } from './metadata.js';
import type { ParseCache } from './parse-cache.js';
import { type DocumentProblem, type DocumentReport, isDocumentError } from './report.js';
import { alignmentProblems } from './versions.js';

export const METADATA_FILE = 'metadata.json';

export interface Corpus {
  documents: SourceDocument[];
  /** sha256 of every loaded document file and of the metadata, by file name: the index manifest compares these. */
  hashes: Record<string, string>;
  /** Every loaded document file: the document it belongs to and the language of its units. */
  files: Record<string, { source: string; lang: Lang }>;
  /** One per document file found, loaded or not. */
  reports?: DocumentReport[];
}

export class CorpusError extends Error {
  override name = 'CorpusError';
}

async function readMetadata(seedsDir: string): Promise<{ entries: MetadataFile; raw: string | null }> {
  const path = join(seedsDir, METADATA_FILE);
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: {}, raw: null };
    throw new CorpusError(`${path} cannot be read: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new CorpusError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CorpusError(`${path} must be an object with one entry per document file stem`);
  }
  return { entries: value as MetadataFile, raw };
}

/** The document files of a seeds folder, sorted by name so that ids and order are stable. */
export async function documentFiles(seedsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(seedsDir);
  } catch {
    throw new CorpusError(`Seeds folder not found: ${seedsDir}`);
  }
  return names.filter((n) => formatOf(n) !== null && n !== 'README.md' && !n.startsWith('.')).sort();
}

const CATEGORIES: LedgerCategory[] = ['unit', 'heading', 'footnote', 'furniture', 'title', 'markup', 'unplaced'];

type ParsedReport = Omit<DocumentReport, 'loaded' | 'version'>;

function reportOf(file: string, source: string, parsed: ParsedDocument | null, lines: readonly SourceLine[]): Omit<ParsedReport, 'format' | 'detail'> {
  const zero = () => Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<LedgerCategory, number>;
  const lineCounts = zero();
  const seen = new Set<string>();
  for (const e of parsed?.ledger ?? []) {
    const key = `${e.category}:${e.line}`;
    if (!seen.has(key)) lineCounts[e.category]++;
    seen.add(key);
  }
  const units = parsed?.units ?? [];
  return {
    file,
    source,
    lang: parsed?.lang ?? null,
    paragraphs: units.filter((u) => u.kind === 'paragraph').length,
    recommendations: units.filter((u) => u.kind === 'recommendation').length,
    summary: units.some((u) => u.kind === 'summary'),
    lines: lineCounts,
    characters: parsed?.characters ?? { source: 0, booked: zero() },
    // A PDF's problems say on which page their line is.
    problems: (parsed?.problems ?? []).map((p) => ('line' in p && lines[p.line - 1]?.page ? { ...p, page: lines[p.line - 1]!.page } : p)),
  };
}

/** One file read and parsed as part of document `source`: its faults go into the report, never thrown. */
async function parseFile(
  seedsDir: string,
  file: string,
  source: string,
  cache?: ParseCache,
): Promise<{ units: Unit[]; report: ParsedReport; hash: string | null }> {
  const format = formatOf(file);
  try {
    const bytes = await readFile(join(seedsDir, file));
    const hash = sha256(bytes);
    const cached = await cache?.get(hash);
    // The cache is keyed by content: the same text may have been parsed under another stem or as a version.
    if (cached) return { units: cached.units.map((u) => (u.source === source ? u : { ...u, source })), report: { ...cached.report, file, source }, hash };
    const read = await readDocument(join(seedsDir, file), bytes);
    const parsed = parseLines(read.lines, source);
    const report = { ...reportOf(file, source, parsed, read.lines), format, detail: read.detail };
    await cache?.put(hash, { units: parsed.units, report });
    return { units: parsed.units, report, hash };
  } catch (err) {
    if (!(err instanceof UnreadableDocumentError)) throw err;
    const report: ParsedReport = { ...reportOf(file, source, null, []), format, detail: '' };
    report.problems.push({ code: 'unreadable', reason: err.message });
    return { units: [], report, hash: null };
  }
}

/** Reads and parses one document file; never throws for the file's own faults, which go into the report. */
export async function loadDocument(
  seedsDir: string,
  file: string,
  entry: unknown,
  cache?: ParseCache,
): Promise<{ document: SourceDocument | null; report: DocumentReport; hash: string | null }> {
  const source = basename(file, extname(file));
  const checked = validateEntry(source, entry);
  const metaProblems: MetadataProblem[] = 'problems' in checked ? checked.problems : [];
  const parsed = await parseFile(seedsDir, file, source, cache);
  const report: DocumentReport = { ...parsed.report, problems: [...metaProblems, ...parsed.report.problems], version: false, loaded: false };
  report.loaded = 'meta' in checked && parsed.hash !== null && !report.problems.some(isDocumentError);
  const lang = report.lang;
  const document = report.loaded && 'meta' in checked && lang ? { meta: { ...checked.meta, languages: [lang] }, units: parsed.units } : null;
  return { document, report, hash: parsed.hash };
}

/** A file of a versioned document, as declared (or found under the entry's own name). */
interface VersionFile {
  lang: Lang | null;
  file: string;
}

/**
 * The files of each entry that declares `versions`, with the file named like the entry (its own stem) among
 * them when the entry does not list it. Read from the raw entry, so an entry with an invalid field still claims
 * its files: they are reported with its errors rather than loaded as documents of their own.
 */
function versionClaims(entries: MetadataFile, files: readonly string[]): Map<string, VersionFile[]> {
  const claims = new Map<string, VersionFile[]>();
  for (const [source, raw] of Object.entries(entries)) {
    const versions = (raw as { versions?: unknown } | null)?.versions;
    if (typeof versions !== 'object' || versions === null) continue;
    const listed = Object.entries(versions).flatMap(([lang, file]) =>
      typeof file === 'string' ? [{ lang: lang === 'zh' || lang === 'en' ? (lang as Lang) : null, file }] : [],
    );
    const own = files.find((f) => basename(f, extname(f)) === source && !listed.some((v) => v.file === f));
    claims.set(source, own ? [{ lang: null, file: own }, ...listed] : listed);
  }
  return claims;
}

/**
 * A document with language versions: each version file parsed by the same rules, checked to be in its declared
 * language, and aligned with the others by number. A version with errors is left out and the document loads with
 * the others; units one version lacks are reported and cited from the versions that have them.
 */
async function loadVersioned(
  seedsDir: string,
  source: string,
  entry: unknown,
  versions: readonly VersionFile[],
  present: ReadonlySet<string>,
  conflicts: ReadonlyMap<string, DocumentProblem[]>,
  cache?: ParseCache,
): Promise<{ document: SourceDocument | null; reports: DocumentReport[]; hashes: Record<string, string> }> {
  const checked = validateEntry(source, entry);
  const metaProblems: MetadataProblem[] = 'problems' in checked ? checked.problems : [];
  const loaded: { lang: Lang; units: Unit[]; report: DocumentReport; hash: string }[] = [];
  const reports: DocumentReport[] = [];
  const missing: DocumentProblem[] = [];
  for (const v of versions) {
    if (!present.has(v.file)) {
      if (v.lang) missing.push({ code: 'version-missing', lang: v.lang, file: v.file });
      continue;
    }
    const parsed = await parseFile(seedsDir, v.file, source, cache);
    const report: DocumentReport = {
      ...parsed.report,
      problems: [...metaProblems, ...(conflicts.get(v.file) ?? []), ...parsed.report.problems],
      version: true,
      loaded: false,
    };
    const lang = report.lang;
    if (lang && v.lang && lang !== v.lang) report.problems.push({ code: 'version-language', declared: v.lang, found: lang });
    const twin = loaded.find((l) => l.lang === lang);
    if (lang && twin) report.problems.push({ code: 'version-conflict', lang, other: twin.report.file });
    report.loaded = 'meta' in checked && parsed.hash !== null && !report.problems.some(isDocumentError);
    if (report.loaded && lang) loaded.push({ lang, units: parsed.units, report, hash: parsed.hash! });
    reports.push(report);
  }
  // A missing file is told on the document's first report, or on none when no version file exists at all.
  reports[0]?.problems.push(...missing);
  for (const v of loaded) v.report.problems.push(...alignmentProblems(v, loaded));
  if (!('meta' in checked) || loaded.length === 0) return { document: null, reports, hashes: {} };
  const meta = { ...checked.meta, languages: loaded.map((v) => v.lang), versioned: true };
  return {
    document: { meta, units: loaded.flatMap((v) => v.units) },
    reports,
    hashes: Object.fromEntries(loaded.map((v) => [v.report.file, v.hash])),
  };
}

/**
 * Reads every document in `seedsDir` (.txt, .md, .pdf, .docx) and parses it. A document that cannot be read,
 * has invalid metadata, a duplicate symbol or broken paragraph numbering is reported and left out; the others
 * load. Files an entry declares as its `versions` are one document. Only a missing folder, unreadable metadata
 * or no loadable document at all stops the corpus.
 */
export async function loadCorpus(seedsDir: string, opts: { cache?: ParseCache } = {}): Promise<Corpus> {
  const files = await documentFiles(seedsDir);
  if (files.length === 0) throw new CorpusError(`No documents (${DOCUMENT_EXTENSIONS.join(', ')}) in ${seedsDir}`);
  const { entries, raw } = await readMetadata(seedsDir);
  const hashes: Record<string, string> = {};
  if (raw !== null) hashes[METADATA_FILE] = sha256(raw);
  const claims = versionClaims(entries, files);
  // A file declared a version of two documents belongs to the first, which cannot load it: the declaration is wrong.
  const claimedBy = new Map<string, string>();
  const conflicts = new Map<string, DocumentProblem[]>();
  for (const [source, versions] of claims) {
    for (const v of versions) {
      const first = claimedBy.get(v.file);
      if (first === undefined) claimedBy.set(v.file, source);
      else conflicts.set(v.file, [...(conflicts.get(v.file) ?? []), { code: 'version-claimed', other: source }]);
    }
  }
  const present = new Set(files);

  const documents: SourceDocument[] = [];
  const reports: DocumentReport[] = [];
  const fileOf: Corpus['files'] = {};
  const stems = new Map<string, string>();
  const versionedDone = new Set<string>();
  const accept = (document: SourceDocument | null, fileReports: DocumentReport[], fileHashes: Record<string, string>) => {
    const source = fileReports[0]!.source;
    const clash = stems.get(source);
    const duplicate = document
      ? duplicateSymbol(
          document.meta,
          documents.map((d) => d.meta),
        )
      : null;
    for (const report of fileReports) {
      if (clash) report.problems.push({ code: 'duplicate-stem', other: clash });
      if (duplicate) report.problems.push(duplicate);
      report.loaded = report.loaded && !clash && !duplicate;
      if (report.loaded) {
        hashes[report.file] = fileHashes[report.file]!;
        fileOf[report.file] = { source, lang: report.lang! };
      }
      reports.push(report);
    }
    if (document && !clash && !duplicate) documents.push(document);
    stems.set(source, fileReports[0]!.file);
  };
  for (const file of files) {
    const owner = claimedBy.get(file);
    if (owner === undefined) {
      const { document, report, hash } = await loadDocument(seedsDir, file, entries[basename(file, extname(file))], opts.cache);
      accept(document, [report], hash ? { [file]: hash } : {});
      continue;
    }
    // A versioned document is loaded once, where its first file comes in name order.
    if (versionedDone.has(owner)) continue;
    versionedDone.add(owner);
    const own = claims.get(owner)!.filter((v) => claimedBy.get(v.file) === owner);
    const { document, reports: fileReports, hashes: fileHashes } = await loadVersioned(seedsDir, owner, entries[owner], own, present, conflicts, opts.cache);
    accept(document, fileReports, fileHashes);
  }
  await opts.cache?.prune();
  if (documents.length === 0) {
    const why = reports
      .map(
        (r) =>
          `${r.file}: ${r.problems
            .filter(isDocumentError)
            .map((p) => p.code)
            .join(', ')}`,
      )
      .join('; ');
    throw new CorpusError(`No document in ${seedsDir} could be loaded (${why})`);
  }
  return { documents, hashes, files: fileOf, reports };
}
