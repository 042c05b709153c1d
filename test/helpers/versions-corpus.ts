/**
 * A copy of the seeds with the SYNTHETIC two-language fixture document (test/fixtures/versions/) beside them, in a
 * temp folder: the seeds themselves are never touched. `edit` may change the fixture's files first (a paragraph
 * dropped from one version, the metadata rewritten) to test what loading reports.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURE = 'synthetic_harbourlight';
export const FIXTURE_ZH = `${FIXTURE}.txt`;
export const FIXTURE_EN = `${FIXTURE}.en.txt`;
const FIXTURE_DIR = 'test/fixtures/versions';

export interface FixtureFiles {
  zh: string;
  en: string;
  /** The fixture's metadata entry, merged into the seeds' metadata. */
  entry: Record<string, unknown>;
}

export async function fixtureFiles(): Promise<FixtureFiles> {
  const metadata = JSON.parse(await readFile(join(FIXTURE_DIR, 'metadata.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  return {
    zh: await readFile(join(FIXTURE_DIR, FIXTURE_ZH), 'utf8'),
    en: await readFile(join(FIXTURE_DIR, FIXTURE_EN), 'utf8'),
    entry: metadata[FIXTURE]!,
  };
}

export interface VersionsCorpus {
  seedsDir: string;
  remove(): Promise<void>;
}

export async function seedsWithVersions(edit: (files: FixtureFiles) => FixtureFiles = (f) => f): Promise<VersionsCorpus> {
  const root = await mkdtemp(join(tmpdir(), 'versions-'));
  const seedsDir = join(root, 'seeds');
  await cp('seeds', seedsDir, { recursive: true });
  const files = edit(await fixtureFiles());
  await writeFile(join(seedsDir, FIXTURE_ZH), files.zh);
  await writeFile(join(seedsDir, FIXTURE_EN), files.en);
  const metadata = JSON.parse(await readFile(join(seedsDir, 'metadata.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(join(seedsDir, 'metadata.json'), JSON.stringify({ ...metadata, [FIXTURE]: files.entry }, null, 2));
  return { seedsDir, remove: () => rm(root, { recursive: true, force: true }) };
}
