/**
 * The line stream every reader produces and the parser reads: plain text gives its lines as they are; PDF and
 * DOCX readers add what the layout tells them (a line in the page margin, small type under a rule, a heading
 * style, a line that reached the right margin).
 */
export interface SourceLine {
  text: string;
  /** Known from the layout: page furniture (running header/footer, page number) or a footnote. */
  role?: 'furniture' | 'footnote';
  /** Known from the layout: the break after this line was a wrap (it reached the right margin, no gap follows). */
  wrapped?: boolean;
  /** Styled as a heading: always a heading, never a paragraph. */
  heading?: boolean;
  /** Footnote reference marks the reader removed from `text` (superscripts), booked as footnote text. */
  markers?: string;
  /** The page it was printed on (PDF), for messages. */
  page?: number;
}

export function textLines(text: string): SourceLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => ({ text: line }));
}
