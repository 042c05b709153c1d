/**
 * Parsed documents kept beside the index, keyed by the file's checksum and the parser version: starting over
 * 10^5 units, or adding one document to them, parses only the files that changed. An entry that is missing,
 * unreadable or not a file (the index folder's checks) is simply a miss; writing is best effort.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../index/atomic-write.js';
import { checkIndexFile } from '../index/index-folder.js';
import { PARSER_VERSION } from '../parse/index.js';
import type { Unit } from '../types.js';
import type { DocumentReport } from './report.js';

export interface CachedParse {
  units: Unit[];
  report: Omit<DocumentReport, 'loaded' | 'version'>;
}

export class ParseCache {
  private readonly used = new Set<string>();

  /** `readOnly`: shards read the cache the index build wrote and never write it. */
  constructor(
    private readonly dir: string,
    private readonly readOnly = false,
  ) {}

  private name(sha: string): string {
    return `${sha}.${PARSER_VERSION}.json`;
  }

  async get(sha: string): Promise<CachedParse | null> {
    const path = join(this.dir, this.name(sha));
    this.used.add(this.name(sha));
    try {
      if (!(await checkIndexFile(path))) return null;
      const entry = JSON.parse(await readFile(path, 'utf8')) as CachedParse & { parserVersion: string };
      return entry.parserVersion === PARSER_VERSION && Array.isArray(entry.units) && entry.report ? entry : null;
    } catch {
      return null;
    }
  }

  async put(sha: string, entry: CachedParse): Promise<void> {
    this.used.add(this.name(sha));
    if (this.readOnly) return;
    try {
      await mkdir(this.dir, { recursive: true });
      await atomicWrite(join(this.dir, this.name(sha)), JSON.stringify({ parserVersion: PARSER_VERSION, ...entry }));
    } catch {
      // A read-only index folder: the next start parses again.
    }
  }

  /** Removes entries no document of this load used (changed or removed documents, older parsers). */
  async prune(): Promise<void> {
    if (this.readOnly) return;
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      if (name.endsWith('.json') && !this.used.has(name)) await rm(join(this.dir, name), { force: true }).catch(() => {});
    }
  }
}
