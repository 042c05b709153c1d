/**
 * The index folder's faults (issue 13, items 2 and 4), with real files and real permissions: a folder the user
 * may not write or read, a directory or FIFO where an index file should be, a file where the folder should be,
 * and temp files left by killed writers. Permission tests run the command as uid 65534 (nobody) through
 * setpriv when this process is root, and as this user when it is not; they are skipped, saying so, when
 * neither can arrange it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../embeddings/embedder.js';
import { loadCorpus } from '../retrieval/corpus/load-corpus.js';
import { loadOrBuildIndexes } from '../retrieval/index/index-store.js';
import { Tokenizer } from '../retrieval/query/tokenize.js';

const tokenizer = new Tokenizer();
const NOBODY = 65534;
let dir: string;
let seeds: string;
let indexDir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'index-faults-'));
  await chmod(dir, 0o755);
  seeds = join(dir, 'seeds');
  indexDir = join(dir, 'index');
  await cp('seeds', seeds, { recursive: true });
  await chmod(seeds, 0o755);
});
afterEach(async () => {
  await chmod(indexDir, 0o755).catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

const open = async (opts: { readOnly?: boolean } = {}) =>
  loadOrBuildIndexes({ indexDir, corpus: await loadCorpus(seeds), tokenizer, embedder: null, readOnly: opts.readOnly });

const hasSetpriv = (() => {
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const isRoot = process.getuid?.() === 0;
/** Root ignores permissions: the check must run as another user. */
const canDropPrivileges = !isRoot || hasSetpriv;
if (!canDropPrivileges) console.warn('index-folder-faults: running as root without setpriv, so the permission tests are skipped.');

/** Runs `npm run ask` as it is run, as nobody when this process is root; returns exit code and output. */
function ask(question: string, timeout = 60_000) {
  const node = [process.execPath, '--import', 'tsx', 'bot/cli/ask.ts', question];
  const command = isRoot ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...node] : node;
  const r = spawnSync(command[0]!, command.slice(1), {
    encoding: 'utf8',
    env: { ...process.env, EMBEDDINGS: 'off', SEEDS_DIR: seeds, INDEX_DIR: indexDir, DISCORD_TOKEN: '', HOME: dir, TSX_TSCONFIG_PATH: undefined },
    timeout,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, timedOut: r.error?.message.includes('ETIMEDOUT') ?? false };
}

describe.runIf(canDropPrivileges)('permissions', () => {
  it('a read-only index folder does not block start-up: the answer comes from memory, with one warning saying why', async () => {
    await open();
    await writeFile(join(seeds, 'extra.txt'), '一. 导言\n\n1. 这是一个新的文件，关于蓝心运动的补充说明。\n');
    await chmod(indexDir, 0o555);
    const r = ask('蓝心运动');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/蓝心运动/);
    const warnings = r.err.split('\n').filter((l) => l.includes('could not be saved'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/EACCES/);
  });

  it('an unreadable index folder is a clear message naming the folder and the permission, not "no index yet"', async () => {
    await open();
    await chmod(indexDir, 0o300);
    const r = ask('蓝心运动');
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/no index yet/);
    expect(r.err).toContain(`index folder ${indexDir} cannot be read (EACCES: permission denied for user`);
    expect(r.err).toMatch(/needs read and execute permission/);
  });
});

describe('type confusion, detected before opening', () => {
  it.each(['keyword.bin', 'manifest.json'])('%s replaced by a directory: answers from memory and says what to remove', async (file) => {
    await open();
    await rm(join(indexDir, file));
    await mkdir(join(indexDir, file, 'inner'), { recursive: true });
    const again = await open();
    expect(again.keyword.size).toBeGreaterThan(300);
    expect(again.unsaved).toBe(`${join(indexDir, file)} is a directory, not a file: remove it so the index can be rebuilt`);
    expect(again.events.join('\n')).toContain(`${join(indexDir, file)} is a directory, not a file: remove it`);
  });

  it('dense-*.hnsw replaced by a directory: hybrid answers from memory and says what to remove', async () => {
    const loaded = await loadEmbedder({ modelsDir: 'test/fixtures/models', model: 'tiny-random-bert', onProgress: null });
    if (!loaded.ok) throw new Error(loaded.problem);
    const corpus = await loadCorpus(seeds);
    const openDense = () => loadOrBuildIndexes({ indexDir, corpus, tokenizer, embedder: loaded.embedder });
    try {
      await openDense();
      const file = join(indexDir, 'dense-tiny-random-bert.hnsw');
      await rm(file);
      await mkdir(file);
      const again = await openDense();
      expect(again.dense!.size).toBe(again.keyword.size);
      expect(again.events.join('\n')).toContain(
        `Dense index is unusable (${file} is a directory, not a file: remove it so the index can be rebuilt); rebuilding.`,
      );
      expect(again.unsaved).toBe(`${file} is a directory, not a file: remove it so the index can be rebuilt`);
    } finally {
      await loaded.embedder.dispose?.();
    }
  });

  it('the index folder replaced by a file: answers from memory and says what to remove', async () => {
    await writeFile(indexDir, 'not a folder');
    const r = await open();
    expect(r.keyword.size).toBeGreaterThan(300);
    expect(r.unsaved).toBe(`index folder ${indexDir} is a file, not a folder: remove it, or set INDEX_DIR to another folder`);
  });

  it.each(['keyword.bin', 'manifest.json'])('a FIFO at %s never hangs `npm run ask`, and the index is rebuilt over it', async (file) => {
    await open();
    await rm(join(indexDir, file));
    execFileSync('mkfifo', [join(indexDir, file)]);
    const r = ask('蓝心运动', 30_000);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${join(indexDir, file)} is a FIFO (named pipe), not a file: remove it`);
  });

  it('shards (read-only) refuse with the same message instead of hanging or crashing', async () => {
    await open();
    await rm(join(indexDir, 'keyword.bin'));
    await mkdir(join(indexDir, 'keyword.bin'));
    await expect(open({ readOnly: true })).rejects.toThrow(/keyword\.bin is a directory, not a file: remove it/);
  });
});

describe('temp files of killed writers', () => {
  it('are removed at start-up; a live writer’s temp file is left alone', async () => {
    await open();
    const dead = 'keyword.bin.99999999.deadbeef.tmp';
    const live = `manifest.json.${process.pid}.0badc0de.tmp`;
    await writeFile(join(indexDir, dead), 'half');
    await writeFile(join(indexDir, live), 'in progress');
    const again = await open();
    expect(again.events).toContain(`Removed 1 temp file(s) left by killed writers: ${dead}.`);
    const files = await readdir(indexDir);
    expect(files).not.toContain(dead);
    expect(files).toContain(live);
  });
});
