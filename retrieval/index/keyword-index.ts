import { englishStems } from '../query/english-stems.js';
import { cjkBigrams, cjkRuns, latinTokens, normalizeText, type Tokenizer } from '../query/tokenize.js';
import { type Lang, parseUnitKey, type TermGroup } from '../types.js';
import { type DecodedSections, decodeSections, encodeSections } from './binary-sections.js';
import { EMPTY_POSTINGS, type Postings, PostingsTable } from './postings-table.js';
import { TopK } from './top-k.js';

/** Bump when tokenization or the stored format changes: the manifest then forces a rebuild. */
export const KEYWORD_INDEX_VERSION = 'jieba-search+phrase-bm25/3-binary+en-porter2';

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
  /** English text is indexed by its Porter2 stems; Chinese (the default) by jieba's words and character bigrams. */
  lang?: Lang;
}

export interface KeywordHit {
  key: string;
  score: number;
}

/** The header kind of a keyword index file (see binary-sections.ts). */
const FILE_KIND = 'keyword-index';

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

/** Word and bigram postings of documents numbered from `firstId`. */
function tokenizeDocs(docs: readonly KeywordDoc[], tokenizer: Tokenizer, firstId: number) {
  const counts = new Map<string, Map<number, number>>();
  const grams = new Map<string, Map<number, number>>();
  const keys: string[] = [];
  const texts: string[] = [];
  const lengths: number[] = [];
  docs.forEach((doc, i) => {
    const id = firstId + i;
    const text = normalizeText(doc.text);
    const words = doc.lang === 'en' ? englishStems(text) : tokenizer.indexWords(text);
    keys.push(doc.key);
    texts.push(text);
    lengths.push(words.length);
    for (const w of words) {
      const m = counts.get(w) ?? new Map<number, number>();
      counts.set(w, m);
      m.set(id, (m.get(id) ?? 0) + 1);
    }
    for (const run of cjkRuns(text)) {
      for (const g of cjkBigrams(run)) {
        const m = grams.get(g) ?? new Map<number, number>();
        grams.set(g, m);
        m.set(id, 1);
      }
    }
  });
  return { keys, texts, lengths, postings: PostingsTable.fromCounts(counts, true), bigrams: PostingsTable.fromCounts(grams, false) };
}

function onlyDocs(p: Postings, keep: (d: number) => boolean): Postings {
  const at: number[] = [];
  for (let i = 0; i < p.docs.length; i++) if (keep(p.docs[i]!)) at.push(i);
  if (at.length === p.docs.length) return p;
  return { docs: Uint32Array.from(at, (i) => p.docs[i]!), tfs: Uint32Array.from(at, (i) => p.tfs[i] ?? 0) };
}

/**
 * Inverted index with BM25 over jieba words, plus phrase matching: a query term that is not an indexed
 * word (a glossary term such as 全球移民问题小组, a name jieba cuts differently in context) is looked up as
 * a literal substring, found through character-bigram postings and verified against the stored text.
 * English units (language versions) are in the same index by their stems; `forLang` gives the index as one
 * language's reading sees it, its statistics and ranking over that language's units only.
 */
export class KeywordIndex {
  private readonly phraseCache = new Map<string, Postings>();
  private readonly avgdl: number;
  /** Documents counted, in this index's scope. */
  private readonly count: number;
  private readonly scopes = new Map<Lang, KeywordIndex>();

  private constructor(
    private readonly keys: readonly string[],
    private readonly texts: readonly string[],
    private readonly lengths: Uint32Array,
    private readonly postings: PostingsTable,
    /** CJK bigram → documents containing it: candidates for phrase matching. */
    private readonly bigrams: PostingsTable,
    /** When the index is one language's view: which documents are in that language. */
    private readonly inScope: Uint8Array | null = null,
  ) {
    let total = 0;
    let count = 0;
    lengths.forEach((l, d) => {
      if (inScope && !inScope[d]) return;
      total += l;
      count++;
    });
    this.count = count;
    this.avgdl = count ? Math.max(1, total / count) : 1;
  }

  /**
   * The index as the reading of one language sees it: sizes, document frequencies and BM25 over that language's
   * units, so English stems never count as Chinese corpus words nor Chinese units as English ones. A corpus in one
   * language is its own view.
   */
  forLang(lang: Lang): KeywordIndex {
    const known = this.scopes.get(lang);
    if (known) return known;
    const mask = Uint8Array.from(this.keys, (k) => (parseUnitKey(k).lang === lang ? 1 : 0));
    const view = mask.every((m) => m === 1) ? this : new KeywordIndex(this.keys, this.texts, this.lengths, this.postings, this.bigrams, mask);
    this.scopes.set(lang, view);
    return view;
  }

  static build(docs: readonly KeywordDoc[], tokenizer: Tokenizer): KeywordIndex {
    const seen = new Set<string>();
    for (const doc of docs) {
      if (seen.has(doc.key)) throw new Error(`Duplicate keyword-index key: ${doc.key}`);
      seen.add(doc.key);
    }
    const t = tokenizeDocs(docs, tokenizer, 0);
    return new KeywordIndex(t.keys, t.texts, Uint32Array.from(t.lengths), t.postings, t.bigrams);
  }

  /**
   * This index without the units `remove` selects and with `add` appended: only the added units are
   * tokenised, the rest of the postings are renumbered in place. Document order does not matter to search.
   */
  withChanges(remove: (key: string) => boolean, add: readonly KeywordDoc[], tokenizer: Tokenizer): KeywordIndex {
    const remap = new Int32Array(this.keys.length);
    const keys: string[] = [];
    const texts: string[] = [];
    const lengths: number[] = [];
    this.keys.forEach((key, id) => {
      if (remove(key)) {
        remap[id] = -1;
        return;
      }
      remap[id] = keys.length;
      keys.push(key);
      texts.push(this.texts[id]!);
      lengths.push(this.lengths[id]!);
    });
    const present = new Set(keys);
    for (const doc of add) {
      if (present.has(doc.key)) throw new Error(`Duplicate keyword-index key: ${doc.key}`);
      present.add(doc.key);
    }
    const t = tokenizeDocs(add, tokenizer, keys.length);
    return new KeywordIndex(
      [...keys, ...t.keys],
      [...texts, ...t.texts],
      Uint32Array.from([...lengths, ...t.lengths]),
      this.postings.merge(remap, t.postings),
      this.bigrams.merge(remap, t.bigrams),
    );
  }

  /** Number of indexed documents (units), in this index's scope. */
  get size(): number {
    return this.count;
  }

  /** The unit keys, in index order (to check them against the corpus). */
  unitKeys(): readonly string[] {
    return this.keys;
  }

  /** True when the term is an indexed word (a jieba word or Latin token of some document), not just a substring. */
  hasWord(term: string): boolean {
    const t = normalizeText(term);
    const p = this.postings.get(t);
    return p !== null && this.scoped(t, p).docs.length > 0;
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
   * so a dictionary word with four candidate translations counts as one query word, not four. Only the units
   * a query term touches are scored, and the best k are selected with a heap, not by sorting every hit.
   */
  search(query: readonly TermGroup[], k: number, filter?: (key: string) => boolean): KeywordHit[] {
    const n = this.size;
    if (n === 0 || k <= 0) return [];
    // Out of scope documents get no score: `lookup` only gives postings in scope (ids still span every document).
    const groups: { weight: number; members: { p: Postings; w: number }[] }[] = [];
    for (const group of query) {
      const members = group.members.flatMap((m) => {
        const p = m.weight > 0 ? this.lookup(m.term) : EMPTY_POSTINGS;
        return p.docs.length > 0 ? [{ p, w: m.weight }] : [];
      });
      // Only members the corpus has share the group's weight: an absent translation neither helps nor dilutes.
      if (members.length) groups.push({ weight: members.reduce((s, m) => s + m.w, 0), members });
    }
    const scores = new Float64Array(this.keys.length);
    const tf = new Float64Array(this.keys.length);
    const scored: number[] = [];
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
        if (scores[d] === 0) scored.push(d);
        scores[d] += g.weight * idf * ((tf[d] * (BM25_K1 + 1)) / (tf[d] + norm));
        tf[d] = 0;
      }
      touched.length = 0;
    }
    const best = new TopK<number>(k, (a, b) => scores[a] - scores[b] || (this.keys[a]! < this.keys[b]! ? 1 : -1));
    for (const d of scored) {
      if (scores[d] > 0 && (!filter || filter(this.keys[d]!))) best.offer(d);
    }
    return best.sorted().map((d) => ({ key: this.keys[d]!, score: scores[d]! }));
  }

  /** The binary index file: section views load without parsing (see binary-sections.ts). */
  toBinary(): Buffer {
    return encodeSections(
      { kind: FILE_KIND, version: KEYWORD_INDEX_VERSION, units: this.size },
      {
        keys: this.keys,
        texts: this.texts,
        lengths: this.lengths,
        terms: this.postings.terms,
        termOffsets: this.postings.offsets,
        docs: this.postings.docs,
        tfs: this.postings.tfs!,
        bigrams: this.bigrams.terms,
        bigramOffsets: this.bigrams.offsets,
        bigramDocs: this.bigrams.docs,
      },
    );
  }

  /** Rebuilds an index from `toBinary()` output; throws a descriptive error on anything malformed. */
  static fromBinary(file: Buffer): KeywordIndex {
    const fail = (why: string): never => {
      throw new Error(`Corrupt keyword index: ${why}`);
    };
    let d: DecodedSections;
    try {
      d = decodeSections(file);
    } catch (err) {
      return fail((err as Error).message);
    }
    if (d.header.kind !== FILE_KIND) fail('not a keyword index');
    if (d.header.version !== KEYWORD_INDEX_VERSION) fail(`version ${JSON.stringify(d.header.version)}, expected ${KEYWORD_INDEX_VERSION}`);
    const read = <T>(f: () => T): T => {
      try {
        return f();
      } catch (err) {
        return fail((err as Error).message);
      }
    };
    const keys = read(() => d.strings('keys'));
    const n = keys.length;
    if (d.header.units !== n) fail(`holds ${n} keys, its header says ${String(d.header.units)}`);
    if (new Set(keys).size !== n) fail('duplicate keys');
    const texts = read(() => d.strings('texts'));
    if (texts.length !== n) fail(`texts must be ${n} strings`);
    const lengths = read(() => d.u32('lengths'));
    if (lengths.length !== n) fail(`lengths must be ${n} counts`);
    const postings = read(() => new PostingsTable(d.strings('terms'), d.u32('termOffsets'), d.u32('docs'), d.u32('tfs')));
    const bigrams = read(() => new PostingsTable(d.strings('bigrams'), d.u32('bigramOffsets'), d.u32('bigramDocs'), null));
    postings.check(n, fail);
    bigrams.check(n, fail);
    return new KeywordIndex(keys, texts, lengths, postings, bigrams);
  }

  private lookup(term: string): Postings {
    const t = normalizeText(term).trim();
    if (!t) return EMPTY_POSTINGS;
    const word = this.postings.get(t);
    return word ? this.scoped(t, word) : this.phrase(t);
  }

  /** A word's postings in scope; cached with the phrases (a string is a word or a phrase of the index, never both). */
  private scoped(term: string, p: Postings): Postings {
    const mask = this.inScope;
    if (!mask) return p;
    const cached = this.phraseCache.get(term);
    if (cached) return cached;
    const kept = onlyDocs(p, (d) => mask[d] === 1);
    this.remember(term, kept);
    return kept;
  }

  private remember(key: string, p: Postings): void {
    if (this.phraseCache.size >= PHRASE_CACHE_LIMIT) this.phraseCache.clear();
    this.phraseCache.set(key, p);
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
      .map((g) => this.bigrams.get(g)?.docs ?? EMPTY_POSTINGS.docs);
    for (const t of latinTokens(phrase)) lists.push(this.postings.get(t)?.docs ?? EMPTY_POSTINGS.docs);
    let candidates: Uint32Array | null = null;
    for (const docs of lists) {
      candidates = candidates ? intersect(candidates, docs) : docs;
      if (candidates.length === 0) break;
    }
    const counts = new Map<number, number>();
    const scan = candidates ?? this.texts.map((_, d) => d);
    for (const d of scan) {
      if (this.inScope && !this.inScope[d]) continue;
      const c = countOccurrences(this.texts[d]!, phrase);
      if (c > 0) counts.set(d, c);
    }
    if (counts.size === 0) return EMPTY_POSTINGS;
    const result = toPostings(counts);
    this.remember(phrase, result);
    return result;
  }
}

function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
