/** Reading document files (text in any common encoding, PDF, Word) into the parser's line stream. */
export { decodeText } from './decode.js';
export { DOCUMENT_EXTENSIONS, type DocumentFormat, formatOf, type ReadDocument, readDocument, UnreadableDocumentError } from './read-document.js';
