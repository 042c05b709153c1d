import type { Lang, Unit } from '../../retrieval/index.js';

/**
 * Button ids carry everything a click needs, so buttons keep working after a restart and nothing has to be
 * remembered per message. Discord allows 100 characters; seed stems are ~20.
 */
export type UnitRef = Pick<Unit, 'source' | 'kind' | 'paragraph' | 'recommendation'>;

export type ButtonAction =
  | { type: 'cite'; lang: Lang; ref: UnitRef }
  | { type: 'feedback'; vote: 'up' | 'down' }
  | { type: 'page'; view: string; lang: Lang; arg: string; page: number };

const KIND_CODES = { paragraph: 'p', recommendation: 'r', summary: 's' } as const;

export function citeId(ref: UnitRef, lang: Lang): string {
  const n = ref.kind === 'recommendation' ? ref.recommendation : ref.kind === 'paragraph' ? ref.paragraph : 0;
  return `cite:${lang}:${ref.source}:${KIND_CODES[ref.kind]}:${n}`;
}

export function feedbackId(vote: 'up' | 'down'): string {
  return `fb:${vote}`;
}

export function pageId(view: string, lang: Lang, arg: string, page: number): string {
  return `page:${view}:${lang}:${arg}:${page}`;
}

const asLang = (s: string | undefined): Lang | null => (s === 'zh' || s === 'en' ? s : null);

function parseCite(parts: string[]): ButtonAction | null {
  const [lang, source, code, num] = parts;
  const n = Number(num);
  if (!asLang(lang) || !source || !Number.isInteger(n)) return null;
  const kind = (Object.keys(KIND_CODES) as Unit['kind'][]).find((k) => KIND_CODES[k] === code);
  if (!kind) return null;
  return {
    type: 'cite',
    lang: asLang(lang)!,
    ref: {
      source,
      kind,
      paragraph: kind === 'paragraph' ? n : null,
      recommendation: kind === 'recommendation' ? n : null,
    },
  };
}

export function parseButtonId(id: string): ButtonAction | null {
  const [type, ...rest] = id.split(':');
  if (type === 'cite') return parseCite(rest);
  if (type === 'fb' && (rest[0] === 'up' || rest[0] === 'down') && rest.length === 1) return { type: 'feedback', vote: rest[0] };
  if (type === 'page' && rest.length === 4) {
    const [view, lang, arg, page] = rest;
    const n = Number(page);
    if (asLang(lang) && view && Number.isInteger(n) && n >= 0) return { type: 'page', view, lang: asLang(lang)!, arg, page: n };
  }
  return null;
}
