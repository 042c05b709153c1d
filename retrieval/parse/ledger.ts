/**
 * Where every character of a document went. Each stage of the parser books the text it consumes under one
 * category, so a report can show that nothing was silently lost: the non-space characters booked add up to
 * the non-space characters of the source.
 */

export type LedgerCategory =
  /** Text of a paragraph, recommendation or summary (paragraph numbers included). */
  | 'unit'
  | 'heading'
  | 'footnote'
  /** Page numbers, running headers and footers, job numbers, rules, link-target lists. */
  | 'furniture'
  /** Lines before the body: symbol, distribution, session, agenda item, title. */
  | 'title'
  /** Markdown syntax and link targets. */
  | 'markup'
  /** Text that fits nowhere: shown as a warning. */
  | 'unplaced';

export interface LedgerEntry {
  category: LedgerCategory;
  /** 1-based line of the source (for PDF/DOCX: of the extracted text). */
  line: number;
  text: string;
}

export function visibleLength(text: string): number {
  const visible = text.replace(/\s+/gu, '');
  let n = visible.length;
  // Characters outside the BMP are two code units but one character.
  for (let i = 0; i < visible.length; i++) if (visible.charCodeAt(i) >= 0xdc00 && visible.charCodeAt(i) <= 0xdfff) n--;
  return n;
}

export class Ledger {
  readonly entries: LedgerEntry[] = [];

  book(category: LedgerCategory, line: number, text: string): void {
    if (visibleLength(text) > 0) this.entries.push({ category, line, text });
  }

  /** Non-space characters booked under each category. */
  totals(): Record<LedgerCategory, number> {
    const totals: Record<LedgerCategory, number> = { unit: 0, heading: 0, footnote: 0, furniture: 0, title: 0, markup: 0, unplaced: 0 };
    for (const e of this.entries) totals[e.category] += visibleLength(e.text);
    return totals;
  }

  of(category: LedgerCategory): LedgerEntry[] {
    return this.entries.filter((e) => e.category === category);
  }
}
