import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strings } from '../bot/shared/strings.js';
import { extractiveAnswer } from '../retrieval/answer/extractive-answer.js';
import { chatModelFor, llmAnswerChain } from '../retrieval/answer/llm-answer.js';
import { llmConfigFromEnv } from '../retrieval/answer/llm-config.js';
import { NO_ANSWER_TOKEN } from '../retrieval/answer/llm-prompt.js';
import { verifyCitations } from '../retrieval/answer/verify-citations.js';
import { UnitRetriever } from '../retrieval/langchain/index.js';
import { detectLang } from '../retrieval/query/analyzer.js';
import { type CannedReply, type FakeOpenAI, startFakeOpenAI } from './fake-openai/server.js';
import { type AnswerCorpus, loadAnswerCorpus } from './helpers/answer-corpus.js';
import { citationsOf, isNotFound, textOf } from './helpers/answers.js';

const TIMEOUT_MS = 1500;
const ZH_QUESTION = '蓝心运动的全国学校作文比赛有多少学生参加？';
const EN_QUESTION = 'What does the Global Migration Group do?';

let corpus: AnswerCorpus;
let fake: FakeOpenAI;
let model: BaseChatModel;
/** The reply the fake server gives next; each test sets it. */
let nextReply: CannedReply = { content: '' };

beforeAll(async () => {
  corpus = await loadAnswerCorpus();
  fake = await startFakeOpenAI(() => nextReply);
  model = await chatModelFor({ baseURL: fake.baseURL, model: 'fake-model', apiKey: 'test-key', timeoutMs: TIMEOUT_MS });
});
afterAll(async () => {
  await fake.close();
});

/** The chain as the engine builds it, over the corpus retriever of the test corpus. */
function chainFor(log: (m: string) => void) {
  const engine = {
    search: async (q: string, o: { k?: number } = {}) => (await corpus.retrieve(q, o.k)).results,
    label: corpus.catalogue.label.bind(corpus.catalogue),
  };
  const retriever = new UnitRetriever({ engine, k: 10 });
  return llmAnswerChain({ retriever, analyze: (q) => corpus.analyzer.analyze(q), model, ctx: corpus.ctx, timeoutMs: TIMEOUT_MS, log });
}

/** The first retrieved unit, its label in the question's language, and a sentence of it to quote. */
async function topEvidence(question: string) {
  const { results, analysis } = await corpus.retrieve(question);
  const unit = results[0]!.unit;
  const label = corpus.catalogue.label(unit, analysis.lang);
  const sentence = unit.text.split(/(?<=。)/).find((s) => s.length > 10)!;
  return { unit, label, sentence };
}

async function answerWith(reply: CannedReply, question = ZH_QUESTION) {
  nextReply = reply;
  const before = fake.requests.length;
  const logs: string[] = [];
  const answer = await chainFor((m) => logs.push(m)).invoke({ question, replyLang: detectLang(question) });
  return { answer, logs, requests: fake.requests.slice(before) };
}

describe('llmAnswer against a local OpenAI-compatible server', () => {
  it('sends a grounded prompt with every retrieved unit under its label, and keeps verified claims', async () => {
    const { unit, label, sentence } = await topEvidence(ZH_QUESTION);
    const reply = `根据报告，「${sentence}」[${label}]`;
    const { answer, requests } = await answerWith({ content: reply });

    expect(requests).toHaveLength(1);
    const [system, user] = requests[0]!.messages;
    expect(system!.role).toBe('system');
    expect(system!.content).toContain('Every sentence must end with the label');
    expect(system!.content).toContain('simplified Chinese');
    expect(user!.content).toContain(`[${label}]\n${unit.text}`);
    expect(user!.content).toContain(`Question: ${ZH_QUESTION}`);
    expect(requests[0]!.model).toBe('fake-model');

    expect(isNotFound(answer)).toBe(false);
    expect(citationsOf(answer)).toEqual([expect.objectContaining({ source: unit.source, paragraph: unit.paragraph, label, quote: sentence })]);
    expect(textOf(answer, corpus.metas).split('\n')[0]).toBe(`根据报告，「${sentence}」〔${label}〕`);
    expect(textOf(answer, corpus.metas)).toContain('来源：');
    expect(answer.notes).toEqual([]);
    // The same verification as every answer: nothing to remove.
    expect(verifyCitations(answer, corpus.catalogue)).toEqual(answer);
  });

  it('drops a sentence with a fabricated citation and keeps the supported one', async () => {
    const { label, sentence } = await topEvidence(EN_QUESTION);
    const reply = [
      `UNODC is an active member: 「${sentence}」 [${label}]`,
      `It also chairs the group in 2019: 「毒品和犯罪问题办公室担任全球移民小组主席。」 [CTOC/COP/2018/2, para. 99]`,
    ].join('\n');
    const { answer, logs } = await answerWith({ content: reply }, EN_QUESTION);
    expect(isNotFound(answer)).toBe(false);
    expect(citationsOf(answer).map((c) => c.label)).toEqual([label]);
    expect(textOf(answer, corpus.metas)).not.toContain('para. 99');
    expect(textOf(answer, corpus.metas)).not.toContain('chairs');
    expect(answer.notes.map(strings('en').note)).toEqual(['Dropped 1 sentence(s) of the model’s reply that could not be verified.']);
    expect(logs.join('\n')).toContain('cites a label it was not given: CTOC/COP/2018/2, para. 99');
  });

  it('drops a sentence whose "quote" is not verbatim in the unit it cites, and one with no label', async () => {
    const { label, sentence } = await topEvidence(ZH_QUESTION);
    const altered = `${sentence.slice(0, 4)}大学${sentence.slice(4)}`;
    expect(corpus.units.some((u) => u.text.includes(altered))).toBe(false);
    const reply = `「${sentence}」[${label}]\n「${altered}」[${label}]\n学生们都很喜欢。`;
    const { answer, logs } = await answerWith({ content: reply });
    expect(citationsOf(answer)).toHaveLength(1);
    expect(textOf(answer, corpus.metas)).not.toContain('大学');
    expect(textOf(answer, corpus.metas)).not.toContain('喜欢');
    expect(logs.join('\n')).toContain('quote not verbatim');
    expect(logs.join('\n')).toContain('no citation label');
  });

  it('falls back to the extractive answer, with a note, when nothing in the reply can be verified', async () => {
    const extractive = extractiveAnswer(await corpus.retrieve(ZH_QUESTION), corpus.ctx);
    const fabricated = await answerWith({ content: '共有 500,000 名学生参加。「共有500,000名学生参加」[CTOC/COP/2018/2 第99段]' });
    expect(textOf(fabricated.answer, corpus.metas)).toBe(textOf(extractive, corpus.metas));
    expect(fabricated.answer.passages).toEqual(extractive.passages);
    expect(strings('zh').note(fabricated.answer.notes[0]!)).toContain('大语言模型回答不可用');

    for (const reply of [{ content: '' }, { content: NO_ANSWER_TOKEN }, { status: 500, message: 'model crashed' }] as CannedReply[]) {
      const r = await answerWith(reply);
      expect(textOf(r.answer, corpus.metas)).toBe(textOf(extractive, corpus.metas));
      expect(r.answer.notes).toHaveLength(1);
    }
  });

  it('falls back on a timeout without waiting for the server', async () => {
    const started = Date.now();
    const { answer, logs } = await answerWith({ hangMs: 20_000 }, EN_QUESTION);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 3000);
    expect(isNotFound(answer)).toBe(false);
    expect(strings('en').note(answer.notes[0]!)).toMatch(/^LLM answer unavailable \(.*(timeout|timed out).*\); extractive answer shown\.$/i);
    expect(logs.join('\n')).toMatch(/timeout|timed out/i);
  });

  it('does not ask the model about a question the documents do not answer', async () => {
    const { answer, requests } = await answerWith({ content: 'Paris is the capital of France. [CTOC/COP/2018/2, para. 1]' }, 'What is the capital of France?');
    expect(requests).toHaveLength(0);
    expect(answer).toMatchObject({ outcome: 'not-found', passages: [] });
    expect(textOf(answer, corpus.metas)).toBe('Not found in these documents.');
  });
});

describe('llmConfigFromEnv', () => {
  it('reads the endpoint, model, key and timeout', () => {
    expect(llmConfigFromEnv({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'qwen2.5:7b-instruct', LLM_TIMEOUT_MS: '5000' })).toEqual({
      baseURL: 'http://127.0.0.1:11434/v1',
      model: 'qwen2.5:7b-instruct',
      apiKey: 'not-needed',
      timeoutMs: 5000,
    });
    expect(llmConfigFromEnv({ LLM_BASE_URL: 'https://api.openai.com/v1', LLM_MODEL: 'gpt-4o-mini', LLM_API_KEY: 'sk-x' }).apiKey).toBe('sk-x');
  });

  it('names the variable that is missing or wrong', () => {
    expect(() => llmConfigFromEnv({ LLM_MODEL: 'm' })).toThrow(/LLM_BASE_URL/);
    expect(() => llmConfigFromEnv({ LLM_BASE_URL: 'localhost:11434', LLM_MODEL: 'm' })).toThrow(/LLM_BASE_URL must start with http/);
    expect(() => llmConfigFromEnv({ LLM_BASE_URL: 'http://x/v1' })).toThrow(/LLM_MODEL/);
    expect(() => llmConfigFromEnv({ LLM_BASE_URL: 'http://x/v1', LLM_MODEL: 'm', LLM_TIMEOUT_MS: 'soon' })).toThrow(/LLM_TIMEOUT_MS/);
  });
});
