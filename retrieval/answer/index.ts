/** Answers from retrieved units: extractive passages, confidence, citation verification, the optional LLM chain. */
export { DomainPhrases } from './collocations.js';
export type { AnswerContext } from './context.js';
export { extractiveAnswer } from './extractive-answer.js';
export type { LlmConfig } from './llm-config.js';
export { Topicality } from './topicality.js';
export { verifyCitations } from './verify-citations.js';
