/**
 * Character-level facts about UN document text: how wide a line prints (to recognise hard wraps) and
 * whether a line ends a sentence or clause (to tell an author's line break from a wrap, a heading from text).
 */

/** East Asian wide and fullwidth characters print two columns wide in the fixed-width text these files come from. */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/**
 * What a footnote marker digit may be glued to: ideographs and CJK punctuation, but not the ideographic space
 * (U+3000), which separates numbers in dates such as `2008　年　1　月`.
 */
export const MARKER_ANCHOR = '\\p{Script=Han}\\u3001-\\u303F\\uFF00-\\uFFEF\\u2018-\\u201D\\u2014\\u2026';

/** Closing marks that may follow a sentence end (`……。”`, `……。）`). */
const CLOSERS = '”’」』）)》】"\'';
const SENTENCE_END = new RegExp(`[。！？；：!?;:.][${CLOSERS}]*$`, 'u');
/** A heading never ends in a sentence or clause mark. */
const CLAUSE_END = new RegExp(`[。！？；：!?;:.,，、][${CLOSERS}]*$`, 'u');

/** True when the line ends a sentence or introduces a list: what follows starts on a new line. */
export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

/** True when the line ends with any sentence or clause mark (`，` and `、` included): not a heading. */
export function endsClause(text: string): boolean {
  return CLAUSE_END.test(text);
}
