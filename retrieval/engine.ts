/**
 * `createEngine`: wires the corpus, the indexes, query analysis, retrieval and answering together. Each
 * piece is built once here, so warming up is construction and every question after it runs at full speed.
 */
import { type Stats, unwatchFile, watchFile } from 'node:fs';
import { join } from 'node:path';
import { loadEmbedderInWorker, type TextEmbedder } from '../embeddings/index.js';
import { type AnswerContext, DomainPhrases, extractiveAnswer, type LlmConfig, Topicality, verifyCitations } from './answer/index.js';
import type { AskOptions, Engine, EngineStatus, SearchOptions } from './api.js';
import { type Corpus, type DocumentReport, loadCorpus, ParseCache, UnitCatalogue } from './corpus/index.js';
import { InputError } from './errors.js';
import { Glosser, withGlosses } from './gloss/index.js';
import { type DenseIndex, type KeywordIndex, type LoadedIndexes, loadOrBuildIndexes, MANIFEST_FILE, Retriever } from './index/index.js';
import {
  activeDocument,
  corpusDictionary,
  detectLang,
  findPersonNames,
  GENERIC_NOUNS,
  isMoreRequest,
  type NormalizedQuestion,
  normalizeQuestion,
  personEntry,
  QueryAnalyzer,
  readCedict,
  readGlossary,
  resolveFollowUp,
  Tokenizer,
  withEntries,
} from './query/index.js';
import type { Answer, AnswerNote, ScoredUnit } from './types.js';

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

export interface ComponentInputs {
  corpus: Corpus;
  tokenizer: Tokenizer;
  keyword: KeywordIndex;
  dense: DenseIndex | null;
  embedder: TextEmbedder | null;
  urlPattern?: string;
  log?: (msg: string) => void;
}

/** The objects a question goes through, built once over loaded indexes (tests build them the same way). */
export function buildComponents({ corpus, tokenizer, keyword, dense, embedder, urlPattern, log }: ComponentInputs) {
  const catalogue = new UnitCatalogue(corpus, tokenizer, { urlPattern });
  const glossary = readGlossary();
  // Each reading of a question is analysed against, and ranks, the units of its own language only.
  const zh = keyword.forLang('zh');
  const en = corpus.documents.some((d) => d.meta.languages.includes('en')) ? keyword.forLang('en') : null;
  // CC-CEDICT is read once (~0.4 s): the bridge's reverse dictionary and the person names' pinyin both need it.
  const cedict = readCedict();
  const dictionary = corpusDictionary(zh, cedict);
  const persons = findPersonNames(
    catalogue.units.filter((u) => u.lang === 'zh').map((u) => u.text),
    (text) => tokenizer.tag(text).map((t) => t.word),
    cedict,
    (zh) => dictionary.englishOf(zh).length > 0,
  );
  const analyzer = new QueryAnalyzer({
    tokenizer,
    stats: zh,
    glossary: withEntries(glossary, persons.map(personEntry)),
    dictionary,
    englishStats: en ?? undefined,
  });
  const glosser = new Glosser({ glossary, dictionary, persons, tokenizer, generic: GENERIC_NOUNS });
  const retriever = new Retriever({
    analyzer,
    keyword: zh,
    english: en,
    dense,
    embedder,
    unit: (key) => catalogue.unit(key),
    inLang: (u, lang) => catalogue.version(u, lang) ?? u,
    log,
  });
  const shared = { units: catalogue, tokenizer };
  // English text has no Chinese domain phrases to mask and no general-Chinese frequencies to compare with.
  const english: AnswerContext | undefined = en ? { ...shared, stats: en, lang: 'en', topicality: null, phrases: new DomainPhrases([]) } : undefined;
  const ctx: AnswerContext = {
    ...shared,
    stats: zh,
    lang: 'zh',
    topicality: new Topicality(zh),
    phrases: new DomainPhrases(glossary.entries.flatMap((e) => e.zh)),
    ...(english ? { english } : {}),
  };
  return { catalogue, analyzer, retriever, ctx, glosser };
}

/** What `npm run index`, `add` and `remove` print: the per-document reports and what the index store did. */
export interface IndexBuild {
  reports: DocumentReport[];
  events: string[];
  unsaved: string | null;
  units: number;
  documents: number;
  model: string | null;
}

interface Loaded {
  corpus: Corpus;
  indexes: LoadedIndexes;
  components: ReturnType<typeof buildComponents>;
}

async function loadState(
  opts: EngineOptions,
  embedder: TextEmbedder | null,
  tokenizer: Tokenizer,
  readOnly: boolean,
  log: (msg: string) => void,
): Promise<Loaded> {
  const indexDir = opts.indexDir ?? 'data/index';
  const corpus = await loadCorpus(opts.seedsDir ?? 'seeds', { cache: new ParseCache(join(indexDir, PARSE_CACHE_DIR), readOnly) });
  const indexes = await loadOrBuildIndexes({ indexDir, corpus, tokenizer, embedder, readOnly, log, onEmbedProgress: opts.onEmbedProgress });
  const components = buildComponents({ corpus, tokenizer, keyword: indexes.keyword, dense: indexes.dense, embedder, urlPattern: opts.citationUrlPattern, log });
  return { corpus, indexes, components };
}

/** Brings the index folder up to date with the corpus (incrementally) without building the answering components. */
export async function buildIndexes(opts: EngineOptions = {}): Promise<IndexBuild> {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`${msg}\n`));
  const indexDir = opts.indexDir ?? 'data/index';
  const corpus = await loadCorpus(opts.seedsDir ?? 'seeds', { cache: new ParseCache(join(indexDir, PARSE_CACHE_DIR)) });
  const { embedder } = await obtainEmbedder(opts, log);
  try {
    const indexes = await loadOrBuildIndexes({ indexDir, corpus, tokenizer: new Tokenizer(), embedder, log, onEmbedProgress: opts.onEmbedProgress });
    return {
      reports: corpus.reports ?? [],
      events: indexes.events,
      unsaved: indexes.unsaved,
      units: indexes.keyword.size,
      documents: corpus.documents.length,
      model: indexes.dense ? (embedder?.id ?? null) : null,
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
  // Questions in flight keep the state they started with; a reload swaps in a new one for the next question.
  let state = await loadState(opts, embedder, tokenizer, opts.readOnly ?? false, log);
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

  const status = (): EngineStatus => ({
    mode: state.components.retriever.hybrid ? 'hybrid' : 'keyword',
    model: state.components.retriever.hybrid && embedder ? embedder.id : null,
    modelProblem: state.indexes.dense ? null : problem,
    units: catalogue().units.length,
    documents: catalogue().documentCount,
    indexUnsaved: state.indexes.unsaved,
  });

  // A running bot picks up a new manifest (npm run add / remove / index in another process) without a restart.
  const manifestPath = join(indexDir, MANIFEST_FILE);
  let reloading: Promise<void> | null = null;
  let again = false;
  const reload = async () => {
    try {
      const next = await loadState(opts, embedder, tokenizer, true, () => {});
      const before = status();
      state = next;
      log(`Index changed: now ${catalogue().documentCount} documents, ${catalogue().units.length} units (was ${before.documents}, ${before.units}).`);
    } catch (err) {
      // A half-finished update, or one this process cannot read: keep answering from the current index.
      log(`Index changed but could not be loaded yet (${(err as Error).message}); still serving the previous one.`);
    }
  };
  const onManifest = async (): Promise<void> => {
    // One reload at a time; a change during it is picked up by one more reload after it.
    if (reloading) {
      again = true;
      return;
    }
    reloading = reload();
    await reloading;
    reloading = null;
    if (again) {
      again = false;
      await onManifest();
    }
  };
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
      // An embedder passed in belongs to the caller, who may share it between engines.
      if (opts.embedder === undefined) await embedder?.dispose?.();
    },
  };
}
