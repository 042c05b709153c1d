/**
 * How citations read in every front end: a draft's label marked as a draft, and the copy-ready references
 * (`CTOC/COP/2018/2, para. 44` · `CTOC/COP/2018/2，第44段`) with a footnote quoting the cited words.
 */
import type { DocumentInfo, DocumentStatus, Engine, Lang, ParagraphSpan, Unit } from '../../retrieval/index.js';
import { strings } from './strings.js';

/** The facts about the document with this id (the engine's own list, so counts and links agree everywhere). */
export function infoOf(engine: Pick<Engine, 'documents'>, source: string): DocumentInfo | undefined {
  return engine.documents().find((d) => d.meta.source === source);
}

/** A label as shown: a draft says so, unless its name already does ("Draft report …", 报告草稿). */
export function shownLabel(c: { label: string; status: DocumentStatus }, lang: Lang): string {
  const s = strings(lang);
  return c.status === 'draft' && !s.draftWord.test(c.label) ? `${c.label}${s.draftMark}` : c.label;
}

/** A unit's label as every view shows it: its document's drafts marked. */
export function shownUnitLabel(engine: Pick<Engine, 'label' | 'documents'>, unit: Unit, lang: Lang): string {
  return shownLabel({ label: engine.label(unit, lang), status: infoOf(engine, unit.source)?.meta.status ?? 'final' }, lang);
}

/** What is cited: a unit, a subparagraph of it, and the words quoted from it (a verbatim slice of its text). */
export interface CitedPart {
  unit: Unit;
  sub?: string;
  quote: string;
}

export interface ReferenceText {
  /** The bare reference in each language. */
  reference: Record<Lang, string>;
  /** The quote with a footnote mark, then the footnote: in each language. */
  footnote: Record<Lang, string>;
}

const LANGS: Lang[] = ['en', 'zh'];

export function referenceText(engine: Pick<Engine, 'reference' | 'documents'>, { unit, sub, quote }: CitedPart): ReferenceText {
  const info = infoOf(engine, unit.source);
  // With language versions the footnotes link the version the words are quoted from.
  const linkLang = (lang: Lang): Lang => (info?.meta.versioned ? unit.lang : lang);
  const span: ParagraphSpan | undefined = sub !== undefined && unit.paragraph !== null ? { first: unit.paragraph, sub } : undefined;
  const reference = Object.fromEntries(LANGS.map((lang) => [lang, engine.reference(unit, lang, span)])) as Record<Lang, string>;
  const footnote = Object.fromEntries(
    LANGS.map((lang) => {
      const s = strings(lang);
      return [lang, `${s.quoted(quote)}¹\n¹ ${s.footnote(reference[lang], info?.url?.[linkLang(lang)] ?? null)}`];
    }),
  ) as Record<Lang, string>;
  return { reference, footnote };
}
