/** Query understanding: one analysis record per question, the English→Chinese bridge, the tokenizer, follow-ups. */
export { detectLang, QueryAnalyzer } from './analyzer.js';
export { readGlossary } from './bridge/glossary.js';
export { activeDocument, isMoreRequest, resolveFollowUp } from './follow-up.js';
export { type NormalizedQuestion, normalizeQuestion } from './normalize.js';
export { Tokenizer } from './tokenize.js';
