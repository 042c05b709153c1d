/** Query understanding: one analysis record per question, the English→Chinese bridge, the tokenizer, follow-ups. */
export { detectLang, GENERIC_NOUNS, QueryAnalyzer } from './analyzer.js';
export { corpusDictionary } from './bridge/bridge-english.js';
export { readCedict } from './bridge/cedict.js';
export { readGlossary, withEntries, withSounds } from './bridge/glossary.js';
export { findPersonNames, personEntry } from './bridge/person-names.js';
export { findSoundedNames, soundIndex } from './bridge/transliterations.js';
export { activeDocument, isMoreRequest, resolveFollowUp } from './follow-up.js';
export { type NormalizedQuestion, normalizeQuestion } from './normalize.js';
export { Tokenizer } from './tokenize.js';
