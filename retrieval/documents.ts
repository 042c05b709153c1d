import type { DocumentInfo } from './engine-api.js';
import type { DocumentMeta, SourceDocument } from './types.js';

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

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Every name a user may give a document by: stem, symbol, short titles and titles. */
export function documentNames(m: DocumentMeta): string[] {
  return [m.source, m.symbol ?? '', m.shortTitle.zh, m.shortTitle.en, m.title.zh, m.title.en];
}

/**
 * Users name documents by file stem, symbol, title or a prefix of the stem ("000"); anything that does not
 * pick exactly one document is null, because guessing would cite the wrong report.
 */
export function resolveDocumentRef(ref: string, metas: DocumentMeta[]): DocumentMeta | null {
  const r = fold(ref);
  if (!r) return null;
  const exact = metas.filter((m) =>
    documentNames(m).some((name) => fold(name) === r),
  );
  if (exact.length === 1) return exact[0];
  const prefixed = metas.filter((m) => m.source.toLowerCase().startsWith(r));
  return prefixed.length === 1 ? prefixed[0] : null;
}
