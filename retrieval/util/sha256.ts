import { createHash } from 'node:crypto';

/** Hex sha256 of text or bytes: the checksum every index file, seed file and manifest entry is compared by. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
