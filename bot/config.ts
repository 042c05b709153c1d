import 'dotenv/config';
import type { EngineOptions } from '../retrieval/engine.js';

/**
 * Engine settings from the environment (.env is read once, here). The embedding variables (EMBEDDINGS,
 * EMBEDDING_MODEL, MODELS_DIR, …) are read by embeddings/settings.ts; every variable is in .env.example.
 */
export function engineOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineOptions {
  return {
    seedsDir: env.SEEDS_DIR || 'seeds',
    indexDir: env.INDEX_DIR || 'data/index',
  };
}
