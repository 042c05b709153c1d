/**
 * Adding a document to the corpus folder and removing one: the file is checked (read and parsed) before
 * anything changes, copied in atomically, and its metadata entry created from the options and what its title
 * block says; removal deletes the file and its entry. The indexes follow on the next load, incrementally.
 */
import { copyFile, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { atomicWrite } from '../index/atomic-write.js';
import { readDocument } from '../ingest/index.js';
import { parseLines } from '../parse/index.js';
import type { DocumentMeta } from '../types.js';
import { documentFiles, loadDocument, METADATA_FILE } from './load-corpus.js';
import { declaredVersions, duplicateSymbol, type MetadataFile, validateEntry } from './metadata.js';
import { type DocumentReport, isDocumentError } from './report.js';
import { readTitleBlock, type TitleBlock } from './title-block.js';

export interface NewDocumentOptions {
  seedsDir: string;
  /** The document file to add (.txt, .md, .pdf, .docx). */
  file: string;
  symbol?: string;
  title?: { zh?: string; en?: string };
  shortTitle?: { zh?: string; en?: string };
  date?: string;
  body?: string;
  session?: string;
}

export type ManageProblem =
  | { code: 'not-a-file'; file: string }
  | { code: 'already-present'; source: string; file: string }
  | { code: 'document-rejected'; report: DocumentReport }
  | { code: 'unknown-document'; ref: string; known: string[] };

/** A request to change the corpus that cannot be carried out; nothing was changed. */
export class ManageError extends Error {
  override name = 'ManageError';
  constructor(readonly problem: ManageProblem) {
    super(problem.code);
  }
}

async function readMetadataFile(seedsDir: string): Promise<MetadataFile> {
  try {
    return JSON.parse(await readFile(join(seedsDir, METADATA_FILE), 'utf8')) as MetadataFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
}

/** Entries are written back as they were read: fields this version does not know are kept. */
async function writeMetadataFile(seedsDir: string, entries: MetadataFile): Promise<void> {
  await atomicWrite(join(seedsDir, METADATA_FILE), `${JSON.stringify(entries, null, 2)}\n`);
}

function entryFor(opts: NewDocumentOptions, block: TitleBlock, source: string): Record<string, unknown> {
  const zh = opts.title?.zh ?? block.title ?? source;
  const en = opts.title?.en ?? opts.symbol ?? block.symbol ?? zh;
  const title = { zh, en };
  return {
    symbol: opts.symbol ?? block.symbol,
    title,
    shortTitle: { zh: opts.shortTitle?.zh ?? title.zh, en: opts.shortTitle?.en ?? title.en },
    body: opts.body ?? block.body,
    session: opts.session ?? block.session,
    date: opts.date ?? block.date,
  };
}

export interface AddedDocument {
  source: string;
  target: string;
  meta: DocumentMeta;
  /** Fields read from the title block rather than given. */
  prefilled: string[];
}

export async function addDocument(opts: NewDocumentOptions): Promise<AddedDocument> {
  const name = basename(opts.file);
  const source = basename(name, extname(name));
  const read = await readDocument(opts.file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'EISDIR') throw new ManageError({ code: 'not-a-file', file: opts.file });
    throw err;
  });
  const existing = (await documentFiles(opts.seedsDir)).find((f) => basename(f, extname(f)) === source);
  if (existing) throw new ManageError({ code: 'already-present', source, file: existing });

  const block = readTitleBlock(parseLines(read.lines, source));
  const entries = await readMetadataFile(opts.seedsDir);
  const entry = entryFor(opts, block, source);
  const prefilled: string[] = (['symbol', 'date', 'body', 'session'] as const).filter((f) => opts[f] === undefined && block[f] !== null);
  if (!opts.title?.zh && block.title) prefilled.push('title.zh');

  // The same checks a load makes, before anything is written.
  const checked = validateEntry(source, entry);
  const { report } = await loadDocument(dirname(opts.file), name, entry);
  const others = Object.entries(entries).flatMap(([s, e]) => {
    const v = validateEntry(s, e);
    return 'meta' in v ? [v.meta] : [];
  });
  const duplicate = 'meta' in checked ? duplicateSymbol(checked.meta, others) : null;
  if (duplicate) report.problems.push(duplicate);
  if (!('meta' in checked) || report.problems.some(isDocumentError)) throw new ManageError({ code: 'document-rejected', report });

  const target = join(opts.seedsDir, name);
  const tmp = `${target}.${process.pid}.adding.tmp`;
  await copyFile(opts.file, tmp);
  await rename(tmp, target);
  try {
    await writeMetadataFile(opts.seedsDir, { ...entries, [source]: entry });
  } catch (err) {
    await rm(target, { force: true });
    throw err;
  }
  return { source, target, meta: checked.meta, prefilled };
}

/**
 * Removes the document `ref` names (its file stem, a unique stem prefix, its symbol or a title) and its entry:
 * every file of it, its language versions included. `file` names them all.
 */
export async function removeDocument(seedsDir: string, ref: string, resolve: (ref: string) => string | null): Promise<{ source: string; file: string }> {
  const files = await documentFiles(seedsDir);
  const stem = (f: string) => basename(f, extname(f));
  const entries = await readMetadataFile(seedsDir);
  const source = resolve(ref) ?? files.map(stem).find((s) => s === ref) ?? null;
  const checked = source === null ? null : validateEntry(source, entries[source]);
  const versions = checked && 'entry' in checked ? declaredVersions(checked.entry).map((v) => v.file) : [];
  const own = files.filter((f) => stem(f) === source || versions.includes(f));
  if (!source || own.length === 0) throw new ManageError({ code: 'unknown-document', ref, known: files.map(stem) });
  if (source in entries) {
    const { [source]: _removed, ...rest } = entries;
    await writeMetadataFile(seedsDir, rest);
  }
  for (const file of own) await rm(join(seedsDir, file));
  return { source, file: own.join(', ') };
}
