/**
 * The unit catalogue: every unit of the corpus by key and by number, the documents with their names, labels
 * in both languages, and the units a free text cites. Exact lookups that name nothing throw a LookupError
 * carrying what the front end needs to say so.
 */

import { type ParagraphSpan, unitLabel, unitReference } from '../answer/labels.js';
import type { DocumentInfo, Subparagraph } from '../api.js';
import { LookupError, type LookupProblem } from '../errors.js';
import { type DocumentName, findCitations } from '../query/find-citations.js';
import type { Tokenizer } from '../query/tokenize.js';
import type { Citation, DocumentMeta, Lang, Unit } from '../types.js';
import { unitKey } from '../types.js';
import { type DocumentMatch, describeDocuments, documentNames } from './documents.js';
import { DEFAULT_CITATION_URL_PATTERN, documentUrl } from './links.js';
import type { Corpus } from './load-corpus.js';
import { DocumentResolver } from './resolver.js';
import { subparagraphs } from './subparagraphs.js';

export class UnitCatalogue {
  readonly units: readonly Unit[];
  readonly infos: readonly DocumentInfo[];
  private readonly byKey: Map<string, Unit>;
  private readonly metas: Map<string, DocumentMeta>;
  private readonly names: DocumentName[];
  private readonly bySource: Map<string, Unit[]>;

  /** `{lang}` and `{symbol}` in it make a document's link (CITATION_URL_PATTERN). */
  readonly urlPattern: string;

  private readonly resolver: DocumentResolver;

  constructor(corpus: Corpus, tokenizer: Tokenizer, opts: { urlPattern?: string } = {}) {
    this.urlPattern = opts.urlPattern ?? DEFAULT_CITATION_URL_PATTERN;
    this.units = corpus.documents.flatMap((d) => d.units);
    this.byKey = new Map(this.units.map((u) => [unitKey(u), u]));
    this.metas = new Map(corpus.documents.map((d) => [d.meta.source, d.meta]));
    this.infos = describeDocuments(corpus.documents, (meta, lang) => documentUrl(meta, lang, this.urlPattern));
    this.bySource = new Map(corpus.documents.map((d) => [d.meta.source, d.units]));
    this.resolver = new DocumentResolver([...this.metas.values()], tokenizer);
    this.names = corpus.documents.flatMap((d) => documentNames(d.meta).map((name) => ({ name, source: d.meta.source })));
  }

  get documentCount(): number {
    return this.metas.size;
  }

  documentUnits(source: string): readonly Unit[] {
    return this.bySource.get(source) ?? [];
  }

  unit(key: string): Unit | undefined {
    return this.byKey.get(key);
  }

  /** The document's metadata; an unknown id is a lookup error listing the documents. */
  meta(source: string): DocumentMeta {
    const meta = this.metas.get(source);
    if (!meta) throw new LookupError({ code: 'unknown-document', ref: source, candidates: [...this.metas.values()] });
    return meta;
  }

  hasDocument(source: string): boolean {
    return this.metas.has(source);
  }

  info(source: string): DocumentInfo {
    const meta = this.meta(source);
    return this.infos.find((i) => i.meta === meta)!;
  }

  match(ref: string): DocumentMatch {
    return this.resolver.resolve(ref);
  }

  /** The one document a stretch of free text names by its words ("the smuggling report"), if any. */
  namedIn(text: string): DocumentMeta | null {
    return this.resolver.byWords(text).meta;
  }

  /** The one document `ref` names; unknown or ambiguous references are lookup errors with the candidates. */
  document(ref: string): DocumentMeta {
    const found = this.match(ref);
    if (found.meta) return found.meta;
    const candidates = found.candidates.length ? found.candidates : [...this.metas.values()];
    throw new LookupError({ code: found.candidates.length > 1 ? 'ambiguous-document' : 'unknown-document', ref, candidates });
  }

  paragraph(source: string, n: number): Unit {
    const meta = this.meta(source);
    const found = this.byKey.get(unitKey({ source, kind: 'paragraph', paragraph: n, recommendation: null }));
    if (found) return found;
    const { first, last } = this.info(source).paragraphs;
    throw new LookupError({ code: 'paragraph-out-of-range', document: meta, number: n, first, last });
  }

  /** `44(b)`: the item of paragraph `n`'s list with that letter; a letter the list lacks is a lookup error naming the letters it has. */
  subparagraph(source: string, n: number, letter: string): Subparagraph {
    const unit = this.paragraph(source, n);
    const items = subparagraphs(unit.text);
    const item = items.find((i) => i.letter === letter);
    if (!item) throw new LookupError({ code: 'subparagraph-not-found', document: this.meta(source), number: n, letter, letters: items.map((i) => i.letter) });
    return { unit, letter, text: unit.text.slice(item.start, item.end), start: item.start, end: item.end };
  }

  recommendations(source?: string): Unit[] {
    if (source !== undefined) this.meta(source);
    return this.units.filter((u) => u.kind === 'recommendation' && (source === undefined || u.source === source));
  }

  recommendation(n: number, source?: string): Unit {
    const all = this.recommendations(source);
    const matches = all.filter((u) => u.recommendation === n);
    if (matches.length === 1) return matches[0]!;
    const document = source === undefined ? null : this.meta(source);
    if (all.length === 0) throw new LookupError({ code: 'no-recommendations', document });
    if (matches.length > 1) {
      throw new LookupError({ code: 'recommendation-ambiguous', number: n, candidates: matches.map((u) => this.meta(u.source)) });
    }
    const numbers = all.map((u) => u.recommendation!);
    throw new LookupError({ code: 'recommendation-not-found', document, number: n, first: Math.min(...numbers), last: Math.max(...numbers) });
  }

  summary(source: string): Unit {
    const found = this.byKey.get(unitKey({ source, kind: 'summary', paragraph: null, recommendation: null }));
    if (!found) throw new LookupError({ code: 'no-summary', document: this.meta(source) });
    return found;
  }

  label(unit: Unit, lang: Lang): string {
    return unitLabel(this.meta(unit.source), unit, lang);
  }

  /** The reference in the form pasted into a text or footnote (`CTOC/COP/2018/2，第44(b)段`). */
  reference(unit: Unit, lang: Lang, span?: ParagraphSpan): string {
    return unitReference(this.meta(unit.source), unit, lang, span);
  }

  /** The document's official text in `lang`, or null when it has no symbol. */
  url(source: string, lang: Lang): string | null {
    return documentUrl(this.meta(source), lang, this.urlPattern);
  }

  citation(unit: Unit, lang: Lang): Citation {
    return {
      unitKey: unitKey(unit),
      kind: unit.kind,
      source: unit.source,
      paragraph: unit.paragraph,
      recommendation: unit.recommendation,
      label: this.label(unit, lang),
      url: this.url(unit.source, lang),
      status: this.meta(unit.source).status,
    };
  }

  /** Units cited in free text ("CTOC/COP/2018/2, para. 44", "建议 6", "¶44"), each once, in order of mention. */
  findCitedUnits(text: string, opts: { source?: string } = {}): Unit[] {
    return this.citedReferences(text, opts).units;
  }

  /**
   * The units a free text cites, and what it cites that does not exist ("第999段" of a document with 74): each
   * as the lookup problem an exact lookup would raise, with the valid range.
   */
  citedReferences(text: string, opts: { source?: string } = {}): { units: Unit[]; missing: LookupProblem[] } {
    const refs = findCitations(text, this.names, { defaultSource: opts.source, namedIn: (t) => this.namedIn(t)?.source ?? null });
    const missing: LookupProblem[] = [];
    const found = refs.flatMap((ref) => {
      const isRec = ref.recommendation !== undefined;
      const find = (source: string) =>
        isRec
          ? this.units.find((u) => u.source === source && u.kind === 'recommendation' && u.recommendation === ref.recommendation)
          : this.byKey.get(unitKey({ source, kind: 'paragraph', paragraph: ref.paragraph ?? null, recommendation: null }));
      // "建议 6" after naming a report without recommendations still means the one document that has them.
      const hasOwn = ref.source !== null && (!isRec || this.recommendations(ref.source).length > 0);
      const candidates = hasOwn ? [ref.source!] : [...this.metas.keys()];
      const hits = candidates.map(find).filter((u): u is Unit => u !== undefined);
      // Missing from the one document it can mean: the exact lookup says what is there instead.
      const meant = isRec ? candidates.filter((c) => this.recommendations(c).length > 0) : candidates;
      if (hits.length === 0 && meant.length === 1) {
        const problem = lookupProblem(() => (isRec ? this.recommendation(ref.recommendation!, meant[0]) : this.paragraph(meant[0]!, ref.paragraph!)));
        if (problem) missing.push(problem);
      }
      // A bare "¶44" with several documents in play is ambiguous: quoting a guess would misattribute.
      return hits.length === 1 ? hits : [];
    });
    // "¶44" and "CTOC/COP/2018/2, para. 44" in one message are one paragraph.
    return { units: [...new Map(found.map((u) => [unitKey(u), u])).values()], missing };
  }
}

/** What an exact lookup would say is wrong, or null when it finds its unit. */
function lookupProblem(lookup: () => Unit): LookupProblem | null {
  try {
    lookup();
    return null;
  } catch (err) {
    if (err instanceof LookupError) return err.problem;
    throw err;
  }
}
