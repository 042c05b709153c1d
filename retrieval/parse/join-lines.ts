/**
 * What goes between two consecutive lines of the same unit. A break the author made (after a
 * sentence, before a list item) stays a line break; a break made by page layout (a hard wrap, a page
 * break in mid-sentence) disappears, and only the space the layout swallowed comes back.
 */
import type { Lang } from '../types.js';
import { endsSentence } from './chars.js';
import { isListItem } from './headings.js';
import type { Line } from './line.js';

export interface JoinStyle {
  /** English text: a wrap always swallowed a space (none after a hyphen, which keeps `anti-` on `trafficking`). */
  lang: Lang;
  /** The line filled the text column, so the break after it is a wrap. */
  fillsColumn(line: Line): boolean;
  /** The text column in display columns, when the document is hard-wrapped text. */
  wrapWidth: number | null;
  /** The document writes `2019 年 9 月`, not `2019年9月`: a wrap between the two scripts hid a space. */
  spaceBetweenScripts: boolean;
}

const LATIN_END = /[A-Za-z0-9.,;:!?)\]%]$/;
const LATIN_START = /^[A-Za-z0-9([]/;
const ALNUM_END = /[A-Za-z0-9]$/;
const ALNUM_START = /^[A-Za-z0-9]/;
const HAN_END = /\p{Script=Han}$/u;
const HAN_START = /^\p{Script=Han}/u;
const NUMBERED_ITEM = /^\d{1,2}[.．]\s/;
/** Share of Chinese/Latin boundaries written with a space above which a document counts as spacing them. */
const SPACED_SHARE = 0.9;
const MIN_BOUNDARIES = 10;

/** Whether the document puts a space between Chinese and Latin letters or digits inside its lines. */
export function spacesBetweenScripts(lines: readonly Line[]): boolean {
  let spaced = 0;
  let glued = 0;
  for (const { text } of lines) {
    spaced += text.match(/\p{Script=Han} [A-Za-z0-9]|[A-Za-z0-9] \p{Script=Han}/gu)?.length ?? 0;
    glued += text.match(/\p{Script=Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Script=Han}/gu)?.length ?? 0;
  }
  return spaced + glued >= MIN_BOUNDARIES && spaced >= SPACED_SHARE * (spaced + glued);
}

/** Nothing between Chinese characters (a wrap is not a space in Chinese), a space between Latin words. */
function wrapGlue(before: string, after: string, style: JoinStyle): string {
  if (style.lang === 'en') return before.endsWith('-') ? '' : ' ';
  if (LATIN_END.test(before) && LATIN_START.test(after)) return ' ';
  const crossesScripts = (HAN_END.test(before) && ALNUM_START.test(after)) || (ALNUM_END.test(before) && HAN_START.test(after));
  return style.spaceBetweenScripts && crossesScripts ? ' ' : '';
}

export function separatorBetween(previous: Line, next: Line, style: JoinStyle): string {
  if (isListItem(next) || NUMBERED_ITEM.test(next.text)) return '\n';
  const wrapped = !endsSentence(previous.text) || style.fillsColumn(previous);
  return wrapped ? wrapGlue(previous.text, next.text, style) : '\n';
}

/** A wrapped heading's second line joins its first the same way. */
export function headingGlue(previous: Line, next: Line, style: JoinStyle): string {
  return wrapGlue(previous.text, next.text, style);
}
