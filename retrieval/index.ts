/**
 * The engine's public surface: the one module front ends (terminal chat, CLI, Discord) import. Everything
 * here is data and functions over data; how anything is worded for a person is the front end's business.
 */

export { documentName, type ParagraphSpan, paragraphPart, zhJoin } from './answer/labels.js';
export { type LlmConfig, llmConfigFromEnv } from './answer/llm-config.js';
export { splitSentences as sentenceSpans } from './answer/split-sentences.js';
export type { AskOptions, DocumentInfo, Engine, EngineStatus, FusionStatus, RetrievalMode, SearchOptions, SectionInfo, Subparagraph } from './api.js';
export { documentNames } from './corpus/documents.js';
export { DEFAULT_CITATION_URL_PATTERN, urlPatternProblem } from './corpus/links.js';
export { type AddedDocument, addDocument, ManageError, type ManageProblem, type NewDocumentOptions, removeDocument } from './corpus/manage.js';
export { type DocumentProblem, type DocumentReport, isDocumentError, type UnitNumbers } from './corpus/report.js';
export { paragraphRef } from './corpus/subparagraphs.js';
export { buildIndexes, checkQuestion, createEngine, type EngineOptions, type IndexBuild, MAX_QUESTION_CHARS } from './engine.js';
export { InputError, type InputProblem, LookupError, type LookupProblem } from './errors.js';
export { type AnswerKey, type AnswerRecord, type AnswerScores, containsAnswer, parseKeysFile, scoreAnswers } from './eval/answer-metrics.js';
export { MIN_T } from './eval/calibrate-fusion.js';
export type { CalibrationFiles } from './eval/calibration-set.js';
export { assertGold, type EvalFileProblem, type EvalLineProblem, readEvalFile } from './eval/eval-input.js';
export { abstention, type EvalItem, type EvalOutcome, parseEvalFile, rankParagraphs, type Scores, score } from './eval/evaluate.js';
export { type Coverage, type ElementKind, glossCoverage } from './eval/gloss-coverage.js';
export { atomicWrite } from './index/atomic-write.js';
export { DEFAULT_STANDOUT, type FusionSetting, KEYWORD_ONLY } from './index/fusion.js';
export type { FusionCalibration } from './index/manifest.js';
export { activeDocument } from './query/follow-up.js';
export type {
  Answer,
  AnswerNote,
  AnswerOutcome,
  AnswerType,
  Citation,
  CitationVersion,
  DocumentMeta,
  DocumentStatus,
  Gloss,
  Lang,
  Passage,
  ScoredUnit,
  Turn,
  Unit,
  UnitKind,
} from './types.js';
export { citationKey, unitKey } from './types.js';
export { fold } from './util/fold.js';
export { detectLang } from './util/lang.js';
