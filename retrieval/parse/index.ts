/** The UN document parser: a document's lines in, its numbered paragraphs, recommendations and summary out, every character accounted for. */
export type { LedgerCategory, LedgerEntry } from './ledger.js';
export { type OutlineItem, PARSER_VERSION, type ParsedDocument, parseDocument, parseLines, parseText } from './parse-document.js';
export type { ParseProblem } from './problems.js';
export { type SourceLine, textLines } from './source-line.js';
