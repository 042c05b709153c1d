/** One non-blank line of the document, trimmed, with its Markdown removed. */
export interface Line {
  /** 1-based number of the source line, for reports and error messages. */
  line: number;
  /** The trimmed source line, before Markdown removal (footnote marks like `\*` are recognised on it). */
  raw: string;
  /** Clean text; footnote markers are removed from it later. */
  text: string;
  /** Printed width of the source line: a line as wide as the text column was hard-wrapped. */
  width: number;
  /** Written as a Markdown heading (or styled as a heading in a word processor). */
  markdownHeading: boolean;
  /** Written as a list bullet. */
  bullet: boolean;
  /** Set by readers that know the layout (PDF): whether the break after this line was a wrap. */
  wrapped?: boolean;
}
