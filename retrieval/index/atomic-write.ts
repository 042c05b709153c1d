import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Readers must never see a half-written index file (a crash mid-write, two processes building at once),
 * so every write goes to a unique temp file in the same directory and is renamed over the target.
 */
export async function atomicWrite(path: string, data: string | Uint8Array): Promise<void> {
  await atomicWriteWith(path, (tmp) => writeFile(tmp, data));
}

/** For writers that insist on writing a path themselves (e.g. hnswlib's writeIndex). */
export async function atomicWriteWith(path: string, write: (tmpPath: string) => Promise<unknown>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
