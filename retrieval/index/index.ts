/** The searchable indexes (BM25 keyword, HNSW dense), their persisted store, and the retriever that fuses them. */
export type { DenseIndex } from './dense-index.js';
export { DEFAULT_STANDOUT, type FusionSetting, KEYWORD_ONLY } from './fusion.js';
export { type LoadedIndexes, loadOrBuildIndexes, MANIFEST_FILE } from './index-store.js';
export type { KeywordIndex } from './keyword-index.js';
export { Retriever } from './retriever.js';
