import type { TextEmbedder } from '../embeddings/text-embedder.js';
import { loadEmbedderInWorker } from '../embeddings/worker-embedder.js';
import { verifyCitations } from './verify-citations.js';
import { analyzeQuery, detectLang } from './analyze-query.js';
import {
  type AskOptions,
  type DocumentInfo,
  type Engine,
  type EngineStatus,
  InputError,
  LookupError,
  type SearchOptions,
} from './engine-api.js';
import { extractiveAnswer } from './extractive-answer.js';
import type { LlmConfig } from './llm-config.js';
import { findCitations } from './find-citations.js';
import { resolveFollowUp } from './follow-up.js';
import { CANDIDATE_DEPTH, fuseToUnits } from './hybrid-search.js';
import { corpusUnits, loadOrBuildIndexes } from './index-store.js';
import { unitLabel } from './labels.js';
import { loadCorpus } from './load-corpus.js';
import { describeDocuments, resolveDocumentRef } from './documents.js';
import type { Answer, DocumentMeta, Lang, ScoredUnit, Unit } from './types.js';
import { unitKey } from './types.js';

export const MAX_QUESTION_CHARS = 1000;
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
}

function checkQuestion(text: string): string {
  const q = text.trim();
  if (!q) throw new InputError('The question is empty. Ask something about the documents, e.g. “What does UNODC do against trafficking in persons?”');
  if (q.length > MAX_QUESTION_CHARS) {
    throw new InputError(`The question is too long (${q.length} characters; at most ${MAX_QUESTION_CHARS}). Please shorten it.`);
  }
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
  const { chatModelFor, llmAnswer } = await import('./llm-answer.js');
  return { model: await chatModelFor(config), answer: llmAnswer };
}

export async function createEngine(opts: EngineOptions = {}): Promise<Engine> {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`${msg}\n`));
  const corpus = await loadCorpus(opts.seedsDir ?? 'seeds');
  const { embedder, problem } = await obtainEmbedder(opts, log);
  const indexes = await loadOrBuildIndexes({
    indexDir: opts.indexDir ?? 'data/index',
    corpus,
    embedder,
    readOnly: opts.readOnly,
    log,
    onEmbedProgress: opts.onEmbedProgress,
  });

  // Loaded only in LLM mode: the LangChain client is most of a cold start, and extractive mode never needs it.
  const llm = opts.llm ? { config: opts.llm, ...(await loadLlm(opts.llm)) } : null;
  const units = corpusUnits(corpus);
  const byKey = new Map(units.map((u) => [unitKey(u), u]));
  const metas = new Map<string, DocumentMeta>(corpus.documents.map((d) => [d.meta.source, d.meta]));
  const infos: DocumentInfo[] = describeDocuments(corpus.documents);

  const metaOf = (source: string): DocumentMeta => {
    const meta = metas.get(source);
    if (!meta) {
      throw new LookupError(`Unknown document “${source}”. Known documents: ${[...metas.keys()].join(', ')}.`);
    }
    return meta;
  };
  const sourceFilter = (source?: string) => {
    if (source === undefined) return undefined;
    metaOf(source);
    const prefix = `${source}#`;
    return (key: string) => key.startsWith(prefix);
  };

  async function retrieve(q: string, o: SearchOptions) {
    const filter = sourceFilter(o.source);
    const analysis = analyzeQuery(q, indexes.keyword);
    const keywordHits = indexes.keyword.search(analysis.terms, CANDIDATE_DEPTH, filter);
    let denseHits;
    if (indexes.dense && embedder) {
      const vector = await embedder.embedQuery(q);
      denseHits = indexes.dense.search(vector, CANDIDATE_DEPTH, filter);
    }
    return { analysis, results: fuseToUnits({ keyword: keywordHits, dense: denseHits }, byKey, o.k ?? DEFAULT_K) };
  }

  async function search(query: string, o: SearchOptions = {}): Promise<ScoredUnit[]> {
    return (await retrieve(checkQuestion(query), o)).results;
  }

  async function ask(question: string, o: AskOptions = {}): Promise<Answer> {
    const asked = checkQuestion(question);
    const q = resolveFollowUp(asked, o.history ?? []);
    const { analysis, results } = await retrieve(q, o);
    // A question that names "建议 6" or "第44段" is about that unit, whatever retrieval ranks first.
    const referenced = findCitedUnits(q, { source: o.source });
    const input = { question: q, analysis, results, metas, termStats: indexes.keyword, referenced, replyLang: detectLang(asked) };
    const answer = llm
      ? await llm.answer({ ...input, model: llm.model, timeoutMs: llm.config.timeoutMs, log })
      : extractiveAnswer(input);
    return verifyCitations(answer, byKey, (msg) => log(`citation rejected: ${msg}`), metas);
  }

  function paragraph(source: string, n: number): Unit {
    const meta = metaOf(source);
    const found = byKey.get(unitKey({ source, kind: 'paragraph', paragraph: n, recommendation: null }));
    if (found) return found;
    const info = infos.find((i) => i.meta.source === source)!;
    throw new LookupError(
      `${unitLabel(meta, { source, kind: 'paragraph', paragraph: n, recommendation: null, section: [], text: '' }, 'en')} does not exist: valid paragraphs are ${info.paragraphs.first}-${info.paragraphs.last}.`,
    );
  }

  function recommendations(source?: string): Unit[] {
    if (source !== undefined) metaOf(source);
    return units.filter((u) => u.kind === 'recommendation' && (source === undefined || u.source === source));
  }

  function recommendation(n: number, source?: string): Unit {
    const all = recommendations(source);
    const matches = all.filter((u) => u.recommendation === n);
    if (matches.length === 1) return matches[0];
    if (all.length === 0) {
      throw new LookupError(source ? `${metaOf(source).shortTitle.en} has no numbered recommendations.` : 'No document has numbered recommendations.');
    }
    if (matches.length > 1) {
      throw new LookupError(`Several documents have a recommendation ${n}; choose a document: ${matches.map((u) => u.source).join(', ')}.`);
    }
    const numbers = all.map((u) => u.recommendation!);
    throw new LookupError(`Recommendation ${n} does not exist: valid numbers are ${Math.min(...numbers)}-${Math.max(...numbers)}.`);
  }

  function findCitedUnits(text: string, o: { source?: string } = {}): Unit[] {
    const refs = findCitations(text, [...metas.values()], { defaultSource: o.source });
    const found = refs.flatMap((ref) => {
      const find = (source: string) =>
        ref.recommendation !== undefined
          ? units.find((u) => u.source === source && u.kind === 'recommendation' && u.recommendation === ref.recommendation)
          : byKey.get(unitKey({ source, kind: 'paragraph', paragraph: ref.paragraph ?? null, recommendation: null }));
      // "建议 6" after naming a report without recommendations still means the one document that has them.
      const hasOwn = ref.source !== null && (ref.recommendation === undefined || recommendations(ref.source).length > 0);
      const candidates = hasOwn ? [ref.source!] : [...metas.keys()];
      const hits = candidates.map(find).filter((u): u is Unit => u !== undefined);
      // A bare "¶44" with several documents in play is ambiguous: quoting a guess would misattribute.
      return hits.length === 1 ? hits : [];
    });
    // "¶44" and "CTOC/COP/2018/2, para. 44" in one message are one paragraph.
    return [...new Map(found.map((u) => [unitKey(u), u])).values()];
  }

  const status: EngineStatus = {
    mode: indexes.dense ? 'hybrid' : 'keyword',
    model: indexes.dense && embedder ? embedder.id : null,
    modelProblem: indexes.dense ? null : problem,
    units: units.length,
    documents: corpus.documents.length,
  };

  return {
    status: () => ({ ...status }),
    documents: () => infos,
    resolveDocument: (ref) => resolveDocumentRef(ref, [...metas.values()]),
    units: () => units,
    search,
    ask,
    paragraph,
    recommendation,
    recommendations,
    label: (unit: Unit, lang: Lang) => unitLabel(metaOf(unit.source), unit, lang),
    findCitedUnits,
    async close() {
      // An embedder passed in belongs to the caller, who may share it between engines.
      if (opts.embedder === undefined) await embedder?.dispose?.();
    },
  };
}
