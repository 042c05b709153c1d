/**
 * Embeddings already computed, keyed by model and unit text: a rebuild, a re-added document or a changed
 * document re-embeds only text the model has not seen. An append-only file of fixed-size records (32-byte
 * sha256 of model and text, then the float32 vector) behind a header naming the model and dimension; a record
 * cut short by a crash is ignored, a file for another model or dimension is started afresh.
 */
import { createHash } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { atomicWrite } from './atomic-write.js';
import { checkIndexFile } from './index-folder.js';

const HEADER_BYTES = 256;
const KEY_BYTES = 32;

export class VectorCache {
  private constructor(
    private readonly path: string,
    private readonly model: string,
    private readonly dimension: number,
    private readonly vectors: Map<string, Float32Array>,
    private fresh: boolean,
  ) {}

  private static header(model: string, dimension: number): Buffer {
    const head = Buffer.alloc(HEADER_BYTES, 0x20);
    head.write(JSON.stringify({ kind: 'vector-cache', model, dimension }), 'utf8');
    return head;
  }

  static async open(path: string, model: string, dimension: number): Promise<VectorCache> {
    const vectors = new Map<string, Float32Array>();
    const exists = await checkIndexFile(path).catch(() => false);
    const bytes = exists ? await readFile(path).catch(() => null) : null;
    const header = VectorCache.header(model, dimension);
    if (!bytes || bytes.length < HEADER_BYTES || !bytes.subarray(0, HEADER_BYTES).equals(header)) return new VectorCache(path, model, dimension, vectors, true);
    const record = KEY_BYTES + 4 * dimension;
    const whole = Math.floor((bytes.length - HEADER_BYTES) / record);
    // Float32Array views need 4-byte alignment; one copy of the data gives it.
    const data = new Uint8Array(bytes.subarray(HEADER_BYTES, HEADER_BYTES + whole * record));
    for (let r = 0; r < whole; r++) {
      const at = r * record;
      const key = Buffer.from(data.buffer, at, KEY_BYTES).toString('hex');
      const vector = new Float32Array(data.buffer.slice(at + KEY_BYTES, at + record));
      if (vector.every(Number.isFinite)) vectors.set(key, vector);
    }
    return new VectorCache(path, model, dimension, vectors, false);
  }

  private key(text: string): string {
    return createHash('sha256').update(this.model).update('\0').update(text).digest('hex');
  }

  get(text: string): number[] | null {
    const v = this.vectors.get(this.key(text));
    return v ? Array.from(v) : null;
  }

  get size(): number {
    return this.vectors.size;
  }

  /** Adds vectors in memory and appends them to the file (a new file is written whole, atomically). */
  async add(texts: readonly string[], vectors: readonly number[][]): Promise<void> {
    const chunks: Buffer[] = [];
    texts.forEach((text, i) => {
      const key = this.key(text);
      if (this.vectors.has(key)) return;
      const vector = Float32Array.from(vectors[i]!);
      this.vectors.set(key, vector);
      chunks.push(Buffer.from(key, 'hex'), Buffer.from(vector.buffer));
    });
    if (this.fresh) {
      const all: Buffer[] = [VectorCache.header(this.model, this.dimension)];
      for (const [key, vector] of this.vectors) all.push(Buffer.from(key, 'hex'), Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
      await atomicWrite(this.path, Buffer.concat(all));
      this.fresh = false;
    } else if (chunks.length) {
      await appendFile(this.path, Buffer.concat(chunks));
    }
  }
}
