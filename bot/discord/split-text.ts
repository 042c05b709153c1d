/**
 * Splitting text for Discord's length limits. Lengths are UTF-16 code units (JS `length`), which is never less
 * than what Discord counts, so a piece that fits here fits there. Pieces break only between grapheme clusters
 * (no lone surrogate, no split emoji or combining mark), never inside a protected span (citation labels), never
 * between a Markdown escape and the character it escapes, and preferably at paragraph, line and sentence ends
 * outside quotation marks.
 */

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

const FORBIDDEN = Number.NEGATIVE_INFINITY;
const SENTENCE_END = /[。！？!?；;]/;
const CLOSERS = /[」』"”’）)\]〕】]/;
/** Labels and quotations the reader sees as one thing; breaking inside a quotation is a last resort. */
const LABEL_SPAN = /〔[^〔〕\n]{1,120}〕/g;
const QUOTE_SPAN = /「[^「」]*」|“[^“”]*”/g;
const QUOTE_PENALTY = 5;

/** How good a break is at each position 0..length (higher is better), or FORBIDDEN; graphemes are checked later. */
function breakScores(text: string, protect: readonly string[], honourProtection: boolean): Float64Array {
  const scores = new Float64Array(text.length + 1);
  for (let p = 1; p < text.length; p++) {
    const before = text[p - 1];
    if (before === '\\') scores[p] = FORBIDDEN;
    else if (before === '\n') scores[p] = p >= 2 && text[p - 2] === '\n' ? 4 : 3;
    else if (isSentenceEnd(text, p)) scores[p] = 2;
    else if (/\s|[，、,]/.test(before)) scores[p] = 1;
  }
  if (!honourProtection) return scores;
  const forbidInside = (from: number, to: number) => {
    for (let p = from + 1; p < to; p++) scores[p] = FORBIDDEN;
  };
  for (const label of protect) {
    if (!label) continue;
    for (let at = text.indexOf(label); at >= 0; at = text.indexOf(label, at + 1)) forbidInside(at, at + label.length);
  }
  for (const m of text.matchAll(LABEL_SPAN)) forbidInside(m.index, m.index + m[0].length);
  for (const m of text.matchAll(QUOTE_SPAN)) {
    for (let p = m.index + 1; p < m.index + m[0].length; p++) scores[p] -= QUOTE_PENALTY;
  }
  return scores;
}

/** ASCII and CJK characters always begin a grapheme cluster (a lone "\n" might follow "\r"). */
const startsCluster = (code: number) => (code >= 0x20 && code < 0x7f) || (code >= 0x3000 && code <= 0x9fff);

/**
 * Whether `p` lies between two grapheme clusters. Segmenting a whole long text is slow (superlinear in V8),
 * so only a small window is segmented, starting where a cluster certainly starts.
 */
function isGraphemeBoundary(text: string, p: number): boolean {
  if (p <= 0 || p >= text.length) return true;
  let start = Math.max(0, p - 16);
  while (start > 0 && p - start < 512 && !startsCluster(text.charCodeAt(start))) start--;
  for (const { index } of graphemes.segment(text.slice(start, Math.min(text.length, p + 16)))) {
    if (start + index >= p) return start + index === p;
  }
  return false;
}

/**
 * A sentence ends after its punctuation, any closing quotes/brackets and the citation label that follow it,
 * e.g. `。」〔label〕`, so a label stays with the sentence it supports.
 */
function isSentenceEnd(text: string, p: number): boolean {
  if (/^\s*[〔[]/.test(text.slice(p, p + 3))) return false;
  let i = p - 1;
  if (text[i] === '〕' || text[i] === ']') {
    const opener = text.lastIndexOf(text[i] === '〕' ? '〔' : '[', i);
    if (opener > 0) i = opener - 1;
    while (i > 0 && /\s/.test(text[i])) i--;
  }
  while (i > 0 && CLOSERS.test(text[i])) i--;
  const ch = text[i];
  if (SENTENCE_END.test(ch)) return !CLOSERS.test(text[p] ?? '');
  // An English full stop ends a sentence only before a space and a capital/CJK/quote, not in "para. 44".
  return ch === '.' && /^\s+[A-Z「“"(\p{Script=Han}]/u.test(text.slice(p, p + 4));
}

/** The latest of the best-scoring positions in (from, to] that falls between grapheme clusters. */
function bestBreak(text: string, scores: Float64Array, from: number, to: number): number {
  let best = -1;
  for (let p = to; p > from; p--) {
    if (scores[p] === FORBIDDEN || (best >= 0 && scores[p] <= scores[best])) continue;
    if (isGraphemeBoundary(text, p)) best = p;
  }
  return best;
}

/** Splits `text` into pieces of at most `limit` code units, keeping every string in `protect` whole. */
export function splitText(text: string, limit: number, protect: readonly string[] = []): string[] {
  if (!Number.isInteger(limit) || limit < 2) throw new RangeError(`limit must be an integer ≥ 2, not ${limit}`);
  if (text.length <= limit) return text.trim() ? [text] : [];
  const scores = breakScores(text, protect, true);
  let bare: Float64Array | null = null;
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > limit) {
    const end = start + limit;
    let cut = bestBreak(text, scores, start + Math.floor(limit / 2), end);
    if (cut < 0) cut = bestBreak(text, scores, start, end);
    // Only a protected span longer than the limit itself gets here: cut it, but still between characters.
    if (cut < 0) {
      bare ??= breakScores(text, protect, false);
      cut = bestBreak(text, bare, start, end);
    }
    const piece = text.slice(start, cut).trimEnd();
    if (piece) pieces.push(piece);
    start = cut;
    while (start < text.length && /\s/.test(text[start])) start++;
  }
  const rest = text.slice(start);
  if (rest.trim()) pieces.push(rest);
  return pieces;
}

/** Shortens to at most `max` code units at a clean break, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${splitText(text, max - 1)[0]}…`;
}

/**
 * Packs blocks into as few messages as possible, in order, joined by `separator`. A block is never split across
 * messages unless it alone is longer than `limit`; then it is split with `splitText`.
 */
export function packBlocks(blocks: readonly string[], limit: number, separator = '\n\n'): string[] {
  const out: string[] = [];
  let current = '';
  for (const block of blocks.flatMap((b) => (b.length > limit ? splitText(b, limit) : b.trim() ? [b] : []))) {
    const joined = current ? `${current}${separator}${block}` : block;
    if (joined.length <= limit) {
      current = joined;
    } else {
      out.push(current);
      current = block;
    }
  }
  if (current) out.push(current);
  return out;
}
