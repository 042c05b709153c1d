/**
 * The index folder as the operating system has it: checked before anything is opened, so a directory where a
 * file should be, a FIFO (which would block a reader forever), a file where the folder should be or a folder
 * this user may not read gives a message saying what is wrong and what to do, never a hang or a bare errno.
 */
import { lstat, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export class IndexFolderError extends Error {
  override name = 'IndexFolderError';
}

const TEMP_FILE = /\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function who(): string {
  return typeof process.getuid === 'function' ? ` for user ${process.getuid()}` : '';
}

/** What kind of thing is at `path`, following a symbolic link: null when nothing is there. */
async function kindOf(path: string): Promise<string | null> {
  let s: Awaited<ReturnType<typeof stat>>;
  try {
    s = await lstat(path);
    if (s.isSymbolicLink()) s = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'FIFO (named pipe)';
  if (s.isSocket()) return 'socket';
  return 'device';
}

/** Throws unless `path` is a regular file or absent; returns whether it exists. */
export async function checkIndexFile(path: string): Promise<boolean> {
  const kind = await kindOf(path);
  if (kind === null) return false;
  if (kind !== 'file') throw new IndexFolderError(`${path} is a ${kind}, not a file: remove it so the index can be rebuilt`);
  return true;
}

/**
 * Throws an IndexFolderError when `dir` cannot hold the index (a file, or a folder this user may not read);
 * returns false when it does not exist yet.
 */
export async function checkIndexFolder(dir: string): Promise<boolean> {
  const kind = await kindOf(dir).catch((err: NodeJS.ErrnoException) => {
    throw new IndexFolderError(`index folder ${dir} cannot be examined (${err.code}): check the permissions of its parent folders${who()}`);
  });
  if (kind === null) return false;
  if (kind !== 'directory') throw new IndexFolderError(`index folder ${dir} is a ${kind}, not a folder: remove it, or set INDEX_DIR to another folder`);
  try {
    await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new IndexFolderError(
      `index folder ${dir} cannot be read (${code}: permission denied${who()}): it needs read and execute permission (chmod u+rx, or run as its owner)`,
    );
  }
  return true;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temp files of writers that died mid-write (their process is gone) are removed; returns their names. */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = TEMP_FILE.exec(name)?.[1];
    if (pid === undefined || alive(Number(pid))) continue;
    try {
      await rm(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // A folder we may not write: the temp file stays, and saving will say why.
    }
  }
  return removed;
}

/** Errors that mean "this folder cannot be written", as opposed to a fault in the data. */
export function isUnwritable(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return err instanceof IndexFolderError || ['EACCES', 'EPERM', 'EROFS', 'EISDIR', 'ENOTDIR', 'EEXIST', 'ENOTEMPTY', 'ENOSPC', 'EDQUOT'].includes(code ?? '');
}
