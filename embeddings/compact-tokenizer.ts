/**
 * A leaner Unigram tokenizer. transformers.js (3.x) keeps, for a SentencePiece-style Unigram vocabulary, a
 * character trie of every piece (one object and one Map per node) plus the raw `[piece, score]` list it was
 * built from. For multilingual-e5-small's 250k pieces that is ≈ 120 MB of heap in every embedding worker,
 * most of the worker's memory besides the model itself. The trie answers one question, "which pieces are
 * prefixes of this text", which a set of the same pieces answers as well (one lookup per character up to the
 * longest piece that starts like the text), in a fraction of the memory.
 *
 * This reaches into the library's private structure, so it only acts on the exact shape it knows and keeps
 * the change only when the tokenizer still encodes a mixed-script sample to the same ids.
 */

interface PrefixSearch {
  commonPrefixSearch(text: string): Iterable<string>;
}

interface UnigramShape {
  trie: PrefixSearch;
  config: { vocab?: unknown };
}

interface TokenizerShape {
  model?: unknown;
  encode(text: string): number[];
}

/** Texts whose ids must not change: Chinese, Latin, digits, punctuation, the e5 prefixes. */
const SELF_CHECK = [
  'query: 工作组举行了几次会议？',
  'passage: 打击贩运人口和偷运移民问题工作组于2018年7月在维也纳举行会议。',
  'The Working Group on Trafficking in Persons met 5 times (2010–2019), para. 44; UNODC/CTOC/COP.',
  '貳、國際合作——「議定書」第10條（b）項',
];

function unigramShape(model: unknown): model is UnigramShape {
  const m = model as Partial<UnigramShape> | undefined;
  return typeof m?.trie?.commonPrefixSearch === 'function' && Array.isArray(m.config?.vocab);
}

/** The pieces of `pieces` that are prefixes of `text`, shortest first: what the library's trie yields. */
export class PieceSet implements PrefixSearch {
  private readonly pieces: Set<string>;
  /** The longest piece starting with each code point, in code points (the trie walks code points). */
  private readonly longest = new Map<string, number>();

  constructor(pieces: Iterable<string>) {
    this.pieces = new Set(pieces);
    for (const p of this.pieces) {
      const chars = [...p];
      if (chars.length) this.longest.set(chars[0]!, Math.max(this.longest.get(chars[0]!) ?? 0, chars.length));
    }
  }

  *commonPrefixSearch(text: string): Generator<string> {
    let limit = 0;
    let prefix = '';
    let length = 0;
    for (const ch of text) {
      // Bounded by the longest piece that starts like the text, so a text costs about what the trie's walk did.
      if (length === 0) limit = this.longest.get(ch) ?? 0;
      if (++length > limit) return;
      prefix += ch;
      if (this.pieces.has(prefix)) yield prefix;
    }
  }
}

/**
 * Replaces a Unigram tokenizer's piece trie by a `PieceSet` and drops the piece list it was built from.
 * Returns whether it did; any other tokenizer (WordPiece, BPE, a library version of another shape) is left as is.
 */
export function compactTokenizer(tokenizer: TokenizerShape): boolean {
  const model = tokenizer.model;
  if (!unigramShape(model)) return false;
  const { trie, config } = model;
  // The trie holds the base pieces only (added tokens join the id maps later), so the set is built from the same list.
  const pieces = (config.vocab as unknown[]).map((entry) => (Array.isArray(entry) ? entry[0] : undefined));
  if (!pieces.every((p): p is string => typeof p === 'string')) return false;
  const before = SELF_CHECK.map((t) => tokenizer.encode(t));
  let same = false;
  try {
    model.trie = new PieceSet(pieces);
    model.config = { ...config, vocab: undefined };
    same = SELF_CHECK.every((t, i) => {
      const ids = tokenizer.encode(t);
      return ids.length === before[i]!.length && ids.every((id, j) => id === before[i]![j]);
    });
  } catch {
    // A library version that cannot work with the set: the tokenizer as it came.
  }
  if (same) return true;
  model.trie = trie;
  model.config = config;
  return false;
}
