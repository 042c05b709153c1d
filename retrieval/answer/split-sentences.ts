/**
 * Splits a unit's text into sentences that are verbatim substrings of it (with offsets), so a quote
 * built from them always passes citation verification. Chinese enders (。！？；), list items and
 * line breaks end a sentence; an ender inside 《》, （）, (), “” or 「」 does not, nor a dot inside a
 * number such as 1.5 (ASCII dots never end a sentence in these documents).
 */

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

export function splitSentences(text: string, opts: { semicolons?: boolean } = {}): Sentence[] {
  const enders = opts.semicolons === false ? FULL_STOPS : ENDERS;
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
    if (enders.has(ch)) {
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
