/**
 * Text files come in whatever encoding the user's tools wrote: UTF-8 (with or without a BOM), UTF-16 (Windows
 * "Unicode"), or GB18030/GBK (Chinese Windows). The encoding is detected, never guessed silently: bytes that are
 * none of them (a binary file, a PDF renamed .txt) are refused, so mojibake is never served as a quote.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export class DecodeError extends Error {
  override name = 'DecodeError';
}

/** Control characters other than tab, line breaks and form feed do not occur in text. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f;
}
/** A decoded text with more than this share of control or replacement characters is not text. */
const MAX_CONTROL_SHARE = 0.001;

function decodeStrict(bytes: Uint8Array, encoding: TextEncoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-16 without a BOM: ASCII and line breaks put a zero byte in every other position. */
function utf16ByZeros(bytes: Uint8Array): TextEncoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  // UTF-8 text has no zero bytes at all; Chinese UTF-16 has them only in its ASCII (digits, spaces, line breaks).
  const pairs = n / 2;
  const some = Math.max(2, 0.03 * pairs);
  if (oddZeros >= some && oddZeros > 2 * evenZeros) return 'utf-16le';
  if (evenZeros >= some && evenZeros > 2 * oddZeros) return 'utf-16be';
  return null;
}

function looksLikeText(text: string): boolean {
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isControl(code) || code === 0xfffd) bad++;
  }
  return bad <= MAX_CONTROL_SHARE * text.length;
}

/** Decodes a document's bytes, or throws a DecodeError saying why it is not text. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes.length === 0) return { text: '', encoding: 'utf-8' };
  const bom: TextEncoding | null =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? 'utf-8'
      : bytes[0] === 0xff && bytes[1] === 0xfe
        ? 'utf-16le'
        : bytes[0] === 0xfe && bytes[1] === 0xff
          ? 'utf-16be'
          : null;
  const candidates: TextEncoding[] = bom ? [bom] : [...[utf16ByZeros(bytes)].filter((e): e is TextEncoding => e !== null), 'utf-8', 'gb18030'];
  for (const encoding of candidates) {
    const text = decodeStrict(bytes, encoding);
    if (text !== null && looksLikeText(text)) return { text: text.replace(/^\uFEFF/, ''), encoding };
  }
  throw new DecodeError(bom ? `not valid ${bom} although it starts with a ${bom} byte-order mark` : 'not text in UTF-8, UTF-16 or GB18030 (a binary file?)');
}
