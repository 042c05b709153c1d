/**
 * Footnotes: the notes themselves (which PDF exports drop between the two halves of a paragraph)
 * and the markers that point to them from the text.
 *
 * Three kinds are recognised: superscript notes (`¹ …`, marker `¹`), asterisk notes (`* CTOC/COP/2018/1。`,
 * marker `临时议程*项目`) and numbered notes under a rule line (`__________________` then ` 3 列支敦士登。`),
 * whose markers are plain digits glued to the text (`惩罚。5惩罚`). A plain digit is only taken for a marker
 * when it is the number of a note defined under the next rule and appears, in order, in the text
 * between the previous rule and that one: numbers in running text are never touched otherwise.
 */
import type { Lang } from '../types.js';
import { endsSentence, MARKER_ANCHOR } from './chars.js';
import type { Ledger } from './ledger.js';
import type { Line } from './line.js';
import type { RemovedLine } from './lines.js';

/** The short rule that opens a block of numbered notes at the foot of a page. */
export const FOOTNOTE_RULE = /^_{5,}$/;
const NUMBERED_NOTE = /^(\d{1,3})\s+\S/;
const SUPERSCRIPT_NOTE = /^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S/;
const STAR_NOTE = /^(?:\\?\*)+\s+\S/;
const MARKDOWN_NOTE = /^\[\^[^\]]+\]:/;

const SUPERSCRIPT_MARK = /(?<![A-Za-z0-9])[¹²³⁴⁵⁶⁷⁸⁹⁰]+/g;
const MARKDOWN_MARK = /\[\^[^\]]+\]/g;
const HTML_MARK = /<sup>[^<]*<\/sup>/gi;
/** An asterisk left glued to text once Markdown emphasis is gone marks an asterisk note. */
const STAR_MARK = /(?<=[^\s*])\*+/g;

interface Cursor {
  line: number;
  col: number;
}

/**
 * A note number glued to the text it annotates: after an ideograph or CJK punctuation in Chinese; in English
 * after a letter or closing punctuation and before a space or the end (`Protocol.3 The`, `migrants,4 and`), so
 * `para. 3` or `resolution 72/1` is never taken.
 */
function markerPattern(id: number, lang: Lang): RegExp {
  if (lang === 'en') return new RegExp(`(?<=[A-Za-z.,;:)\\]”’"])${id}(?=[\\s,;:)]|$)`, 'gu');
  return new RegExp(`(?<=[${MARKER_ANCHOR}])${id}(?![0-9.,%％])`, 'gu');
}

/** Removes the first marker `id` at or after the cursor; returns where the next marker may start. */
function removeDigitMarker(lines: Line[], from: Cursor, id: number, ledger: Ledger, lang: Lang): Cursor {
  const pattern = markerPattern(id, lang);
  for (let i = from.line; i < lines.length; i++) {
    const line = lines[i]!;
    pattern.lastIndex = i === from.line ? from.col : 0;
    const match = pattern.exec(line.text);
    if (!match) continue;
    const text = (line.text.slice(0, match.index) + line.text.slice(match.index + match[0].length)).trim();
    ledger.book('footnote', line.line, match[0]);
    lines[i] = { ...line, text };
    return { line: i, col: match.index };
  }
  return from;
}

function removeInlineMarks(line: Line, ledger: Ledger): Line {
  const take = (mark: string) => {
    ledger.book('footnote', line.line, mark);
    return '';
  };
  const text = line.text.replace(HTML_MARK, take).replace(MARKDOWN_MARK, take).replace(SUPERSCRIPT_MARK, take).replace(STAR_MARK, take).trim();
  return text === line.text ? line : { ...line, text };
}

/**
 * Drops footnote lines and footnote markers, booking them in the ledger, and returns the body lines and the
 * notes (a note's continuation lines joined to it). `isWrapped` tells whether a line filled the text column:
 * only such a line, when it does not end a sentence, continues on the next line.
 */
export function stripFootnotes(lines: Line[], isWrapped: (line: Line) => boolean, ledger: Ledger, lang: Lang): { body: Line[]; notes: RemovedLine[] } {
  const body: Line[] = [];
  const notes: RemovedLine[] = [];
  const note = (line: Line) => {
    // Markdown in the line was booked as markup when it was read: only what is left is the note's.
    ledger.book('footnote', line.line, line.text);
    notes.push({ line: line.line, text: line.raw });
  };
  const continues = (line: Line) => isWrapped(line) && !endsSentence(line.text);
  let inNote = false;
  let inBlock = false;
  let lastId = 0;
  let cursor: Cursor = { line: 0, col: 0 };
  let pendingStars = 0;

  for (const line of lines) {
    if (inNote) {
      ledger.book('footnote', line.line, line.text);
      notes[notes.length - 1]!.text += line.raw;
      inNote = continues(line);
      continue;
    }
    if (FOOTNOTE_RULE.test(line.raw)) {
      ledger.book('furniture', line.line, line.text);
      inBlock = true;
      continue;
    }
    const starNote = STAR_NOTE.test(line.raw) && pendingStars > 0;
    if (starNote || SUPERSCRIPT_NOTE.test(line.raw) || MARKDOWN_NOTE.test(line.raw)) {
      if (starNote) pendingStars--;
      note(line);
      inNote = continues(line);
      continue;
    }
    if (inBlock) {
      const id = Number(NUMBERED_NOTE.exec(line.raw)?.[1] ?? NaN);
      // Notes are numbered on through the whole document, so only the next number can open a note.
      if (id === lastId + 1) {
        cursor = removeDigitMarker(body, cursor, id, ledger, lang);
        lastId = id;
        note(line);
        inNote = continues(line);
        continue;
      }
      inBlock = false;
      cursor = { line: body.length, col: 0 };
    }
    pendingStars += line.text.match(STAR_MARK)?.length ?? 0;
    body.push(line);
  }
  return { body: body.map((line) => removeInlineMarks(line, ledger)), notes };
}
