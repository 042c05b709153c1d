/** Settings of the optional LLM answer mode; kept apart from llm-answer.ts so reading them loads no LLM client. */
export interface LlmConfig {
  baseURL: string;
  model: string;
  /** Local servers ignore it, but the OpenAI client refuses to start without one. */
  apiKey: string;
  timeoutMs: number;
}

export const DEFAULT_LLM_TIMEOUT_MS = 30_000;

/** Reads LLM_BASE_URL, LLM_MODEL, LLM_API_KEY and LLM_TIMEOUT_MS; throws a message naming the bad variable. */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig {
  const baseURL = env.LLM_BASE_URL?.trim();
  const model = env.LLM_MODEL?.trim();
  if (!baseURL) throw new Error('ANSWER_MODE=llm needs LLM_BASE_URL (e.g. http://127.0.0.1:11434/v1 for Ollama).');
  if (!/^https?:\/\//.test(baseURL)) throw new Error(`LLM_BASE_URL must start with http:// or https://, not "${baseURL}".`);
  if (!model) throw new Error('ANSWER_MODE=llm needs LLM_MODEL (e.g. qwen2.5:7b-instruct).');
  const rawTimeout = env.LLM_TIMEOUT_MS?.trim();
  const timeoutMs = rawTimeout ? Number(rawTimeout) : DEFAULT_LLM_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new Error(`LLM_TIMEOUT_MS must be a positive integer (milliseconds), not "${rawTimeout}".`);
  return { baseURL, model, apiKey: env.LLM_API_KEY?.trim() || 'not-needed', timeoutMs };
}
