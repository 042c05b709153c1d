/**
 * Domain types shared by the parser, the indexes, the answerer and every front end.
 * A Unit is created once by the parser and flows unchanged to citations: nothing
 * downstream rewrites its text, so a quote checked against `text` is a quote of the document.
 */
import type { LookupProblem } from './errors.js';

export type UnitKind = 'paragraph' | 'recommendation' | 'summary';

export type Lang = 'zh' | 'en';

export interface Unit {
  /** Seed file stem, e.g. `000_8c987accfb8d7853`: the document's stable id, shared by all its language versions. */
  source: string;
  kind: UnitKind;
  /** The language of `text`: each language version of a document has its own units, numbered alike. */
  lang: Lang;
  /** The document's own paragraph number; for a recommendation, the paragraph that holds it; null for a summary. */
  paragraph: number | null;
  /** `建议 N` number for recommendations, else null. */
  recommendation: number | null;
  /** Headings above the unit, outermost first (e.g. ["二. 建议", "A. 一般性建议"]). */
  section: string[];
  /** Clean text: page furniture, footnotes and markup removed; CJK wraps joined without spaces. */
  text: string;
}

/** What names a unit in every language: its document and its number. */
export type UnitRef = Pick<Unit, 'source' | 'kind' | 'paragraph' | 'recommendation'>;

/**
 * The citation a unit is, whatever its language: `000_8c98…#p44` is para. 44 of that document in Chinese and in
 * English alike, so the language versions of one paragraph share it.
 */
export function citationKey(u: UnitRef): string {
  if (u.kind === 'recommendation') return `${u.source}#r${u.recommendation}`;
  if (u.kind === 'summary') return `${u.source}#summary`;
  return `${u.source}#p${u.paragraph}`;
}

/**
 * Keys name Chinese units by their citation alone: they were stored that way (indexes, feedback, button ids)
 * before documents had other language versions, whose units add their language (`…#p44@en`).
 */
const UNSUFFIXED_LANG: Lang = 'zh';

/** Stable key of a unit inside the corpus, used by indexes to refer to units; distinct per language version. */
export function unitKey(u: UnitRef & { lang?: Lang }): string {
  const lang = u.lang ?? UNSUFFIXED_LANG;
  return lang === UNSUFFIXED_LANG ? citationKey(u) : `${citationKey(u)}@${lang}`;
}

/** The citation key and language a unit key names (`…#p44@en` → `…#p44`, en). */
export function parseUnitKey(key: string): { citation: string; lang: Lang } {
  const at = key.lastIndexOf('@');
  const lang = at > key.lastIndexOf('#') ? key.slice(at + 1) : '';
  return lang === 'en' || lang === 'zh' ? { citation: key.slice(0, at), lang } : { citation: key, lang: UNSUFFIXED_LANG };
}

/** A draft carries `L.` in its symbol or says so in its title block (报告草稿, "Draft report"). */
export type DocumentStatus = 'draft' | 'final';

export interface DocumentMeta {
  source: string;
  /** Official UN symbol where known (e.g. CTOC/COP/2018/2), else null. */
  symbol: string | null;
  /** Where the symbol was confirmed: a URL, or "document text: line N …"; null when there is no symbol. Default null. */
  symbolSource: string | null;
  /** Default: derived from the symbol and titles (`documentStatus`). */
  status: DocumentStatus;
  /** The agenda item the document was issued under, as the UN writes it (`2 (b)`); default null. */
  agendaItem: string | null;
  /** Other names users give the document ("the smuggling report", "偷运移民报告"); optional, default []. */
  aliases?: string[];
  /** Short display names used in labels when there is no symbol. */
  shortTitle: { zh: string; en: string };
  title: { zh: string; en: string };
  body: string | null;
  session: string | null;
  date: string | null;
  /**
   * The language versions the document loaded in, the first being the one lookups fall back to. A document
   * without `versions` in its metadata has one, the language of its text.
   */
  languages: Lang[];
  /** Whether the metadata declares the versions (`versions: { zh: …, en: … }`): links then follow the quoted version. */
  versioned: boolean;
}

export interface SourceDocument {
  meta: DocumentMeta;
  /** The units of every language version, each version in document order. */
  units: Unit[];
}

export interface ScoredUnit {
  unit: Unit;
  /** Fused score, higher is better; comparable only within one result list. */
  score: number;
  /** 1-based rank in each retriever that returned the unit, if any. */
  ranks?: { keyword?: number; english?: number; dense?: number };
}

/** The cited paragraph in another language version of its document. */
export interface CitationVersion {
  lang: Lang;
  unitKey: string;
  /** That version's official text, or null without a symbol. */
  url: string | null;
}

/** A reference to one unit, labelled in the answer's language. */
export interface Citation {
  /** `unitKey` of the cited unit. */
  unitKey: string;
  kind: UnitKind;
  /** The language of the cited unit's text (the quote's), which may differ from the label's. */
  lang: Lang;
  source: string;
  paragraph: number | null;
  recommendation: number | null;
  /** Human label in the answer's language, e.g. `CTOC/COP/2018/2 第44段` or `CTOC/COP/2018/2, para. 44`. */
  label: string;
  /**
   * The official text (`https://undocs.org/en/CTOC/COP/2018/2`): in the quoted version's language when the
   * document declares language versions, else in the answer's; null without a symbol.
   */
  url: string | null;
  /** The cited document's status, so every front end can mark drafts. */
  status: DocumentStatus;
  /** The same paragraph in the document's other language versions, offered beside the quoted one. */
  versions: CitationVersion[];
}

/**
 * One quotation of an answer: a verbatim substring of every unit it cites (parallel paragraphs of two
 * reports that say the same words share one passage).
 */
export interface Passage {
  quote: string;
  citations: Citation[];
  /** `answer`: holds what was asked; `context`: shown beside it (the nearest units of a not-found answer). */
  role: 'answer' | 'context';
  /** Retrieval score of the best cited unit; comparable only within one answer. */
  score: number;
  /** LLM mode only: the model's own sentence that the quote supports. */
  claim?: string;
  /**
   * Key terms of the quote in English (names, bodies, programmes, people, numbers, dates), set by the engine on
   * every answer it returns; front ends show them under English answers. Never a translation of the quote.
   */
  glosses?: Gloss[];
}

/** One key term of a quote: the Chinese as the quote writes it (spaces beside Chinese characters dropped) and its English. */
export interface Gloss {
  zh: string;
  en: string;
}

export type AnswerOutcome = 'answered' | 'partial' | 'not-found';

/** What the engine has to say beside the quotes, as data: each front end words it in the asker's language. */
export type AnswerNote =
  /** Names, numbers or words of the question that the documents never mention. */
  | { code: 'not-mentioned'; terms: string[] }
  /**
   * English words of the question matched to nothing in the documents: absent, or worded in a way the
   * English→Chinese bridge does not know. Said as what the engine could not match, not as a fact about the documents.
   */
  | { code: 'not-matched'; terms: string[] }
  /** Named things the documents mention, but not the quoted units. */
  | { code: 'not-in-passages'; terms: string[] }
  /** Words of the question the documents have only inside a name (毒品 in 毒品和犯罪问题办公室), with that name. */
  | { code: 'only-in-names'; terms: { term: string; name: string }[] }
  /** The kind of fact asked for (a number, a date, a place, a name, a reason) that the quoted units do not give. */
  | { code: 'not-stated'; answerType: AnswerType }
  /** The question asks what an event came to (its outcome, 成果, conclusions); the quoted units state none. */
  | { code: 'outcome-not-stated' }
  /** The question asks for so many items ("which 14 countries"); the quoted units name fewer. */
  | { code: 'list-incomplete'; asked: number }
  /** The question was in traditional characters: the documents (and so the quotes) are simplified. */
  | { code: 'traditional-input' }
  /** Misspelt words were corrected: what was searched for instead. */
  | { code: 'searched-for'; text: string }
  | { code: 'llm-fallback'; reason: string }
  | { code: 'llm-sentences-dropped'; count: number }
  | { code: 'citations-removed'; count: number }
  | { code: 'citations-withdrawn' }
  /** The question names a paragraph or recommendation that does not exist: the problem says what does. */
  | { code: 'reference-not-found'; problem: LookupProblem };

export interface Answer {
  outcome: AnswerOutcome;
  /** 0..1, how sure the system is that the passages answer the question. */
  confidence: number;
  lang: Lang;
  /** The quotations, best answer first; empty when not found. */
  passages: Passage[];
  /** When not found: the nearest units, each with its best sentence, offered as "possibly related". */
  related: Passage[];
  notes: AnswerNote[];
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

/** What query analysis needs to know about the corpus: the keyword index answers it. */
export interface CorpusStats {
  /** Number of units. */
  readonly size: number;
  /** Units containing the term, as a word or as a literal substring. */
  df(term: string): number;
  /** Whether the term is an indexed word of some unit (not just a substring). */
  hasWord(term: string): boolean;
}

/** A set of alternative terms that count as one query word (the translations of one English phrase). */
export interface TermGroup {
  key: string;
  /** The group's importance: the sum of its members' weights. */
  weight: number;
  /** Normalized alternatives with their share of the weight: any one of them found covers the group. */
  members: { term: string; weight: number }[];
}

/** The kind of fact a question asks for. */
export type AnswerType = 'count' | 'date' | 'place' | 'name' | 'person_body' | 'list' | 'definition' | 'reason' | 'statement' | 'yesno' | 'other';

/**
 * A part of the question an answer must speak to: a name, a number or year, an ordinal, or a word the corpus
 * does not know. `forms` are the normalized Chinese (or Latin) forms to look for in evidence.
 */
export interface SalientElement {
  /** As written in the question (for "the documents do not mention …"). */
  text: string;
  kind: 'name' | 'number' | 'ordinal' | 'word';
  forms: string[];
  /** Whether any form occurs anywhere in the corpus. */
  inCorpus: boolean;
}

/** Everything the index, the confidence and the answer read about a question, computed once. */
export interface QueryAnalysis {
  /** The question as analysed (after follow-up resolution and spelling correction). */
  question: string;
  /** English words corrected before searching ("smugling" → "smuggling"). */
  corrections: { from: string; to: string }[];
  lang: Lang;
  terms: QueryTerm[];
  groups: TermGroup[];
  /** Content words no query term accounts for: the corpus has them in no form ("weather", 首都). */
  unexplained: string[];
  /** Numbers the question names (years, resolution numbers such as 72/179), normalized as the index does. */
  numbers: string[];
  /** Ordinals among the unexplained words (第十二届, "twelfth"): a session the corpus never mentions. */
  ordinals: string[];
  answerType: AnswerType;
  /**
   * Whether the question asks what someone said or did ("what did X say", "what did UNODC do in Mexico",
   * 做了什么): the paragraph goes on telling it after the sentence that names them, and so does the quote.
   */
  narrative: boolean;
  /** How many items the question asks to be named ("which 14 countries", 19个国家都是哪些), when it says; else null. */
  listSize: number | null;
  /** What the counted thing is, for counts ("how many parties" → 缔约方): normalized Chinese forms. */
  counted: string[];
  /** What the question asks about ("what outcome", 什么成果 → 成果): normalized Chinese forms, possibly none. */
  asked: string[];
  /** For dates, what happened that is dated ("哪一年成立的" → 成立, 设立): normalized Chinese forms, possibly none. */
  dated: string[];
  /** For Chinese dates, the thing dated ("办公室是哪一年设立的" → 办公室): normalized forms, possibly none. */
  datedThing: string[];
  salient: SalientElement[];
  /**
   * The question read in English words (stems, not bridged terms), for units written in English: documents'
   * English language versions. Absent when the corpus has no English text.
   */
  en?: QueryAnalysis;
}
