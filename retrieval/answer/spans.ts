/**
 * The pieces an answer quotes: whole sentences (a `；` separates the items of one enumeration, it does not end
 * a thought), with an enumeration introduced by `：` (`包括：`, `如下：`, `下列…：`) and continued on the lines
 * after it kept in one piece, so that a list is never cut after its first item. Every span is a verbatim
 * substring of the unit text, with its offsets.
 */
import type { Lang } from '../types.js';
import { type Sentence, splitSentences } from './split-sentences.js';

/** A line that continues an enumeration: `(a)`, `（一）`, `1.`, `-`, `•`, or `建议 N`-style headed items. */
const ITEM_START = /^\s*(?:[(（][a-z\d一二三四五六七八九十ivx]{1,4}[)）]|\d{1,2}[.．]\s|[-•·]\s)/i;
/** A sentence that announces what follows, or an item that another follows (`；` at a line's end). */
const CONTINUED = /[：:；;]\s*$/;

export function answerSpans(text: string, lang: Lang): Sentence[] {
  const sentences = splitSentences(text, { semicolons: false, lang });
  const out: Sentence[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    const last = out.at(-1);
    // Lines after an introduction or after an item that ends in `；` belong to the same list, and so do items
    // in a row.
    const lastLine = last === undefined ? '' : (text.slice(last.start, last.end).split('\n').at(-1) ?? '');
    const continues = last !== undefined && (CONTINUED.test(last.text) || (ITEM_START.test(s.text) && ITEM_START.test(lastLine)));
    if (continues) {
      out[out.length - 1] = { start: last.start, end: s.end, text: text.slice(last.start, s.end) };
    } else {
      out.push(s);
    }
  }
  return out;
}
