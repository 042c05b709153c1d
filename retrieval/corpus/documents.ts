/** Facts about the documents of a corpus: their counts, and the names users may give them by. */
import type { DocumentInfo } from '../api.js';
import type { DocumentMeta, SourceDocument } from '../types.js';
import { fold } from '../util/fold.js';

export function describeDocuments(documents: SourceDocument[]): DocumentInfo[] {
  return documents.map(({ meta, units }) => {
    const numbers = units.filter((u) => u.kind === 'paragraph').map((u) => u.paragraph!);
    return {
      meta,
      paragraphs: {
        count: numbers.length,
        first: numbers.length ? Math.min(...numbers) : 0,
        last: numbers.length ? Math.max(...numbers) : 0,
      },
      recommendations: units.filter((u) => u.kind === 'recommendation').length,
      hasSummary: units.some((u) => u.kind === 'summary'),
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
 * Users name documents by file stem, symbol, title or a prefix of the stem ("000"); anything that does not
 * pick exactly one document is refused with the candidates, because guessing would cite the wrong report.
 */
export function matchDocument(ref: string, metas: readonly DocumentMeta[]): DocumentMatch {
  const r = fold(ref);
  if (!r) return { meta: null, candidates: [] };
  const exact = metas.filter((m) => documentNames(m).some((name) => fold(name) === r));
  if (exact.length === 1) return { meta: exact[0]! };
  if (exact.length > 1) return { meta: null, candidates: exact };
  const prefixed = metas.filter((m) => fold(m.source).startsWith(r));
  if (prefixed.length === 1) return { meta: prefixed[0]! };
  return { meta: null, candidates: prefixed };
}
