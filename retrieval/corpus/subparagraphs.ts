/**
 * Subparagraphs: the lettered items of a paragraph's list, `(a)…；(b)…；以及(c)…。`, cited by the UN as
 * `para. 44 (b)` / `第44(b)段`. They are found by one rule over the unit text, whatever the document: a list is
 * a run of markers `(a)`, `(b)`, `(c)`… in alphabetical order starting at `(a)`; an item runs to the next
 * marker of the run (without the `以及`/`and` that joins it to the next), the last one to the end of its
 * sentence or line. A marker followed by 款/项/段 is a reference to another text's subparagraph
 * (`第2条(b)款`), not an item of this one.
 */
import { InputError } from '../errors.js';

export interface Subparagraph {
  /** The item's letter, without brackets. */
  letter: string;
  /** Where the item (its marker included) starts and ends in the unit text: `text.slice(start, end)`. */
  start: number;
  end: number;
}

const MARKER = /[(（]([a-z])[)）](?![款项段])/g;
/** What joins an item to the next: separators and conjunctions, left out of the item. */
const JOINER = /(?:\s|以及|及|或者|或|和|\band\b|\bor\b)+$/;
/** The end of the last item: the end of its sentence (kept) or of its line. */
const LAST_END = /。|\.(?=\s|$)|\n/;

export function subparagraphs(text: string): Subparagraph[] {
  const markers = [...text.matchAll(MARKER)].map((m) => ({ letter: m[1]!, start: m.index }));
  const run: typeof markers = [];
  for (const m of markers) {
    const expected = run.length ? String.fromCharCode(run[run.length - 1]!.letter.charCodeAt(0) + 1) : 'a';
    if (m.letter === expected) run.push(m);
  }
  if (run.length < 2) return [];
  return run.map((m, i) => {
    const next = run[i + 1];
    if (next) return { letter: m.letter, start: m.start, end: m.start + text.slice(m.start, next.start).replace(JOINER, '').length };
    const tail = text.slice(m.start);
    const stop = LAST_END.exec(tail);
    const end = stop ? stop.index + (stop[0] === '\n' ? 0 : 1) : tail.trimEnd().length;
    return { letter: m.letter, start: m.start, end: m.start + end };
  });
}

/** A paragraph reference as users type it: `44`, `44(b)`, `44 (b)`, `44（b）`; null when it is none of these. */
export function parseParagraphRef(text: string): { paragraph: number; sub?: string } | null {
  const m = /^\s*(\d{1,6})\s*(?:[(（]\s*([a-zA-Z])\s*[)）])?\s*$/.exec(text);
  if (!m) return null;
  const paragraph = Number(m[1]);
  if (paragraph < 1) return null;
  return m[2] ? { paragraph, sub: m[2].toLowerCase() } : { paragraph };
}

/** The same, for a front end: anything else is an input error the asker is told about in their language. */
export function paragraphRef(text: string): { paragraph: number; sub?: string } {
  const ref = parseParagraphRef(text);
  if (!ref) throw new InputError({ code: 'bad-paragraph-ref', text });
  return ref;
}
