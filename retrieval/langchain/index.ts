/**
 * For LangChain pipelines: the corpus as a `BaseRetriever` (`new UnitRetriever({ engine })`, with an engine
 * from `createEngine`), returning `Document`s whose metadata carry what is needed to cite each paragraph.
 * Kept out of the engine's public index so front ends do not load LangChain at start-up.
 */
export { type UnitMetadata, UnitRetriever, type UnitRetrieverInput, type UnitSearch, unitDocument } from './unit-retriever.js';
