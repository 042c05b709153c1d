/**
 * What the parser found wrong with a document, as data (front ends word it). Errors make the document
 * unusable (its citations would be wrong); warnings are text the parser could not place.
 */
export type ParseProblem =
  | { code: 'no-paragraphs' }
  | { code: 'duplicate-paragraph'; number: number; line: number; firstLine: number }
  | { code: 'paragraph-out-of-order'; number: number; line: number; after: number }
  | { code: 'paragraph-missing'; number: number; line: number }
  | { code: 'unplaced-text'; line: number; text: string };
