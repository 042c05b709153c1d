import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseDocument } from '../parse/index.js';
import type { DocumentMeta, SourceDocument } from '../types.js';
import { sha256 } from '../util/sha256.js';
import { documentStatus } from './documents.js';

export const METADATA_FILE = 'metadata.json';
const DOCUMENT_EXTENSIONS = new Set(['.txt', '.md']);

export interface Corpus {
  documents: SourceDocument[];
  /** sha256 of every document file and of the metadata, by file name: the index manifest compares these. */
  hashes: Record<string, string>;
}

/** Fields added after the first metadata files may be missing: they get their defaults in `withDefaults`. */
type MetadataEntry = Omit<DocumentMeta, 'source' | 'symbolSource' | 'status' | 'agendaItem'> &
  Partial<Pick<DocumentMeta, 'symbolSource' | 'status' | 'agendaItem'>>;
type MetadataFile = Record<string, MetadataEntry>;

function withDefaults(source: string, entry: MetadataEntry): DocumentMeta {
  return {
    ...entry,
    source,
    symbolSource: entry.symbolSource ?? null,
    status: entry.status ?? documentStatus(entry.symbol, entry.title),
    agendaItem: entry.agendaItem ?? null,
  };
}

/** A document added without metadata still gets a usable (if plain) display name. */
function fallbackMeta(source: string): DocumentMeta {
  return {
    source,
    symbol: null,
    symbolSource: null,
    status: 'final',
    agendaItem: null,
    title: { zh: source, en: source },
    shortTitle: { zh: source, en: source },
    body: null,
    session: null,
    date: null,
  };
}

async function readMetadata(seedsDir: string): Promise<{ meta: MetadataFile; raw: string | null }> {
  let raw: string;
  try {
    raw = await readFile(join(seedsDir, METADATA_FILE), 'utf8');
  } catch {
    return { meta: {}, raw: null };
  }
  try {
    return { meta: JSON.parse(raw) as MetadataFile, raw };
  } catch (err) {
    throw new Error(`${join(seedsDir, METADATA_FILE)} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Reads every .txt/.md document in `seedsDir` (sorted by name, so ids and order are stable) and parses it. */
export async function loadCorpus(seedsDir: string): Promise<Corpus> {
  let names: string[];
  try {
    names = (await readdir(seedsDir)).filter((n) => DOCUMENT_EXTENSIONS.has(extname(n)) && n !== 'README.md').sort();
  } catch {
    throw new Error(`Seeds folder not found: ${seedsDir}`);
  }
  if (names.length === 0) throw new Error(`No .txt or .md documents in ${seedsDir}`);

  const { meta, raw } = await readMetadata(seedsDir);
  const hashes: Record<string, string> = {};
  if (raw !== null) hashes[METADATA_FILE] = sha256(raw);

  const documents: SourceDocument[] = [];
  for (const name of names) {
    const source = basename(name, extname(name));
    const text = await readFile(join(seedsDir, name), 'utf8');
    hashes[name] = sha256(text);
    const known = meta[source];
    documents.push({
      meta: known ? withDefaults(source, known) : fallbackMeta(source),
      units: parseDocument(text, source),
    });
  }
  return { documents, hashes };
}
