/**
 * Optional LLM answers (ANSWER_MODE=llm) as a LangChain runnable chain over the corpus retriever:
 * retrieve → gate (the extractive answer decides whether the documents answer at all) → grounded prompt →
 * any OpenAI-compatible chat model → reply parsed claim by claim. The model sees only the retrieved units
 * under their labels; a claim whose quote is not verbatim in the unit it cites is dropped, and a timeout,
 * an error or a reply with nothing checkable falls back to the extractive answer with a note.
 */
import type { Document } from '@langchain/core/documents';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import type { BaseRetriever } from '@langchain/core/retrievers';
import { type Runnable, RunnableLambda, RunnableSequence } from '@langchain/core/runnables';
import type { UnitMetadata } from '../langchain/unit-retriever.js';
import type { Answer, AnswerNote, Lang, Passage, QueryAnalysis, ScoredUnit, Unit } from '../types.js';
import type { AnswerContext } from './context.js';
import { extractiveAnswer } from './extractive-answer.js';
import type { LlmConfig } from './llm-config.js';
import { NO_ANSWER_TOKEN, systemPrompt, userPrompt } from './llm-prompt.js';
import { type Claim, type LabelledUnit, parseReply } from './llm-reply.js';

/** Units given to the model: enough for parallel paragraphs, few enough for small local models. */
const PROMPT_UNITS = 5;

/** Imported on demand: @langchain/openai costs ~0.9 s of start-up, and the default extractive mode never needs it. */
export async function chatModelFor(config: LlmConfig): Promise<BaseChatModel> {
  const { ChatOpenAI } = await import('@langchain/openai');
  return new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    temperature: 0,
    timeout: config.timeoutMs,
    // A retry would double the wait before the fallback; the extractive answer is always there.
    maxRetries: 0,
    configuration: { baseURL: config.baseURL },
  });
}

export interface LlmQuestion {
  /** The question as retrieval should see it (follow-ups already resolved). */
  question: string;
  replyLang: Lang;
  referenced?: Unit[];
}

export interface LlmChainDeps {
  retriever: BaseRetriever<UnitMetadata>;
  analyze(question: string): QueryAnalysis;
  model: BaseChatModel;
  ctx: AnswerContext;
  timeoutMs: number;
  log?: (msg: string) => void;
}

/** The model's system and user messages; their text is inserted as values, so braces in documents are safe. */
const PROMPT = ChatPromptTemplate.fromMessages([
  ['system', '{system}'],
  ['human', '{user}'],
]);

function scoredUnits(documents: Document<UnitMetadata>[], ctx: AnswerContext): ScoredUnit[] {
  return documents.flatMap((d) => {
    const unit = ctx.units.unit(d.metadata.unitKey);
    return unit ? [{ unit, score: d.metadata.score }] : [];
  });
}

/** Verified claims as passages: each quote under the units that hold it, with the model's sentence. */
function claimPassages(claims: Claim[], results: ScoredUnit[], lang: Lang, ctx: AnswerContext): Passage[] {
  return claims.flatMap((claim) =>
    claim.evidence.map(({ quote, cited }) => ({
      quote,
      citations: [ctx.units.citation(cited.unit, lang)],
      role: 'answer' as const,
      score: results.find((r) => r.unit === cited.unit)?.score ?? 0,
      claim: claim.text,
    })),
  );
}

export function llmAnswerChain(deps: LlmChainDeps): Runnable<LlmQuestion, Answer> {
  const { ctx, model } = deps;
  const log = deps.log ?? (() => {});
  const reply = PROMPT.pipe(model).pipe(new StringOutputParser());

  async function answerFrom(input: LlmQuestion & { documents: Document<UnitMetadata>[] }): Promise<Answer> {
    const results = scoredUnits(input.documents, ctx);
    const extractive = extractiveAnswer({ analysis: deps.analyze(input.question), results, referenced: input.referenced, replyLang: input.replyLang }, ctx);
    // A model is not asked about what retrieval could not support.
    if (extractive.outcome === 'not-found') return extractive;
    const lang = extractive.lang;
    const fallback = (why: string): Answer => {
      log(`LLM fallback: ${why}`);
      return { ...extractive, notes: [...extractive.notes, { code: 'llm-fallback', reason: why }] };
    };
    const given: LabelledUnit[] = results.slice(0, PROMPT_UNITS).map((r) => ({ label: ctx.units.label(r.unit, lang), unit: r.unit }));
    const signal = AbortSignal.timeout(deps.timeoutMs);
    let text: string;
    try {
      text = (
        await reply.invoke(
          {
            system: systemPrompt(lang),
            user: userPrompt(
              input.question,
              given.map((g) => ({ label: g.label, text: g.unit.text })),
            ),
          },
          { signal },
        )
      ).trim();
    } catch (err) {
      return fallback(signal.aborted ? `timeout: no reply after ${deps.timeoutMs} ms` : `error: ${(err as Error).message}`);
    }
    if (!text) return fallback('empty reply');
    if (text === NO_ANSWER_TOKEN) return fallback('the model found no answer in the retrieved paragraphs');
    const parsed = parseReply(text, given);
    for (const d of parsed.dropped) log(`LLM sentence dropped (${d.reason}): ${d.text.slice(0, 80)}`);
    if (parsed.claims.length === 0) return fallback('no sentence of the reply could be verified');
    const notes: AnswerNote[] = parsed.dropped.length ? [{ code: 'llm-sentences-dropped', count: parsed.dropped.length }] : [];
    return { ...extractive, passages: claimPassages(parsed.claims, results, lang, ctx), notes };
  }

  const retrieve = RunnableLambda.from(async (input: LlmQuestion) => ({ ...input, documents: await deps.retriever.invoke(input.question) }));
  return RunnableSequence.from([retrieve, RunnableLambda.from(answerFrom)]);
}
