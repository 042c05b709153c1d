import { citationKey, type Lang, type Unit, unitKey } from '../../retrieval/index.js';

/**
 * Button ids carry everything a click needs, so buttons keep working after a restart and nothing has to be
 * remembered per message. Discord allows 100 characters; seed stems are ~20.
 */
export type UnitRef = Pick<Unit, 'source' | 'kind' | 'paragraph' | 'recommendation'> & {
  /** The language version, written into the id as unit keys write it (`p:44@en`); absent: the document's first. */
  lang?: Lang;
};

/** Where the quoted words sit in the unit text (`text.slice(start, end)`), so a reference can quote them again. */
export interface QuoteSpan {
  start: number;
  end: number;
}

/** What a "Cite" button cites: a unit, perhaps one subparagraph of it, and the words to quote in the footnote. */
export interface CiteTarget {
  ref: UnitRef;
  sub: string | null;
  span: QuoteSpan;
}

export type ButtonAction =
  | { type: 'cite'; lang: Lang; ref: UnitRef; span: QuoteSpan | null }
  /** The same unit view in another language version (the 📄 view's language switch). */
  | { type: 'version'; lang: Lang; ref: UnitRef }
  | { type: 'reference'; lang: Lang; target: CiteTarget }
  | { type: 'feedback'; vote: 'up' | 'down' }
  | { type: 'page'; view: string; lang: Lang; arg: string; page: number };

const KIND_CODES = { paragraph: 'p', recommendation: 'r', summary: 's' } as const;

function refPart(ref: UnitRef): string {
  const n = ref.kind === 'recommendation' ? ref.recommendation : ref.kind === 'paragraph' ? ref.paragraph : 0;
  // What a unit key adds to its citation for the version: nothing for Chinese (ids from before versions), `@en`.
  const version = ref.lang ? unitKey({ ...ref, lang: ref.lang }).slice(citationKey(ref).length) : '';
  return `${ref.source}:${KIND_CODES[ref.kind]}:${n}${version}`;
}

const spanPart = (span: QuoteSpan) => `${span.start}-${span.end}`;

/** 📄: the unit in full; with a span, its Cite button quotes those words (the answer's quote). */
export function citeId(ref: UnitRef, lang: Lang, span: QuoteSpan | null = null): string {
  return `cite:${lang}:${refPart(ref)}${span ? `:${spanPart(span)}` : ''}`;
}

/** A button of the 📄 view that shows the same unit in another language version. */
export function versionId(ref: UnitRef, lang: Lang): string {
  return `ver:${lang}:${refPart(ref)}`;
}

/** "Cite": the copy-ready reference for a unit or subparagraph, quoting the span. */
export function referenceId({ ref, sub, span }: CiteTarget, lang: Lang): string {
  return `ref:${lang}:${refPart(ref)}:${sub ?? '-'}:${spanPart(span)}`;
}

export function feedbackId(vote: 'up' | 'down'): string {
  return `fb:${vote}`;
}

export function pageId(view: string, lang: Lang, arg: string, page: number): string {
  return `page:${view}:${lang}:${arg}:${page}`;
}

const asLang = (s: string | undefined): Lang | null => (s === 'zh' || s === 'en' ? s : null);

function parseRef(source: string | undefined, code: string | undefined, num: string | undefined): UnitRef | null {
  const m = /^(\d{1,6})(?:@(zh|en))?$/.exec(num ?? '');
  if (!source || !m) return null;
  const n = Number(m[1]);
  const kind = (Object.keys(KIND_CODES) as Unit['kind'][]).find((k) => KIND_CODES[k] === code);
  if (!kind) return null;
  const ref: UnitRef = { source, kind, paragraph: kind === 'paragraph' ? n : null, recommendation: kind === 'recommendation' ? n : null };
  return m[2] ? { ...ref, lang: m[2] as Lang } : ref;
}

function parseSpan(text: string | undefined): QuoteSpan | null {
  const m = /^(\d{1,6})-(\d{1,6})$/.exec(text ?? '');
  if (!m) return null;
  const span = { start: Number(m[1]), end: Number(m[2]) };
  return span.end > span.start ? span : null;
}

function parseCite(parts: string[]): ButtonAction | null {
  const [lang, source, code, num, span, ...extra] = parts;
  const ref = parseRef(source, code, num);
  if (!asLang(lang) || !ref || extra.length) return null;
  if (span === undefined) return { type: 'cite', lang: asLang(lang)!, ref, span: null };
  const parsed = parseSpan(span);
  return parsed ? { type: 'cite', lang: asLang(lang)!, ref, span: parsed } : null;
}

function parseReference(parts: string[]): ButtonAction | null {
  const [lang, source, code, num, sub, span, ...extra] = parts;
  const ref = parseRef(source, code, num);
  const parsed = parseSpan(span);
  if (!asLang(lang) || !ref || !parsed || extra.length || !sub || !/^(-|[a-z])$/.test(sub)) return null;
  return { type: 'reference', lang: asLang(lang)!, target: { ref, sub: sub === '-' ? null : sub, span: parsed } };
}

export function parseButtonId(id: string): ButtonAction | null {
  const [type, ...rest] = id.split(':');
  if (type === 'cite') return parseCite(rest);
  if (type === 'ver' && rest.length === 4) {
    const [lang, source, code, num] = rest;
    const ref = parseRef(source, code, num);
    return asLang(lang) && ref ? { type: 'version', lang: asLang(lang)!, ref } : null;
  }
  if (type === 'ref') return parseReference(rest);
  if (type === 'fb' && (rest[0] === 'up' || rest[0] === 'down') && rest.length === 1) return { type: 'feedback', vote: rest[0] };
  if (type === 'page' && rest.length === 4) {
    const [view, lang, arg, page] = rest;
    const n = Number(page);
    if (asLang(lang) && view && Number.isInteger(n) && n >= 0) return { type: 'page', view, lang: asLang(lang)!, arg, page: n };
  }
  return null;
}
