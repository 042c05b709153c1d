import 'dotenv/config';
import { DEFAULT_CITATION_URL_PATTERN, type EngineOptions, llmConfigFromEnv, urlPatternProblem } from '../../retrieval/index.js';

/**
 * Engine settings from the environment (.env is read once, here). The embedding variables (EMBEDDINGS,
 * EMBEDDING_MODEL, MODELS_DIR, …) are read by embeddings/settings.ts; every variable is in .env.example.
 */
export function engineOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineOptions {
  const mode = (env.ANSWER_MODE || 'extractive').trim().toLowerCase();
  if (mode !== 'extractive' && mode !== 'llm') throw new Error(`ANSWER_MODE must be "extractive" or "llm", not "${env.ANSWER_MODE}".`);
  const citationUrlPattern = env.CITATION_URL_PATTERN?.trim() || DEFAULT_CITATION_URL_PATTERN;
  const problem = urlPatternProblem(citationUrlPattern);
  if (problem) throw new Error(`CITATION_URL_PATTERN "${citationUrlPattern}" cannot make links: ${problem} (e.g. ${DEFAULT_CITATION_URL_PATTERN}).`);
  return {
    citationUrlPattern,
    seedsDir: env.SEEDS_DIR || 'seeds',
    indexDir: env.INDEX_DIR || 'data/index',
    llm: mode === 'llm' ? llmConfigFromEnv(env) : null,
  };
}
