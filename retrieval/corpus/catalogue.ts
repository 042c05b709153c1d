/**
 * The unit catalogue: every unit of the corpus by key and by number, the documents with their names, labels
 * in both languages, and the units a free text cites. Exact lookups that name nothing throw a LookupError
 * carrying what the front end needs to say so. A document's language versions share their numbers: a lookup
 * in a language gives that version's unit, or the document's first version's when it has none in that language.
 */

import { type ParagraphSpan, unitLabel, unitReference } from '../answer/labels.js';
import type { DocumentInfo, Subparagraph } from '../api.js';
import { LookupError, type LookupProblem } from '../errors.js';
import { type DocumentName, findCitations } from '../query/find-citations.js';
import type { Tokenizer } from '../query/tokenize.js';
import type { Citation, CitationVersion, DocumentMeta, Lang, Unit, UnitRef } from '../types.js';
import { citationKey, unitKey } from '../types.js';
import { type DocumentMatch, describeDocuments, documentNames } from './documents.js';
import { DEFAULT_CITATION_URL_PATTERN, documentUrl } from './links.js';
import type { Corpus } from './load-corpus.js';
import { DocumentResolver } from './resolver.js';
import { subparagraphs } from './subparagraphs.js';

export class UnitCatalogue {
  readonly units: readonly Unit[];
  readonly infos: readonly DocumentInfo[];
  private readonly byKey: Map<string, Unit>;
  /** Citation key → the unit in each language version, in the document's order of languages. */
  private readonly byCitation: Map<string, Unit[]>;
  private readonly metas: Map<string, DocumentMeta>;
  private readonly names: DocumentName[];
  /** Source → language → that version's units in document order. */
  private readonly bySource: Map<string, Map<Lang, Unit[]>>;

  /** `{lang}` and `{symbol}` in it make a document's link (CITATION_URL_PATTERN). */
  readonly urlPattern: string;

  private readonly resolver: DocumentResolver;

  constructor(corpus: Corpus, tokenizer: Tokenizer, opts: { urlPattern?: string } = {}) {
    this.urlPattern = opts.urlPattern ?? DEFAULT_CITATION_URL_PATTERN;
    this.units = corpus.documents.flatMap((d) => d.units);
    this.byKey = new Map(this.units.map((u) => [unitKey(u), u]));
    this.byCitation = new Map();
    for (const u of this.units) this.byCitation.set(citationKey(u), [...(this.byCitation.get(citationKey(u)) ?? []), u]);
    this.metas = new Map(corpus.documents.map((d) => [d.meta.source, d.meta]));
    this.infos = describeDocuments(corpus.documents, (meta, lang) => documentUrl(meta, lang, this.urlPattern));
    this.bySource = new Map(corpus.documents.map((d) => [d.meta.source, new Map(d.meta.languages.map((l) => [l, d.units.filter((u) => u.lang === l)]))]));
    this.resolver = new DocumentResolver([...this.metas.values()], tokenizer);
    this.names = corpus.documents.flatMap((d) => documentNames(d.meta).map((name) => ({ name, source: d.meta.source })));
  }

  get documentCount(): number {
    return this.metas.size;
  }

  /** A document's units in one language version (by default its first), in document order. */
  documentUnits(source: string, lang?: Lang): readonly Unit[] {
    const versions = this.bySource.get(source);
    return (lang !== undefined ? versions?.get(lang) : undefined) ?? versions?.values().next().value ?? [];
  }

  unit(key: string): Unit | undefined {
    return this.byKey.get(key);
  }

  /** The unit `ref` names in `lang`, or in the document's first version when `lang` is not given or it has none there. */
  version(ref: UnitRef, lang?: Lang): Unit | undefined {
    const found = this.byCitation.get(citationKey(ref));
    return found?.find((u) => u.lang === lang) ?? found?.[0];
  }

  /** The same unit in the document's other language versions. */
  otherVersions(unit: Unit): Unit[] {
    return (this.byCitation.get(citationKey(unit)) ?? []).filter((u) => u !== unit);
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

  paragraph(source: string, n: number, lang?: Lang): Unit {
    const meta = this.meta(source);
    const found = this.version({ source, kind: 'paragraph', paragraph: n, recommendation: null }, lang);
    if (found) return found;
    const { first, last } = this.info(source).paragraphs;
    throw new LookupError({ code: 'paragraph-out-of-range', document: meta, number: n, first, last });
  }

  /** `44(b)`: the item of paragraph `n`'s list with that letter; a letter the list lacks is a lookup error naming the letters it has. */
  subparagraph(source: string, n: number, letter: string, lang?: Lang): Subparagraph {
    const unit = this.paragraph(source, n, lang);
    const items = subparagraphs(unit.text);
    const item = items.find((i) => i.letter === letter);
    if (!item) throw new LookupError({ code: 'subparagraph-not-found', document: this.meta(source), number: n, letter, letters: items.map((i) => i.letter) });
    return { unit, letter, text: unit.text.slice(item.start, item.end), start: item.start, end: item.end };
  }

  /** Recommendations of one document or all, each document's in `lang` where it has that version. */
  recommendations(source?: string, lang?: Lang): Unit[] {
    const sources = source !== undefined ? [this.meta(source).source] : [...this.metas.keys()];
    return sources.flatMap((s) => this.documentUnits(s, lang).filter((u) => u.kind === 'recommendation'));
  }

  recommendation(n: number, source?: string, lang?: Lang): Unit {
    const all = this.recommendations(source, lang);
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

  summary(source: string, lang?: Lang): Unit {
    const found = this.version({ source, kind: 'summary', paragraph: null, recommendation: null }, lang);
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

  /**
   * The link of a quote of `unit` for an asker in `lang`: a document with declared language versions links the
   * version quoted, so the page says the words shown; one known in a single language links the asker's language,
   * as the UN publishes every document in all its languages.
   */
  quotedUrl(unit: Unit, lang: Lang): string | null {
    return this.url(unit.source, this.meta(unit.source).versioned ? unit.lang : lang);
  }

  citation(unit: Unit, lang: Lang): Citation {
    const versions: CitationVersion[] = this.otherVersions(unit).map((v) => ({ lang: v.lang, unitKey: unitKey(v), url: this.url(v.source, v.lang) }));
    return {
      unitKey: unitKey(unit),
      kind: unit.kind,
      lang: unit.lang,
      source: unit.source,
      paragraph: unit.paragraph,
      recommendation: unit.recommendation,
      label: this.label(unit, lang),
      url: this.quotedUrl(unit, lang),
      status: this.meta(unit.source).status,
      versions,
    };
  }

  /** Units cited in free text ("CTOC/COP/2018/2, para. 44", "建议 6", "¶44"), each once, in order of mention, in `lang` where they have that version. */
  findCitedUnits(text: string, opts: { source?: string; lang?: Lang } = {}): Unit[] {
    return this.citedReferences(text, opts).units;
  }

  /**
   * The units a free text cites (in `lang` where they have that version), and what it cites that does not exist
   * ("第999段" of a document with 74): each as the lookup problem an exact lookup would raise, with the valid range.
   */
  citedReferences(text: string, opts: { source?: string; lang?: Lang } = {}): { units: Unit[]; missing: LookupProblem[] } {
    const refs = findCitations(text, this.names, { defaultSource: opts.source, namedIn: (t) => this.namedIn(t)?.source ?? null });
    const missing: LookupProblem[] = [];
    const found = refs.flatMap((ref) => {
      const isRec = ref.recommendation !== undefined;
      const find = (source: string) =>
        isRec
          ? this.version({ source, kind: 'recommendation', paragraph: null, recommendation: ref.recommendation! }, opts.lang)
          : this.version({ source, kind: 'paragraph', paragraph: ref.paragraph ?? null, recommendation: null }, opts.lang);
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
