/**
 * Optional LLM answers (ANSWER_MODE=llm) through LangChain's ChatOpenAI, against any OpenAI-compatible
 * endpoint (OpenAI, Ollama, vLLM, llama.cpp's server). The model sees only the retrieved units with their
 * labels; its reply is checked claim by claim, and anything that fails — or a timeout, an error, an empty
 * reply — falls back to the extractive answer with a note. The extractive answer also decides abstention:
 * a model is not asked about what retrieval could not support.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { NO_ANSWER_TOKEN, systemPrompt, userPrompt } from './answer/llm-prompt.js';
import { type Claim, type LabelledUnit, parseReply } from './answer/llm-reply.js';
import { type AnswerInput, citationOf, extractiveAnswer, sourcesList } from './extractive-answer.js';
import { citationMarker, unitLabel } from './labels.js';
import type { LlmConfig } from './llm-config.js';
import type { Answer, Citation, Lang } from './types.js';

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

export interface LlmAnswerInput extends AnswerInput {
  model: BaseChatModel;
  timeoutMs: number;
  log?: (msg: string) => void;
}

class LlmTimeout extends Error {}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LlmTimeout(`no reply after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function replyText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'string' ? p : ((p as { text?: string }).text ?? ''))).join('');
  return '';
}

const FALLBACK_NOTE: Record<Lang, (why: string) => string> = {
  en: (why) => `LLM answer unavailable (${why}); extractive answer shown.`,
  zh: (why) => `大语言模型回答不可用（${why}），以下为摘录式回答。`,
};

function toAnswer(claims: Claim[], base: Answer, input: AnswerInput, droppedCount: number): Answer {
  const lang = base.lang;
  const citations: Citation[] = [];
  const lines = claims.map((claim) => {
    const labels: string[] = [];
    for (const e of claim.evidence) {
      const { unit, label } = e.cited;
      if (!citations.some((c) => c.label === label && c.quote === e.quote)) {
        const score = input.results.find((r) => r.unit === unit)?.score ?? 0;
        citations.push(citationOf(unit, input.metas.get(unit.source)!, lang, e.quote, score));
      }
      if (!labels.includes(label)) labels.push(label);
    }
    return `${claim.text}${labels.map((l) => citationMarker(l, lang)).join('')}`;
  });
  const notes =
    droppedCount === 0
      ? []
      : [lang === 'zh' ? `已删除模型回答中 ${droppedCount} 个无法核实的句子。` : `Dropped ${droppedCount} sentence(s) of the model’s reply that could not be verified.`];
  return { ...base, answer: [...lines, '', sourcesList(citations, input.metas, lang)].join('\n'), citations, notes };
}

export async function llmAnswer(input: LlmAnswerInput): Promise<Answer> {
  const log = input.log ?? (() => {});
  const extractive = extractiveAnswer(input);
  if (extractive.abstained) return extractive;
  const lang = extractive.lang;
  const fallback = (why: string): Answer => {
    log(`LLM fallback: ${why}`);
    return { ...extractive, notes: [...extractive.notes, FALLBACK_NOTE[lang](why)] };
  };

  const given: LabelledUnit[] = input.results
    .slice(0, PROMPT_UNITS)
    .filter((r) => input.metas.has(r.unit.source))
    .map((r) => ({ label: unitLabel(input.metas.get(r.unit.source)!, r.unit, lang), unit: r.unit }));
  const messages = [
    new SystemMessage(systemPrompt(lang)),
    new HumanMessage(userPrompt(input.question, given.map((g) => ({ label: g.label, text: g.unit.text })))),
  ];

  let reply: string;
  try {
    const message = await withTimeout(input.model.invoke(messages), input.timeoutMs);
    reply = replyText(message.content).trim();
  } catch (err) {
    return fallback(err instanceof LlmTimeout ? `timeout: ${err.message}` : `error: ${(err as Error).message}`);
  }
  if (!reply) return fallback('empty reply');
  if (reply === NO_ANSWER_TOKEN) return fallback('the model found no answer in the retrieved paragraphs');

  const parsed = parseReply(reply, given);
  for (const d of parsed.dropped) log(`LLM sentence dropped (${d.reason}): ${d.text.slice(0, 80)}`);
  if (parsed.claims.length === 0) return fallback('no sentence of the reply could be verified');
  return toAnswer(parsed.claims, extractive, input, parsed.dropped.length);
}
