/** The corpus: documents and metadata read from the seeds folder, and the catalogue of their units. */
export { UnitCatalogue } from './catalogue.js';
export { type Corpus, CorpusError, loadCorpus } from './load-corpus.js';
export { ParseCache } from './parse-cache.js';
export type { DocumentProblem, DocumentReport } from './report.js';
