/** Facts about the documents of a corpus: their counts, and the names users may give them by. */
import type { DocumentInfo, SectionInfo } from '../api.js';
import type { DocumentMeta, DocumentStatus, Lang, SourceDocument, Unit } from '../types.js';

/** Deeper headings would turn a document card into a table of contents; two levels say where things are. */
const OUTLINE_DEPTH = 2;

/** Each heading down to OUTLINE_DEPTH, in document order, with the first and last paragraph under it. */
export function sectionOutline(units: readonly Unit[]): SectionInfo[] {
  const sections = new Map<string, SectionInfo>();
  for (const u of units) {
    if (u.kind !== 'paragraph') continue;
    u.section.slice(0, OUTLINE_DEPTH).forEach((heading, i) => {
      const key = u.section.slice(0, i + 1).join('\u0000');
      const known = sections.get(key);
      if (known) known.last = Math.max(known.last, u.paragraph!);
      else sections.set(key, { heading, depth: i + 1, first: u.paragraph!, last: u.paragraph! });
    });
  }
  return [...sections.values()];
}

/** Counts and outline come from the first language version; the outline of every version is there too. */
export function describeDocuments(documents: SourceDocument[], urlOf: (meta: DocumentMeta, lang: Lang) => string | null): DocumentInfo[] {
  return documents.map(({ meta, units: all }) => {
    const units = all.filter((u) => u.lang === meta.languages[0]);
    const numbers = units.filter((u) => u.kind === 'paragraph').map((u) => u.paragraph!);
    const zh = urlOf(meta, 'zh');
    const en = urlOf(meta, 'en');
    return {
      meta,
      paragraphs: {
        count: numbers.length,
        first: numbers.length ? Math.min(...numbers) : 0,
        last: numbers.length ? Math.max(...numbers) : 0,
      },
      recommendations: units.filter((u) => u.kind === 'recommendation').length,
      hasSummary: units.some((u) => u.kind === 'summary'),
      url: zh !== null && en !== null ? { zh, en } : null,
      sections: sectionOutline(units),
      sectionsIn: Object.fromEntries(meta.languages.map((l) => [l, sectionOutline(all.filter((u) => u.lang === l))])),
    };
  });
}

/** Every name a user may give a document by: symbol, short titles, titles and file stem (none empty). */
export function documentNames(m: DocumentMeta): string[] {
  return [m.symbol, m.shortTitle.zh, m.shortTitle.en, m.title.zh, m.title.en, m.source].filter((n): n is string => !!n);
}

/** The documents a reference may mean: exactly one, or the candidates when it is unknown or ambiguous. */
export type DocumentMatch = { meta: DocumentMeta } | { meta: null; candidates: DocumentMeta[] };

/**
 * The UN marks a draft with `L.` in its symbol (`CTOC/COP/WG.4/2010/L.1`, `A/C.3/73/L.5/Rev.1`); a document
 * without a symbol is a draft when its title says so (报告草稿, "Draft report").
 */
export function documentStatus(symbol: string | null, title: { zh: string; en: string }): DocumentStatus {
  if (symbol !== null) return /(^|\/)L\.\d/.test(symbol) ? 'draft' : 'final';
  return title.zh.includes('草稿') || /\bdraft\b/i.test(title.en) ? 'draft' : 'final';
}
