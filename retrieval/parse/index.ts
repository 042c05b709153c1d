/** The UN document parser: a document's text in, its numbered paragraphs, recommendations and summary out. */
export { PARSER_VERSION, parseDocument } from './parse-document.js';
