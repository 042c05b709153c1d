/**
 * A term → postings table in flat typed arrays (compressed sparse rows): one string of all terms, their
 * offsets, and for each term a slice of document ids (ascending) and term frequencies. Flat arrays load as
 * views of the file's bytes, without parsing one huge JSON document, and merge without per-posting objects.
 */

export interface Postings {
  docs: Uint32Array;
  tfs: Uint32Array;
}

export const EMPTY_POSTINGS: Postings = { docs: new Uint32Array(0), tfs: new Uint32Array(0) };

export class PostingsTable {
  private readonly index: Map<string, number>;

  constructor(
    readonly terms: readonly string[],
    /** offsets[t]..offsets[t+1] are term t's entries. */
    readonly offsets: Uint32Array,
    readonly docs: Uint32Array,
    /** Null for tables that only record presence (bigrams). */
    readonly tfs: Uint32Array | null,
  ) {
    this.index = new Map(terms.map((t, i) => [t, i]));
  }

  get size(): number {
    return this.terms.length;
  }

  has(term: string): boolean {
    return this.index.has(term);
  }

  get(term: string): Postings | null {
    const t = this.index.get(term);
    if (t === undefined) return null;
    const from = this.offsets[t]!;
    const to = this.offsets[t + 1]!;
    return { docs: this.docs.subarray(from, to), tfs: this.tfs ? this.tfs.subarray(from, to) : EMPTY_POSTINGS.tfs };
  }

  /** From per-term counts (doc id → term frequency); ids ascending within each term. */
  static fromCounts(counts: Map<string, Map<number, number>>, withTfs: boolean): PostingsTable {
    const terms = [...counts.keys()];
    const offsets = new Uint32Array(terms.length + 1);
    let total = 0;
    terms.forEach((t, i) => {
      offsets[i] = total;
      total += counts.get(t)!.size;
    });
    offsets[terms.length] = total;
    const docs = new Uint32Array(total);
    const tfs = withTfs ? new Uint32Array(total) : null;
    terms.forEach((t, i) => {
      const ids = [...counts.get(t)!.keys()].sort((a, b) => a - b);
      let at = offsets[i]!;
      for (const id of ids) {
        docs[at] = id;
        if (tfs) tfs[at] = counts.get(t)!.get(id)!;
        at++;
      }
    });
    return new PostingsTable(terms, offsets, docs, tfs);
  }

  /**
   * The table with documents renumbered by `remap` (-1 drops a document) and the postings of `added` appended;
   * ids in `added` are already new ids, all above the remapped ones, so each term stays ascending.
   */
  merge(remap: Int32Array, added: PostingsTable): PostingsTable {
    const terms: string[] = [...this.terms];
    for (const t of added.terms) if (!this.index.has(t)) terms.push(t);
    const kept = (t: number) => {
      let n = 0;
      for (let i = this.offsets[t]!; i < this.offsets[t + 1]!; i++) if (remap[this.docs[i]!]! >= 0) n++;
      return n;
    };
    const counts = terms.map((term, t) => (t < this.terms.length ? kept(t) : 0) + (added.get(term)?.docs.length ?? 0));
    const offsets = new Uint32Array(terms.length + 1);
    let total = 0;
    counts.forEach((c, i) => {
      offsets[i] = total;
      total += c;
    });
    offsets[terms.length] = total;
    const docs = new Uint32Array(total);
    const tfs = this.tfs ? new Uint32Array(total) : null;
    const outTerms: string[] = [];
    const outOffsets: number[] = [];
    let at = 0;
    terms.forEach((term, t) => {
      const start = at;
      if (t < this.terms.length) {
        for (let i = this.offsets[t]!; i < this.offsets[t + 1]!; i++) {
          const id = remap[this.docs[i]!]!;
          if (id < 0) continue;
          docs[at] = id;
          if (tfs) tfs[at] = this.tfs![i]!;
          at++;
        }
      }
      const extra = added.get(term);
      if (extra) {
        docs.set(extra.docs, at);
        if (tfs) tfs.set(extra.tfs, at);
        at += extra.docs.length;
      }
      // A term whose documents were all removed goes.
      if (at > start) {
        outTerms.push(term);
        outOffsets.push(start);
      }
    });
    outOffsets.push(at);
    return new PostingsTable(outTerms, Uint32Array.from(outOffsets), docs.subarray(0, at), tfs ? tfs.subarray(0, at) : null);
  }

  /** Throws unless every slice holds ascending ids below `n` and positive frequencies. */
  check(n: number, fail: (why: string) => never): void {
    if (this.offsets.length !== this.terms.length + 1 || this.offsets[0] !== 0 || this.offsets[this.terms.length] !== this.docs.length)
      fail('postings offsets are inconsistent');
    if (this.tfs && this.tfs.length !== this.docs.length) fail('postings frequencies are inconsistent');
    if (this.index.size !== this.terms.length) fail('duplicate terms');
    for (let t = 0; t < this.terms.length; t++) {
      const from = this.offsets[t]!;
      const to = this.offsets[t + 1]!;
      if (to <= from) fail(`postings of "${this.terms[t]}" are empty or out of order`);
      for (let i = from; i < to; i++) {
        if (this.docs[i]! >= n || (i > from && this.docs[i]! <= this.docs[i - 1]!)) fail(`postings of "${this.terms[t]}" have a bad document id`);
        if (this.tfs && this.tfs[i] === 0) fail(`postings of "${this.terms[t]}" have a bad term frequency`);
      }
    }
  }
}
