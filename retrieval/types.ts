/**
 * Domain types shared by the parser, the indexes, the answerer and every front end.
 * A Unit is created once by the parser and flows unchanged to citations: nothing
 * downstream rewrites its text, so a quote checked against `text` is a quote of the document.
 */

export type UnitKind = 'paragraph' | 'recommendation' | 'summary';

export interface Unit {
  /** Seed file stem, e.g. `000_8c987accfb8d7853`: the document's stable id. */
  source: string;
  kind: UnitKind;
  /** The document's own paragraph number; for a recommendation, the paragraph that holds it; null for a summary. */
  paragraph: number | null;
  /** `建议 N` number for recommendations, else null. */
  recommendation: number | null;
  /** Headings above the unit, outermost first (e.g. ["二. 建议", "A. 一般性建议"]). */
  section: string[];
  /** Clean text: page furniture, footnotes and markup removed; CJK wraps joined without spaces. */
  text: string;
}

/** Stable key of a unit inside the corpus, used by indexes to refer to units. */
export function unitKey(u: Pick<Unit, 'source' | 'kind' | 'paragraph' | 'recommendation'>): string {
  if (u.kind === 'recommendation') return `${u.source}#r${u.recommendation}`;
  if (u.kind === 'summary') return `${u.source}#summary`;
  return `${u.source}#p${u.paragraph}`;
}

export type Lang = 'zh' | 'en';

export interface DocumentMeta {
  source: string;
  /** Official UN symbol where known (e.g. CTOC/COP/2018/2), else null. */
  symbol: string | null;
  /** Short display names used in labels when there is no symbol. */
  shortTitle: { zh: string; en: string };
  title: { zh: string; en: string };
  body: string | null;
  session: string | null;
  date: string | null;
}

export interface SourceDocument {
  meta: DocumentMeta;
  units: Unit[];
}

export interface ScoredUnit {
  unit: Unit;
  /** Fused score, higher is better; comparable only within one result list. */
  score: number;
  /** 1-based rank in each retriever that returned the unit, if any. */
  ranks?: { keyword?: number; dense?: number };
}

export interface Citation {
  source: string;
  paragraph: number | null;
  recommendation: number | null;
  /** Human label in the answer's language, e.g. `CTOC/COP/2018/2 第44段` or `CTOC/COP/2018/2, para. 44`. */
  label: string;
  /** Verbatim substring of the cited unit's text. */
  quote: string;
  score: number;
}

export interface Answer {
  answer: string;
  abstained: boolean;
  /** 0..1, how sure the system is that the citations answer the question. */
  confidence: number;
  lang: Lang;
  citations: Citation[];
  /** When abstaining: nearest units offered as "possibly related". */
  related: Citation[];
  /** Free-form notes for the user (e.g. "LLM unavailable, extractive answer shown"). */
  notes: string[];
}

export interface Turn {
  question: string;
  answer?: Answer;
}

/** A query turned into weighted index terms (Chinese words), whatever language it was asked in. */
export interface QueryTerm {
  term: string;
  /** Relative importance; combines the term's corpus informativeness and its source (glossary > dictionary). */
  weight: number;
  /** Where the term came from: the Chinese text itself, the curated glossary, or the dictionary. */
  origin: 'text' | 'glossary' | 'dictionary';
  /** The English phrase it translates, for bridged terms. */
  from?: string;
}

export interface QueryAnalysis {
  lang: Lang;
  terms: QueryTerm[];
}
