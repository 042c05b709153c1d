/**
 * Questions as people type them, made comparable with the documents before anything else reads them:
 * traditional Chinese converted to simplified (OpenCC, phrase-level: 軟體 → 软件, not character by character),
 * full-width letters and digits folded (ＣＴＯＣ, 第４４段), zero-width and control characters removed,
 * whitespace collapsed, chat contractions given back their apostrophe (whats → what's) and chat years their century
 * (08年 → 2008年). Quotes are never touched: they come from the documents, which are simplified.
 */
import { Converter } from 'opencc-js/t2cn';

/**
 * Traditional characters (with Taiwan variants) and standard phrases to simplified. Regional idioms are left
 * out on purpose: OpenCC's Taiwan idiom table turns 尼日利亚 into 尼日尔利亚, because 尼日 is Niger in Taiwan.
 * Only text that has traditional characters is converted, so simplified questions pass unchanged.
 */
const toSimplified = Converter({ from: 'tw', to: 'cn' });

/** Zero-width characters, joiners, BOM and bidirectional marks: invisible, but they split words. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]/g;
/** Control characters other than tab and line breaks. */
const CONTROL = /(?![\t\n\r])\p{Cc}/gu;
/** Full-width ASCII (Ａ-Ｚ, ０-９, ！…) and the ideographic space fold to their ASCII forms; CJK punctuation stays. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g;

/** Chat contractions typed without their apostrophe (whats, didnt): read as written with it. */
const BARE_IS = /\b(what|who|where|when|how|that|there)s\b/gi;
const BARE_NOT = /\b(do|does|did|is|are|was|were|has|have|had|could|would|should)nt\b/gi;

/**
 * A year written with two digits, as chat does (08年那份报告, 15年12月): 00–09 always, 10–29 only before a month or
 * a word for the time itself (15年底, 17年那次), since 15年 may also be fifteen years.
 */
const SHORT_YEAR = /(?<![\d./第])(0\d|[12]\d)年(?=(?:0?[1-9]|1[0-2])月|底|初|年底|年初|那|这|的时候|以来|开始)|(?<![\d./第])(0\d)年/g;

export interface NormalizedQuestion {
  text: string;
  /** The question was written in traditional characters and was converted. */
  traditional: boolean;
}

export function normalizeQuestion(raw: string): NormalizedQuestion {
  const folded = raw
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(FULL_WIDTH, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
    .replace(/\s+/g, ' ')
    .trim();
  const text = toSimplified(folded);
  const read = text
    .replace(BARE_IS, "$1's")
    .replace(BARE_NOT, "$1n't")
    .replace(SHORT_YEAR, (_: string, a: string | undefined, b: string | undefined) => `20${a ?? b}年`);
  return { text: read, traditional: text !== folded };
}
