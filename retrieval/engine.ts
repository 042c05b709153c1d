/**
 * `createEngine`: wires the corpus, the indexes, query analysis, retrieval and answering together. Each
 * piece is built once here, so warming up is construction and every question after it runs at full speed.
 */
import { type Stats, unwatchFile, watchFile } from 'node:fs';
import { join } from 'node:path';
import { loadEmbedderInWorker, type TextEmbedder } from '../embeddings/index.js';
import { type AnswerContext, DomainPhrases, extractiveAnswer, type LlmConfig, Topicality, verifyCitations } from './answer/index.js';
import type { AskOptions, Engine, EngineStatus, FusionStatus, SearchOptions } from './api.js';
import { type Corpus, type DocumentReport, loadCorpus, ParseCache, UnitCatalogue } from './corpus/index.js';
import { InputError } from './errors.js';
import {
  type CalibrationFiles,
  type CalibrationSet,
  DEFAULT_CALIBRATION_KEYS,
  DEFAULT_CALIBRATION_QUESTIONS,
  readCalibrationSet,
} from './eval/calibration-set.js';
import { fusionCalibrator } from './eval/fusion-calibrator.js';
import { Glosser, withGlosses } from './gloss/index.js';
import {
  type DenseIndex,
  type FusionSetting,
  KEYWORD_ONLY,
  type KeywordIndex,
  type LoadedIndexes,
  loadOrBuildIndexes,
  MANIFEST_FILE,
  Retriever,
} from './index/index.js';
import {
  activeDocument,
  corpusDictionary,
  detectLang,
  findPersonNames,
  findSoundedNames,
  GENERIC_NOUNS,
  isMoreRequest,
  type NormalizedQuestion,
  normalizeQuestion,
  personEntry,
  QueryAnalyzer,
  readCedict,
  readGlossary,
  resolveFollowUp,
  soundIndex,
  Tokenizer,
  withEntries,
  withSounds,
} from './query/index.js';
import type { Answer, AnswerNote, QueryAnalysis, ScoredUnit, Unit } from './types.js';

export const MAX_QUESTION_CHARS = 1000;
/** Parsed documents, beside the indexes (see corpus/parse-cache.ts). */
export const PARSE_CACHE_DIR = 'documents';
const DEFAULT_K = 10;

export interface EngineOptions {
  seedsDir?: string;
  indexDir?: string;
  /** 'off' forces keyword-only mode whatever the environment says (tests); 'auto' follows EMBEDDINGS. */
  embeddings?: 'auto' | 'off';
  /** Override EMBEDDING_MODEL / MODELS_DIR (tests use the tiny fixture model this way). */
  model?: string;
  modelsDir?: string;
  /** Refuse to rebuild stale indexes (shards share files built once). */
  readOnly?: boolean;
  log?: (msg: string) => void;
  onEmbedProgress?: (done: number, total: number) => void;
  /** ANSWER_MODE=llm: answers written by an OpenAI-compatible model, verified like extractive ones. */
  llm?: LlmConfig | null;
  /** Injected for tests that need a particular embedder; otherwise loaded from options. */
  embedder?: TextEmbedder | null;
  /** Watch the index manifest and switch to a new index when another process changes it (the Discord bot). */
  watch?: boolean;
  watchIntervalMs?: number;
  /** CITATION_URL_PATTERN: where citations link to, with `{lang}` and `{symbol}` (default https://undocs.org/{lang}/{symbol}). */
  citationUrlPattern?: string;
  /** DENSE_WEIGHT: a fusion setting that replaces the calibrated one (check it with `npm run eval -- FILE --compare`). */
  fusion?: FusionSetting;
  /** The labelled questions the fusion is calibrated on (CALIBRATION_QUESTIONS / CALIBRATION_KEYS); null for none. */
  calibration?: CalibrationFiles | null;
  /** How long a question waits for its query vector before it is answered from keywords alone. */
  queryTimeoutMs?: number;
}

/**
 * The question as the engine reads it (normalized: see query/normalize.ts), refused when empty or too long: front
 * ends check it first where a refusal must come before other work (a thread is started for a mention).
 */
export function checkQuestion(text: string): NormalizedQuestion {
  if (text.length > MAX_QUESTION_CHARS) throw new InputError({ code: 'question-too-long', length: text.length, max: MAX_QUESTION_CHARS });
  const q = normalizeQuestion(text);
  if (!q.text) throw new InputError({ code: 'empty-question' });
  return q;
}

async function obtainEmbedder(opts: EngineOptions, log: (msg: string) => void): Promise<{ embedder: TextEmbedder | null; problem: string | null }> {
  if (opts.embedder !== undefined) return { embedder: opts.embedder, problem: opts.embedder ? null : 'no embedder given' };
  if (opts.embeddings === 'off') return { embedder: null, problem: 'embeddings disabled' };
  // In a worker thread: a forward pass blocks its thread for the whole run, and this one answers Discord heartbeats.
  const loaded = await loadEmbedderInWorker({ model: opts.model, modelsDir: opts.modelsDir });
  if (loaded.ok) return { embedder: loaded.embedder, problem: null };
  // EMBEDDINGS=off is a choice, not a problem: no warning for it.
  if (!loaded.disabled) log(`Warning: ${loaded.problem}`);
  return { embedder: null, problem: loaded.problem };
}

async function loadLlm(config: LlmConfig) {
  const [{ llmAnswerChain, chatModelFor }, { UnitRetriever }] = await Promise.all([import('./answer/llm-answer.js'), import('./langchain/unit-retriever.js')]);
  return { chain: llmAnswerChain, model: await chatModelFor(config), UnitRetriever };
}

interface LanguageInputs {
  corpus: Corpus;
  tokenizer: Tokenizer;
  keyword: KeywordIndex;
  urlPattern?: string;
}

export interface ComponentInputs extends LanguageInputs {
  dense: DenseIndex | null;
  embedder: TextEmbedder | null;
  log?: (msg: string) => void;
  /** The fusion in force, read per question (default: keyword ranking only). */
  fusion?: () => FusionSetting;
  queryTimeoutMs?: number;
}

/**
 * What reading and answering a question needs from the corpus and its keyword index, whatever the dense side:
 * built once per keyword index (the fusion calibration's retriever and the served one share it), because its
 * dictionaries are most of a process's memory and of its start-up time.
 */
function buildLanguage({ corpus, tokenizer, keyword, urlPattern }: LanguageInputs) {
  const catalogue = new UnitCatalogue(corpus, tokenizer, { urlPattern });
  const glossary = readGlossary();
  // Each reading of a question is analysed against, and ranks, the units of its own language only.
  const zh = keyword.forLang('zh');
  const en = corpus.documents.some((d) => d.meta.languages.includes('en')) ? keyword.forLang('en') : null;
  // CC-CEDICT is read once (~0.2 s): the bridge's reverse dictionary and the person names' pinyin both need it.
  const cedict = readCedict();
  const dictionary = corpusDictionary(zh, cedict);
  const zhTexts = catalogue.units.filter((u) => u.lang === 'zh').map((u) => u.text);
  const persons = findPersonNames(
    zhTexts,
    (text) => tokenizer.tag(text).map((t) => t.word),
    cedict,
    (zh) => dictionary.englishOf(zh).length > 0,
  );
  const analyzer = new QueryAnalyzer({
    tokenizer,
    stats: zh,
    glossary: withSounds(
      withEntries(glossary, persons.map(personEntry)),
      soundIndex(
        findSoundedNames(
          zhTexts,
          (text) => tokenizer.tag(text),
          cedict,
          (zh) => dictionary.englishOf(zh),
        ),
      ),
    ),
    dictionary,
    englishStats: en ?? undefined,
  });
  const glosser = new Glosser({ glossary, dictionary, persons, tokenizer, generic: GENERIC_NOUNS });
  const shared = { units: catalogue, tokenizer };
  // English text has no Chinese domain phrases to mask and no general-Chinese frequencies to compare with.
  const english: AnswerContext | undefined = en ? { ...shared, stats: en, lang: 'en', topicality: null, phrases: new DomainPhrases([]) } : undefined;
  const ctx: AnswerContext = {
    ...shared,
    stats: zh,
    lang: 'zh',
    topicality: new Topicality(zh),
    phrases: new DomainPhrases(
      glossary.entries.flatMap((e) => e.zh),
      catalogue.units.filter((u) => u.lang === 'zh').map((u) => u.text),
    ),
    ...(english ? { english } : {}),
  };
  return { catalogue, analyzer, glosser, ctx, zh, en };
}

type Language = ReturnType<typeof buildLanguage>;

/** The objects a question goes through, built over loaded indexes (tests build them the same way). */
export function buildComponents(inputs: ComponentInputs, language: Language = buildLanguage(inputs)) {
  const { dense, embedder, log, fusion, queryTimeoutMs } = inputs;
  const { catalogue, analyzer, glosser, ctx, zh, en } = language;
  const retriever = new Retriever({
    analyzer,
    keyword: zh,
    english: en,
    dense,
    embedder,
    unit: (key) => catalogue.unit(key),
    inLang: (u, lang) => catalogue.version(u, lang) ?? u,
    fusion: fusion ?? (() => KEYWORD_ONLY),
    log,
    queryTimeoutMs,
  });
  return { catalogue, analyzer, retriever, ctx, glosser };
}

type Components = ReturnType<typeof buildComponents>;

/** The extractive answer to a first question `q` (normalized) from retrieval results, before verification. */
function extractive(c: Components, q: string, analysis: QueryAnalysis, results: ScoredUnit[]): Answer {
  return extractiveAnswer({ analysis, results, referenced: c.catalogue.findCitedUnits(q, {}), replyLang: detectLang(q) }, c.ctx);
}

/** What `npm run index`, `add` and `remove` print: the per-document reports and what the index store did. */
export interface IndexBuild {
  reports: DocumentReport[];
  events: string[];
  unsaved: string | null;
  units: number;
  documents: number;
  model: string | null;
  /** Why no dense index was built although a model was there (its worker died), or null. */
  denseProblem: string | null;
  /** The fusion calibrated for the model, or null (no model, no labelled questions). */
  fusion: FusionStatus | null;
}

interface Loaded {
  corpus: Corpus;
  indexes: LoadedIndexes;
  components: Components;
}

/** The labelled questions, read once per engine; a problem (a file missing) leaves the dense weight at 0. */
interface Calibration {
  set: CalibrationSet | null;
  problem: string | null;
}

async function readCalibration(opts: EngineOptions): Promise<Calibration> {
  if (opts.calibration === null) return { set: null, problem: 'no labelled questions configured' };
  try {
    return { set: await readCalibrationSet(opts.calibration ?? { questions: DEFAULT_CALIBRATION_QUESTIONS, keys: DEFAULT_CALIBRATION_KEYS }), problem: null };
  } catch (err) {
    return { set: null, problem: (err as Error).message };
  }
}

/** The fusion in force: DENSE_WEIGHT's, else the calibrated one, else keyword only. */
function fusionOf(opts: EngineOptions, indexes: LoadedIndexes): FusionSetting {
  return opts.fusion ?? indexes.fusion?.setting ?? KEYWORD_ONLY;
}

function fusionStatus(opts: EngineOptions, indexes: LoadedIndexes, calibration: Calibration, model: string | undefined): FusionStatus | null {
  if (!indexes.dense || !model) return null;
  return {
    model,
    setting: fusionOf(opts, indexes),
    source: opts.fusion ? 'configured' : indexes.fusion ? 'calibrated' : 'uncalibrated',
    calibration: indexes.fusion,
    calibrationProblem: indexes.fusion ? null : (calibration.problem ?? 'the calibration did not run'),
  };
}

async function loadState(
  opts: EngineOptions,
  embedder: TextEmbedder | null,
  tokenizer: Tokenizer,
  readOnly: boolean,
  log: (msg: string) => void,
  calibration: Calibration,
): Promise<Loaded> {
  const indexDir = opts.indexDir ?? 'data/index';
  const corpus = await loadCorpus(opts.seedsDir ?? 'seeds', { cache: new ParseCache(join(indexDir, PARSE_CACHE_DIR), readOnly) });
  const urlPattern = opts.citationUrlPattern;
  const languages = new WeakMap<KeywordIndex, Language>();
  const languageOf = (keyword: KeywordIndex): Language => {
    const known = languages.get(keyword);
    if (known) return known;
    const built = buildLanguage({ corpus, tokenizer, keyword, urlPattern });
    languages.set(keyword, built);
    return built;
  };
  const calibrator =
    calibration.set &&
    fusionCalibrator({
      set: calibration.set,
      corpus,
      k: DEFAULT_K,
      components: (keyword, dense, model) => {
        const c = buildComponents({ corpus, tokenizer, keyword, dense, embedder: model, urlPattern }, languageOf(keyword));
        return {
          retriever: c.retriever,
          unit: (key: string): Unit | undefined => c.catalogue.unit(key),
          answer: (q, analysis, results) => verifyCitations(extractive(c, q, analysis, results), c.catalogue, () => {}),
        };
      },
    });
  const indexes = await loadOrBuildIndexes({ indexDir, corpus, tokenizer, embedder, readOnly, log, onEmbedProgress: opts.onEmbedProgress, calibrator });
  const components = buildComponents(
    {
      corpus,
      tokenizer,
      keyword: indexes.keyword,
      dense: indexes.dense,
      embedder,
      urlPattern,
      log,
      fusion: () => fusionOf(opts, indexes),
      queryTimeoutMs: opts.queryTimeoutMs,
    },
    languageOf(indexes.keyword),
  );
  return { corpus, indexes, components };
}

/** Brings the index folder up to date with the corpus (incrementally) without building the answering components. */
export async function buildIndexes(opts: EngineOptions = {}): Promise<IndexBuild> {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`${msg}\n`));
  const { embedder } = await obtainEmbedder(opts, log);
  try {
    const calibration = await readCalibration(opts);
    const { corpus, indexes } = await loadState(opts, embedder, new Tokenizer(), false, log, calibration);
    return {
      reports: corpus.reports ?? [],
      events: indexes.events,
      unsaved: indexes.unsaved,
      units: indexes.keyword.size,
      documents: corpus.documents.length,
      model: indexes.dense ? (embedder?.id ?? null) : null,
      denseProblem: indexes.denseProblem,
      fusion: fusionStatus(opts, indexes, calibration, embedder?.id),
    };
  } finally {
    if (opts.embedder === undefined) await embedder?.dispose?.();
  }
}

export async function createEngine(opts: EngineOptions = {}): Promise<Engine> {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`${msg}\n`));
  const indexDir = opts.indexDir ?? 'data/index';
  const { embedder, problem } = await obtainEmbedder(opts, log);
  const tokenizer = new Tokenizer();
  const calibration = await readCalibration(opts);
  // Questions in flight keep the state they started with; a reload swaps in a new one for the next question.
  let state = await loadState(opts, embedder, tokenizer, opts.readOnly ?? false, log, calibration);
  const catalogue = () => state.components.catalogue;

  const searchUnits = async (query: string, o: SearchOptions = {}): Promise<ScoredUnit[]> => {
    const { catalogue, retriever } = state.components;
    if (o.source !== undefined) catalogue.meta(o.source);
    return (await retriever.retrieve(checkQuestion(query).text, { source: o.source, k: o.k ?? DEFAULT_K, lang: o.lang })).results;
  };

  // Loaded only in LLM mode: the LangChain client is most of a cold start, and extractive mode never needs it.
  const llm = opts.llm ? await loadLlm(opts.llm) : null;

  async function ask(question: string, o: AskOptions = {}): Promise<Answer> {
    const { catalogue, analyzer, retriever, ctx, glosser } = state.components;
    // Every answer leaves verified, with the key terms of its quotes.
    const checked = (a: Answer) =>
      withGlosses(
        verifyCitations(a, catalogue, (msg) => log(`citation rejected: ${msg}`)),
        glosser,
      );
    const { text: asked, traditional } = checkQuestion(question);
    if (o.source !== undefined) catalogue.meta(o.source);
    const history = o.history ?? [];
    const replyLang = detectLang(asked);
    const last = history.at(-1)?.answer;
    // "more", "展开": the rest of the units the last answer quoted, whole.
    if (isMoreRequest(asked) && last?.passages.length) {
      const units = [...new Set(last.passages.flatMap((p) => p.citations.map((c) => c.unitKey)))].flatMap((k) => catalogue.unit(k) ?? []);
      return checked(extractiveAnswer({ analysis: analyzer.analyze(asked), results: [], referenced: units, replyLang, whole: true }, ctx));
    }
    // Earlier turns are read as this one is (traditional script converted), so "and in Mexico?" finds their topic.
    const q = resolveFollowUp(
      asked,
      history.map((t) => ({ ...t, question: normalizeQuestion(t.question).text })),
    );
    // A question that names "建议 6" or "第44段" is about that unit, whatever retrieval ranks first; a bare
    // "第45段呢？" is about the document the conversation is in; a unit the document does not have gets the valid range.
    const { units: referenced, missing } = catalogue.citedReferences(q, { source: o.source ?? activeDocument(history), lang: replyLang });
    let answer: Answer;
    if (llm) {
      const unitRetriever = new llm.UnitRetriever({ engine: { search: searchUnits, label: (u, l) => catalogue.label(u, l) }, source: o.source, k: DEFAULT_K });
      const chain = llm.chain({
        retriever: unitRetriever,
        analyze: (text) => analyzer.analyze(text),
        model: llm.model,
        ctx,
        timeoutMs: opts.llm!.timeoutMs,
        log,
      });
      answer = await chain.invoke({ question: q, replyLang, referenced });
    } else {
      const { analysis, results } = await retriever.retrieve(q, { source: o.source, k: DEFAULT_K, lang: replyLang });
      answer = extractiveAnswer({ analysis, results, referenced, replyLang }, ctx);
    }
    if (traditional) answer = { ...answer, notes: [{ code: 'traditional-input' }, ...answer.notes] };
    const notFound = missing.map((problem): AnswerNote => ({ code: 'reference-not-found', problem }));
    const done = checked(answer);
    return notFound.length ? { ...done, notes: [...notFound, ...done.notes] } : done;
  }

  /** Why answers come from keyword search alone, when they do. */
  const keywordBecause = (): string | null => {
    if (!embedder) return problem;
    const worker = embedder.status?.();
    if (worker && !worker.available) return `embedding worker down (${worker.problem}); restarting it`;
    if (state.indexes.denseProblem) return `the dense index could not be built (${state.indexes.denseProblem})`;
    const fusion = fusionStatus(opts, state.indexes, calibration, embedder.id);
    if (fusion && fusion.setting.denseWeight === 0) {
      const verdict = fusion.calibration?.verdict;
      return `${embedder.id} has dense weight 0 (${fusion.source === 'configured' ? 'DENSE_WEIGHT=0' : verdict ? `calibration: ${verdict}` : fusion.calibrationProblem})`;
    }
    return null;
  };

  const status = (): EngineStatus => {
    const hybrid = state.components.retriever.hybrid;
    return {
      mode: hybrid ? 'hybrid' : 'keyword',
      model: hybrid && embedder ? embedder.id : null,
      modelProblem: hybrid ? null : keywordBecause(),
      fusion: fusionStatus(opts, state.indexes, calibration, embedder?.id),
      units: catalogue().units.length,
      documents: catalogue().documentCount,
      indexUnsaved: state.indexes.unsaved,
    };
  };

  // A running bot picks up a new manifest (npm run add / remove / index in another process) without a restart.
  const manifestPath = join(indexDir, MANIFEST_FILE);
  let reloading: Promise<void> | null = null;
  let queued: (() => Promise<void>) | null = null;
  const reload = async () => {
    try {
      const next = await loadState(opts, embedder, tokenizer, true, () => {}, calibration);
      const before = status();
      state = next;
      log(`Index changed: now ${catalogue().documentCount} documents, ${catalogue().units.length} units (was ${before.documents}, ${before.units}).`);
    } catch (err) {
      // A half-finished update, or one this process cannot read: keep answering from the current index.
      log(`Index changed but could not be loaded yet (${(err as Error).message}); still serving the previous one.`);
    }
  };
  /** Builds what a dead worker left unbuilt (the dense index, its calibration), answering from keywords meanwhile. */
  const complete = async () => {
    try {
      const next = await loadState(opts, embedder, tokenizer, false, log, calibration);
      state = next;
      if (state.components.retriever.hasDense && !state.indexes.denseProblem) log(`Dense index ready: ${status().mode} retrieval.`);
    } catch (err) {
      log(`Warning: the dense index could not be built yet (${(err as Error).message}); still answering from keyword search.`);
    }
  };
  const serially = async (job: () => Promise<void>): Promise<void> => {
    // One reload at a time; what is asked for during it runs once after it (completing does all a reload does).
    if (reloading) {
      queued = queued === complete ? complete : job;
      return;
    }
    reloading = job();
    await reloading;
    reloading = null;
    const next = queued;
    queued = null;
    if (next) await serially(next);
  };
  const onManifest = () => serially(reload);
  const incomplete = () =>
    !opts.readOnly && (state.indexes.denseProblem !== null || (state.indexes.dense !== null && !state.indexes.fusion && calibration.set !== null));
  // A worker that dies is reported once, and again when it is back; what it could not build is built then.
  const unwatchEmbedder = embedder?.watch?.((worker) => {
    if (!worker.available) {
      log(`Warning: dense retrieval failed (${worker.problem}); answering with keyword search alone while the embedding worker restarts.`);
      return;
    }
    if (incomplete()) {
      log('Embedding worker restarted: building what it could not build before; keyword search meanwhile.');
      void serially(complete);
    } else log(`Embedding worker restarted: ${status().mode} retrieval restored.`);
  });
  // The worker may have died during the build above and be back already.
  if (incomplete() && embedder?.status?.().available) void serially(complete);
  const watcher = (current: Stats, previous: Stats) => {
    if (current.mtimeMs !== previous.mtimeMs || current.ino !== previous.ino) void onManifest();
  };
  if (opts.watch) watchFile(manifestPath, { interval: opts.watchIntervalMs ?? 2000, persistent: false }, watcher);

  return {
    status,
    documents: () => [...catalogue().infos],
    reports: () => [...(state.corpus.reports ?? [])],
    resolveDocument: (ref) => catalogue().match(ref).meta,
    document: (ref) => catalogue().document(ref),
    units: () => catalogue().units,
    search: searchUnits,
    ask,
    paragraph: (source, n, lang) => catalogue().paragraph(source, n, lang),
    recommendation: (n, source, lang) => catalogue().recommendation(n, source, lang),
    recommendations: (source, lang) => catalogue().recommendations(source, lang),
    summary: (source, lang) => catalogue().summary(source, lang),
    subparagraph: (source, n, letter, lang) => catalogue().subparagraph(source, n, letter, lang),
    versions: (unit) => catalogue().otherVersions(unit),
    label: (unit, lang) => catalogue().label(unit, lang),
    reference: (unit, lang, span) => catalogue().reference(unit, lang, span),
    findCitedUnits: (text, o) => catalogue().findCitedUnits(text, o),
    async close() {
      if (opts.watch) unwatchFile(manifestPath, watcher);
      unwatchEmbedder?.();
      // An embedder passed in belongs to the caller, who may share it between engines.
      if (opts.embedder === undefined) await embedder?.dispose?.();
    },
  };
}
