import { cjkBigrams, cjkRuns, latinTokens, normalizeText, type Tokenizer } from '../query/tokenize.js';
import type { TermGroup } from '../types.js';

/** Bump when tokenization or the stored format changes: the manifest then forces a rebuild. */
export const KEYWORD_INDEX_VERSION = 'jieba-search+phrase-bm25/2';

/**
 * BM25 saturation: the standard 1.2. Paragraphs are short (a median of ~60 indexed words), so a term's second and
 * third occurrence still say something, but a paragraph repeating 贩运人口 ten times is not ten times as relevant.
 */
export const BM25_K1 = 1.2;
/**
 * Length normalization: the standard 0.75. Units range from a one-line recommendation to a page-long summary;
 * a long unit matches more terms by chance, and full normalization (b=1) would over-reward the short ones.
 */
export const BM25_B = 0.75;

/**
 * Phrase postings found on the fly are cached (misses are cheap to recompute: the first absent bigram ends
 * the search); the cap only bounds memory when something probes many phrases, like the dictionary filter.
 */
const PHRASE_CACHE_LIMIT = 5000;

export interface KeywordDoc {
  key: string;
  text: string;
}

export interface KeywordHit {
  key: string;
  score: number;
}

/** Postings of one term: parallel arrays of document ids (ascending) and term frequencies. */
interface Postings {
  docs: Uint32Array;
  tfs: Uint32Array;
}

/** Serialized form: postings flattened as [doc, tf, doc, tf, …] per term; bigrams are rebuilt from the texts. */
export interface KeywordIndexJSON {
  version: string;
  keys: string[];
  texts: string[];
  lengths: number[];
  postings: Record<string, number[]>;
}

const EMPTY: Postings = { docs: new Uint32Array(0), tfs: new Uint32Array(0) };

function toPostings(counts: Map<number, number>): Postings {
  const ids = [...counts.keys()].sort((a, b) => a - b);
  return { docs: Uint32Array.from(ids), tfs: Uint32Array.from(ids, (d) => counts.get(d) ?? 0) };
}

function countOccurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return Uint32Array.from(out);
}

/**
 * Inverted index with BM25 over jieba words, plus phrase matching: a query term that is not an indexed
 * word (a glossary term such as 全球移民问题小组, a name jieba cuts differently in context) is looked up as
 * a literal substring, found through character-bigram postings and verified against the stored text.
 */
export class KeywordIndex {
  private readonly postings: Map<string, Postings>;
  private readonly bigrams: Map<string, Uint32Array>;
  private readonly phraseCache = new Map<string, Postings>();
  private readonly avgdl: number;

  private constructor(
    private readonly keys: string[],
    private readonly texts: string[],
    private readonly lengths: Uint32Array,
    postings: Map<string, Postings>,
  ) {
    this.postings = postings;
    this.bigrams = buildBigrams(texts);
    const total = lengths.reduce((s, l) => s + l, 0);
    this.avgdl = keys.length ? Math.max(1, total / keys.length) : 1;
  }

  static build(docs: readonly KeywordDoc[], tokenizer: Tokenizer): KeywordIndex {
    const counts = new Map<string, Map<number, number>>();
    const keys: string[] = [];
    const texts: string[] = [];
    const lengths: number[] = [];
    const seen = new Set<string>();
    docs.forEach((doc, id) => {
      if (seen.has(doc.key)) throw new Error(`Duplicate keyword-index key: ${doc.key}`);
      seen.add(doc.key);
      const text = normalizeText(doc.text);
      const words = tokenizer.indexWords(text);
      keys.push(doc.key);
      texts.push(text);
      lengths.push(words.length);
      for (const w of words) {
        const m = counts.get(w) ?? new Map<number, number>();
        counts.set(w, m);
        m.set(id, (m.get(id) ?? 0) + 1);
      }
    });
    const postings = new Map<string, Postings>();
    for (const [term, m] of counts) postings.set(term, toPostings(m));
    return new KeywordIndex(keys, texts, Uint32Array.from(lengths), postings);
  }

  /** Number of indexed documents (units). */
  get size(): number {
    return this.keys.length;
  }

  /** True when the term is an indexed word (a jieba word or Latin token of some document), not just a substring. */
  hasWord(term: string): boolean {
    return this.postings.has(normalizeText(term));
  }

  /** Number of documents containing the term, as an indexed word or, failing that, as a literal substring. */
  df(term: string): number {
    return this.lookup(term).docs.length;
  }

  /** BM25 inverse document frequency (Lucene's non-negative form); 0 for a term that occurs nowhere. */
  idf(term: string): number {
    const df = this.df(term);
    return df === 0 ? 0 : bm25Idf(this.size, df);
  }

  /**
   * BM25 ranking over the query's term groups, each contribution multiplied by the group's weight. The members
   * of a group (the translations of one English phrase) are one synonym set whose term and document
   * frequencies are mixed in proportion to their weights (Darwish & Oard's probabilistic structured queries),
   * so a dictionary word with four candidate translations counts as one query word, not four.
   */
  search(query: readonly TermGroup[], k: number, filter?: (key: string) => boolean): KeywordHit[] {
    const n = this.size;
    if (n === 0 || k <= 0) return [];
    const groups: { weight: number; members: { p: Postings; w: number }[] }[] = [];
    for (const group of query) {
      const members = group.members.flatMap((m) => {
        const p = m.weight > 0 ? this.lookup(m.term) : EMPTY;
        return p.docs.length > 0 ? [{ p, w: m.weight }] : [];
      });
      // Only members the corpus has share the group's weight: an absent translation neither helps nor dilutes.
      if (members.length) groups.push({ weight: members.reduce((s, m) => s + m.w, 0), members });
    }
    const scores = new Float64Array(n);
    const tf = new Float64Array(n);
    const touched: number[] = [];
    for (const g of groups) {
      let df = 0;
      for (const m of g.members) {
        const share = m.w / g.weight;
        df += share * m.p.docs.length;
        for (let i = 0; i < m.p.docs.length; i++) {
          const d = m.p.docs[i];
          if (tf[d] === 0) touched.push(d);
          tf[d] += share * m.p.tfs[i];
        }
      }
      const idf = bm25Idf(n, df);
      for (const d of touched) {
        const norm = BM25_K1 * (1 - BM25_B + (BM25_B * this.lengths[d]) / this.avgdl);
        scores[d] += g.weight * idf * ((tf[d] * (BM25_K1 + 1)) / (tf[d] + norm));
        tf[d] = 0;
      }
      touched.length = 0;
    }
    const hits: KeywordHit[] = [];
    for (let d = 0; d < n; d++) {
      if (scores[d] > 0 && (!filter || filter(this.keys[d]))) hits.push({ key: this.keys[d], score: scores[d] });
    }
    hits.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
    return hits.slice(0, k);
  }

  toJSON(): KeywordIndexJSON {
    const postings: Record<string, number[]> = {};
    for (const [term, p] of this.postings) {
      const flat = new Array<number>(p.docs.length * 2);
      for (let i = 0; i < p.docs.length; i++) {
        flat[2 * i] = p.docs[i];
        flat[2 * i + 1] = p.tfs[i];
      }
      postings[term] = flat;
    }
    return { version: KEYWORD_INDEX_VERSION, keys: this.keys, texts: this.texts, lengths: [...this.lengths], postings };
  }

  /** Rebuilds an index from `toJSON()` output; throws a descriptive error on anything malformed. */
  static fromJSON(data: unknown): KeywordIndex {
    const fail = (why: string): never => {
      throw new Error(`Corrupt keyword index: ${why}`);
    };
    if (typeof data !== 'object' || data === null) fail('not an object');
    const d = data as Partial<KeywordIndexJSON>;
    if (d.version !== KEYWORD_INDEX_VERSION) fail(`version ${JSON.stringify(d.version)}, expected ${KEYWORD_INDEX_VERSION}`);
    const { keys, texts, lengths, postings } = d;
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) fail('keys must be an array of strings');
    const n = (keys as string[]).length;
    if (new Set(keys).size !== n) fail('duplicate keys');
    if (!Array.isArray(texts) || texts.length !== n || !texts.every((t) => typeof t === 'string')) {
      fail(`texts must be ${n} strings`);
    }
    if (!Array.isArray(lengths) || lengths.length !== n || !lengths.every(isCount)) {
      fail(`lengths must be ${n} non-negative integers`);
    }
    if (typeof postings !== 'object' || postings === null || Array.isArray(postings)) fail('postings must be an object');
    const map = new Map<string, Postings>();
    for (const [term, flat] of Object.entries(postings as Record<string, unknown>)) {
      if (!Array.isArray(flat) || flat.length === 0 || flat.length % 2 !== 0) fail(`postings of "${term}" are malformed`);
      const list = flat as unknown[];
      const docs = new Uint32Array(list.length / 2);
      const tfs = new Uint32Array(list.length / 2);
      for (let i = 0; i < docs.length; i++) {
        const doc = list[2 * i];
        const tf = list[2 * i + 1];
        if (!isCount(doc) || doc >= n || (i > 0 && doc <= docs[i - 1])) fail(`postings of "${term}" have a bad document id`);
        if (!isCount(tf) || tf === 0) fail(`postings of "${term}" have a bad term frequency`);
        docs[i] = doc as number;
        tfs[i] = tf as number;
      }
      map.set(term, { docs, tfs });
    }
    return new KeywordIndex(keys as string[], texts as string[], Uint32Array.from(lengths as number[]), map);
  }

  private lookup(term: string): Postings {
    const t = normalizeText(term).trim();
    if (!t) return EMPTY;
    return this.postings.get(t) ?? this.phrase(t);
  }

  /**
   * Documents containing `phrase` literally. Candidates must hold every CJK bigram and every Latin token of
   * the phrase (a phrase with neither, which cannot happen for tokenizable text, scans everything); the
   * stored text is then checked, so the answer is exact whatever jieba did to the surrounding text.
   */
  private phrase(phrase: string): Postings {
    const cached = this.phraseCache.get(phrase);
    if (cached) return cached;
    const lists: Uint32Array[] = cjkRuns(phrase)
      .flatMap(cjkBigrams)
      .map((g) => this.bigrams.get(g) ?? EMPTY.docs);
    for (const t of latinTokens(phrase)) lists.push(this.postings.get(t)?.docs ?? EMPTY.docs);
    let candidates: Uint32Array | null = null;
    for (const docs of lists) {
      candidates = candidates ? intersect(candidates, docs) : docs;
      if (candidates.length === 0) break;
    }
    const counts = new Map<number, number>();
    const scan = candidates ?? this.texts.map((_, d) => d);
    for (const d of scan) {
      const c = countOccurrences(this.texts[d], phrase);
      if (c > 0) counts.set(d, c);
    }
    if (counts.size === 0) return EMPTY;
    const result = toPostings(counts);
    if (this.phraseCache.size >= PHRASE_CACHE_LIMIT) this.phraseCache.clear();
    this.phraseCache.set(phrase, result);
    return result;
  }
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Bigram → ascending document ids; derived from the texts, so it is not stored. */
function buildBigrams(texts: readonly string[]): Map<string, Uint32Array> {
  const lists = new Map<string, number[]>();
  texts.forEach((text, id) => {
    for (const run of cjkRuns(text)) {
      for (const g of cjkBigrams(run)) {
        const l = lists.get(g) ?? [];
        lists.set(g, l);
        if (l[l.length - 1] !== id) l.push(id);
      }
    }
  });
  const out = new Map<string, Uint32Array>();
  for (const [g, l] of lists) out.set(g, Uint32Array.from(l));
  return out;
}
