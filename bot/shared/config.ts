import 'dotenv/config';
import { type EngineOptions, llmConfigFromEnv } from '../../retrieval/index.js';

/**
 * Engine settings from the environment (.env is read once, here). The embedding variables (EMBEDDINGS,
 * EMBEDDING_MODEL, MODELS_DIR, …) are read by embeddings/settings.ts; every variable is in .env.example.
 */
export function engineOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineOptions {
  const mode = (env.ANSWER_MODE || 'extractive').trim().toLowerCase();
  if (mode !== 'extractive' && mode !== 'llm') throw new Error(`ANSWER_MODE must be "extractive" or "llm", not "${env.ANSWER_MODE}".`);
  return {
    seedsDir: env.SEEDS_DIR || 'seeds',
    indexDir: env.INDEX_DIR || 'data/index',
    llm: mode === 'llm' ? llmConfigFromEnv(env) : null,
  };
}
