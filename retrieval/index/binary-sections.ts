/**
 * A file of named sections: a small JSON header, then string lists (one UTF-8 blob and its offsets) and
 * Uint32 arrays, each aligned so that it loads as a view of the file's bytes. Loading 10^5 units is then a
 * few blob decodes and array views, not the parse of one JSON document the size of the corpus.
 */

const MAGIC = 'UNIX2';
const ALIGN = 8;

type Section =
  | { name: string; type: 'strings'; count: number; offset: number; bytes: number }
  | { name: string; type: 'u32'; count: number; offset: number; bytes: number };

export type SectionValue = readonly string[] | Uint32Array;

export class SectionFileError extends Error {
  override name = 'SectionFileError';
}

/**
 * String lists are stored as their concatenation in UTF-16 plus code-unit offsets, so splitting needs no separator.
 * UTF-16 because Chinese text is smaller in it than in UTF-8 (2 bytes a character, not 3) and it decodes at
 * memory speed: UTF-8 decoding was most of the load time at 10^5 units.
 */
function encodeStrings(list: readonly string[]): { blob: Buffer; offsets: Uint32Array } {
  const offsets = new Uint32Array(list.length + 1);
  let at = 0;
  list.forEach((s, i) => {
    offsets[i] = at;
    at += s.length;
  });
  offsets[list.length] = at;
  return { blob: Buffer.from(list.join(''), 'utf16le'), offsets };
}

export function encodeSections(header: Record<string, unknown>, sections: Record<string, SectionValue>): Buffer {
  const chunks: Buffer[] = [];
  const layout: Section[] = [];
  let offset = 0;
  const push = (name: string, type: Section['type'], count: number, bytes: Buffer) => {
    layout.push({ name, type, count, offset, bytes: bytes.length });
    chunks.push(bytes);
    const pad = (ALIGN - (bytes.length % ALIGN)) % ALIGN;
    if (pad) chunks.push(Buffer.alloc(pad));
    offset += bytes.length + pad;
  };
  for (const [name, value] of Object.entries(sections)) {
    if (value instanceof Uint32Array) {
      push(name, 'u32', value.length, Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    } else {
      const { blob, offsets } = encodeStrings(value as readonly string[]);
      push(`${name}.offsets`, 'u32', offsets.length, Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength));
      push(name, 'strings', value.length, blob);
    }
  }
  const head = Buffer.from(JSON.stringify({ ...header, sections: layout }), 'utf8');
  const prefix = Buffer.alloc(MAGIC.length + 4);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(head.length, MAGIC.length);
  const headPad = Buffer.alloc((ALIGN - ((prefix.length + head.length) % ALIGN)) % ALIGN);
  return Buffer.concat([prefix, head, headPad, ...chunks]);
}

export interface DecodedSections {
  header: Record<string, unknown>;
  strings(name: string): string[];
  u32(name: string): Uint32Array;
}

export function decodeSections(file: Buffer): DecodedSections {
  const fail = (why: string): never => {
    throw new SectionFileError(why);
  };
  if (file.length < MAGIC.length + 4 || file.toString('latin1', 0, MAGIC.length) !== MAGIC) fail('not an index file (bad magic)');
  const headLength = file.readUInt32LE(MAGIC.length);
  const headEnd = MAGIC.length + 4 + headLength;
  if (headEnd > file.length) fail('truncated header');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(file.toString('utf8', MAGIC.length + 4, headEnd)) as Record<string, unknown>;
  } catch {
    return fail('header is not JSON');
  }
  const dataStart = headEnd + ((ALIGN - (headEnd % ALIGN)) % ALIGN);
  // Views need 4-byte alignment of the underlying memory: a pooled buffer may not have it.
  const bytes = (file.byteOffset + dataStart) % 4 === 0 ? file : Buffer.from(file);
  const sections = new Map<string, Section>();
  for (const s of (header.sections as Section[] | undefined) ?? []) {
    if (typeof s?.name !== 'string' || !Number.isInteger(s.offset) || !Number.isInteger(s.bytes) || dataStart + s.offset + s.bytes > file.length) {
      fail(`section ${String(s?.name)} is out of bounds`);
    }
    sections.set(s.name, s);
  }
  const section = (name: string, type: Section['type']): Section => {
    const s = sections.get(name);
    if (!s || s.type !== type) return fail(`section ${name} is missing`);
    return s;
  };
  const u32 = (name: string): Uint32Array => {
    const s = section(name, 'u32');
    if (s.bytes !== s.count * 4) fail(`section ${name} has a bad length`);
    return new Uint32Array(bytes.buffer, bytes.byteOffset + dataStart + s.offset, s.count);
  };
  const strings = (name: string): string[] => {
    const s = section(name, 'strings');
    const offsets = u32(`${name}.offsets`);
    const text = bytes.toString('utf16le', dataStart + s.offset, dataStart + s.offset + s.bytes);
    if (offsets.length !== s.count + 1 || offsets[0] !== 0 || offsets[s.count] !== text.length) fail(`section ${name} has bad offsets`);
    const out = new Array<string>(s.count);
    for (let i = 0; i < s.count; i++) {
      if (offsets[i + 1]! < offsets[i]!) fail(`section ${name} has bad offsets`);
      out[i] = text.slice(offsets[i], offsets[i + 1]);
    }
    return out;
  };
  const { sections: _layout, ...rest } = header;
  return { header: rest, strings, u32 };
}
