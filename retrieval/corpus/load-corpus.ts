import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { DOCUMENT_EXTENSIONS, formatOf, readDocument, UnreadableDocumentError } from '../ingest/index.js';
import { type LedgerCategory, type ParsedDocument, parseLines, type SourceLine } from '../parse/index.js';
import type { SourceDocument } from '../types.js';
import { sha256 } from '../util/sha256.js';
import { duplicateSymbol, type MetadataFile, validateEntry } from './metadata.js';
import type { ParseCache } from './parse-cache.js';
import { type DocumentProblem, type DocumentReport, isDocumentError } from './report.js';

export const METADATA_FILE = 'metadata.json';

export interface Corpus {
  documents: SourceDocument[];
  /** sha256 of every loaded document file and of the metadata, by file name: the index manifest compares these. */
  hashes: Record<string, string>;
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

function reportOf(
  file: string,
  source: string,
  parsed: ParsedDocument | null,
  lines: readonly SourceLine[],
): Omit<DocumentReport, 'format' | 'detail' | 'loaded'> {
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
    paragraphs: units.filter((u) => u.kind === 'paragraph').length,
    recommendations: units.filter((u) => u.kind === 'recommendation').length,
    summary: units.some((u) => u.kind === 'summary'),
    lines: lineCounts,
    characters: parsed?.characters ?? { source: 0, booked: zero() },
    // A PDF's problems say on which page their line is.
    problems: (parsed?.problems ?? []).map((p) => ('line' in p && lines[p.line - 1]?.page ? { ...p, page: lines[p.line - 1]!.page } : p)),
  };
}

/** Reads and parses one document file; never throws for the file's own faults, which go into the report. */
export async function loadDocument(
  seedsDir: string,
  file: string,
  entry: unknown,
  cache?: ParseCache,
): Promise<{ document: SourceDocument | null; report: DocumentReport; hash: string | null }> {
  const source = basename(file, extname(file));
  const format = formatOf(file);
  const checked = validateEntry(source, entry);
  const metaProblems: DocumentProblem[] = 'problems' in checked ? checked.problems : [];
  const finish = (units: SourceDocument['units'], parsedReport: Omit<DocumentReport, 'loaded'>, hash: string) => {
    const report: DocumentReport = { ...parsedReport, problems: [...metaProblems, ...parsedReport.problems], loaded: false };
    report.loaded = 'meta' in checked && !report.problems.some(isDocumentError);
    const document = report.loaded && 'meta' in checked ? { meta: checked.meta, units } : null;
    return { document, report, hash };
  };
  try {
    const bytes = await readFile(join(seedsDir, file));
    const hash = sha256(bytes);
    const cached = await cache?.get(hash);
    if (cached) return finish(cached.units, { ...cached.report, file, source }, hash);
    const read = await readDocument(join(seedsDir, file), bytes);
    const parsed = parseLines(read.lines, source);
    const report = { ...reportOf(file, source, parsed, read.lines), format, detail: read.detail };
    await cache?.put(hash, { units: parsed.units, report });
    return finish(parsed.units, report, hash);
  } catch (err) {
    if (!(err instanceof UnreadableDocumentError)) throw err;
    const report: DocumentReport = { ...reportOf(file, source, null, []), format, detail: '', loaded: false };
    report.problems.push(...metaProblems, { code: 'unreadable', reason: err.message });
    return { document: null, report, hash: null };
  }
}

/**
 * Reads every document in `seedsDir` (.txt, .md, .pdf, .docx) and parses it. A document that cannot be read,
 * has invalid metadata, a duplicate symbol or broken paragraph numbering is reported and left out; the others
 * load. Only a missing folder, unreadable metadata or no loadable document at all stops the corpus.
 */
export async function loadCorpus(seedsDir: string, opts: { cache?: ParseCache } = {}): Promise<Corpus> {
  const files = await documentFiles(seedsDir);
  if (files.length === 0) throw new CorpusError(`No documents (${DOCUMENT_EXTENSIONS.join(', ')}) in ${seedsDir}`);
  const { entries, raw } = await readMetadata(seedsDir);
  const hashes: Record<string, string> = {};
  if (raw !== null) hashes[METADATA_FILE] = sha256(raw);

  const documents: SourceDocument[] = [];
  const reports: DocumentReport[] = [];
  const stems = new Map<string, string>();
  for (const file of files) {
    const source = basename(file, extname(file));
    const { document, report, hash } = await loadDocument(seedsDir, file, entries[source], opts.cache);
    const clash = stems.get(source);
    if (clash) report.problems.push({ code: 'duplicate-stem', other: clash });
    const duplicate = document
      ? duplicateSymbol(
          document.meta,
          documents.map((d) => d.meta),
        )
      : null;
    if (duplicate) report.problems.push(duplicate);
    report.loaded = report.loaded && !clash && !duplicate;
    if (document && report.loaded) {
      documents.push(document);
      hashes[file] = hash!;
    }
    stems.set(source, file);
    reports.push(report);
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
  return { documents, hashes, reports };
}
