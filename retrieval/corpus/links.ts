/**
 * Links to the official text. The UN serves every document by symbol and language at one stable address
 * (`https://undocs.org/zh/CTOC/COP/2018/2`); the pattern is a setting so an operator can point it at a mirror
 * or the Official Document System. A document without a symbol gets no link: none is ever invented.
 */
import type { DocumentMeta, Lang } from '../types.js';

export const DEFAULT_CITATION_URL_PATTERN = 'https://undocs.org/{lang}/{symbol}';

/** Why a pattern cannot make links (no `{symbol}`, not http(s)), or null when it can. */
export function urlPatternProblem(pattern: string): string | null {
  if (!pattern.includes('{symbol}')) return 'it must contain {symbol}';
  let url: URL;
  try {
    url = new URL(pattern.replaceAll('{lang}', 'en').replaceAll('{symbol}', 'A/1'));
  } catch {
    return 'it is not a URL';
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'it must start with https:// or http://';
}

/** Each part of the symbol is escaped, its slashes kept: they are how the UN's addresses name documents. */
export function documentUrl(meta: Pick<DocumentMeta, 'symbol'>, lang: Lang, pattern: string = DEFAULT_CITATION_URL_PATTERN): string | null {
  if (meta.symbol === null) return null;
  const symbol = meta.symbol.split('/').map(encodeURIComponent).join('/');
  return pattern.replaceAll('{lang}', lang).replaceAll('{symbol}', symbol);
}
