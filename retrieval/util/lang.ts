/** Which language a text is written in, for questions and for documents alike. */
import type { Lang } from '../types.js';

/** CJK unified ideographs (with extension A and compatibility ideographs), as a regex character class body. */
export const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const CJK_CHARS = new RegExp(`[${CJK}]`, 'g');
/** Average characters per Chinese word, to weigh CJK characters against English words. */
const CJK_CHARS_PER_WORD = 1.5;

/** Number of CJK characters in a text (language detection). */
export function countCjk(text: string): number {
  return text.match(CJK_CHARS)?.length ?? 0;
}

/**
 * Chinese when at least half of the text's words are Chinese, counting ~1.5 characters per word:
 * "UNODC在萨尔瓦多做了什么？" is Chinese, "What does 蓝心运动 mean?" is English; a Chinese document with an
 * English title block is Chinese.
 */
export function detectLang(text: string): Lang {
  const cjkWords = countCjk(text) / CJK_CHARS_PER_WORD;
  const latinWords = text.match(/[A-Za-z]+/g)?.length ?? 0;
  return cjkWords > 0 && cjkWords >= latinWords ? 'zh' : 'en';
}
