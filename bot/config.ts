import 'dotenv/config';
import type { EngineOptions } from '../retrieval/engine.js';

/** Engine settings from the environment (.env is read once, here). Every variable is documented in .env.example. */
export function engineOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineOptions {
  const embeddings = env.EMBEDDINGS?.toLowerCase();
  if (embeddings && embeddings !== 'auto' && embeddings !== 'off') {
    throw new Error(`EMBEDDINGS must be "auto" or "off", not "${env.EMBEDDINGS}".`);
  }
  return {
    seedsDir: env.SEEDS_DIR || 'seeds',
    indexDir: env.INDEX_DIR || 'data/index',
    embeddings: embeddings === 'off' ? 'off' : 'auto',
    model: env.EMBEDDING_MODEL || undefined,
    modelsDir: env.MODELS_DIR || undefined,
  };
}
