/**
 * Splits a unit's text into sentences that are verbatim substrings of it (with offsets), so a quote
 * built from them always passes citation verification. Chinese enders (。！？；), list items and
 * line breaks end a sentence; an ender inside 《》, （）, (), “” or 「」 does not, nor a dot inside a
 * number such as 1.5. ASCII dots never end a sentence in Chinese text; in English text a dot followed by a
 * space and a capital, a digit or an opening mark does, unless it ends an abbreviation (para., e.g.) or an
 * initial (U.S., J. Smith).
 */
import type { Lang } from '../types.js';

export interface Sentence {
  text: string;
  /** Offset of `text` in the unit text: `unitText.slice(start, end) === text`. */
  start: number;
  end: number;
}

const ENDERS = new Set(['。', '！', '？', '；', '!', '?', ';']);
/** Enders of whole sentences: a semicolon separates the items of one enumeration, it does not end a thought. */
const FULL_STOPS = new Set(['。', '！', '？', '!', '?']);
const OPENERS: Record<string, string> = { '《': '》', '（': '）', '(': ')', '“': '”', '「': '」', '『': '』', '【': '】' };
/** Closing marks that belong to the sentence they follow (`……。”`). */
const TRAILERS = new Set(['”', '’', '」', '』', '）', ')', '》', '】']);
const MAX_BRACKET_SPAN = 300;
/** A bullet that starts a list item glued into running text. */
const BULLET = /^[-•]\s/;
/** Words whose dot is part of them, in UN English. */
const ABBREVIATIONS = new Set(
  'para paras no nos art arts vol pp e.g i.e cf mr ms mrs dr st vs al approx rev add corr fig ibid op cit inc ltd co jr sr'.split(' '),
);
/** After an English full stop: the next sentence's start, past spaces and closing marks. */
const NEXT_SENTENCE = /^[”’"')\]]*\s+[(“"'‘[]?[A-Z0-9]/;

/** Whether the dot at `i` of English text ends its sentence. */
function englishStop(text: string, i: number): boolean {
  const rest = text.slice(i + 1);
  if (rest.trim() !== '' && !NEXT_SENTENCE.test(rest)) return false;
  const word = /([A-Za-z.]+)$/.exec(text.slice(0, i))?.[1] ?? '';
  return word.replace(/\.$/, '').length > 1 && !word.includes('.') && !ABBREVIATIONS.has(word.toLowerCase());
}

export function splitSentences(text: string, opts: { semicolons?: boolean; lang?: Lang } = {}): Sentence[] {
  const enders = opts.semicolons === false ? FULL_STOPS : ENDERS;
  const english = opts.lang === 'en';
  const out: Sentence[] = [];
  let start = 0;
  const stack: string[] = [];

  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
    start = end;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      // A line break ends a sentence only where the parser kept one on purpose (list items, headings).
      if (stack.length === 0) push(i + 1);
      continue;
    }
    const closer = OPENERS[ch];
    // An opener whose closer never comes soon (a stray bracket) must not swallow the rest of the text.
    const closeAt = closer === undefined ? -1 : text.indexOf(closer, i + 1);
    if (closer !== undefined && closeAt > 0 && closeAt - i <= MAX_BRACKET_SPAN) {
      stack.push(closer);
      continue;
    }
    if (stack.length > 0) {
      if (ch === stack[stack.length - 1]) stack.pop();
      continue;
    }
    if (enders.has(ch) || (english && ch === '.' && englishStop(text, i))) {
      let end = i + 1;
      while (end < text.length && TRAILERS.has(text[end]!)) end++;
      push(end);
      i = end - 1;
      continue;
    }
    // A list item glued into the running text (`包括：- 第一项`) starts a new sentence.
    if (BULLET.test(text.slice(i, i + 2)) && /[：:]\s*$/.test(text.slice(start, i))) {
      push(i);
    }
  }
  push(text.length);
  return out;
}
