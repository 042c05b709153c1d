import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HASHED_NGRAM_MODEL } from '../embeddings/hashed-ngram-embedder.js';
import { modelProfile, requiredModelFiles } from '../embeddings/model-profiles.js';
import { DEFAULT_CACHE_DIR, DEFAULT_MODEL } from '../embeddings/settings.js';

export const E5_SIZED_MODEL = 'e5-small-random';
export const FIXTURE_MODEL = 'tiny-random-bert';
export const FIXTURE_DIR = 'test/fixtures/models';

export type ModelKind = 'real model' | 'e5-small-sized random model' | 'test fixture (tiny random model)' | 'hashed n-gram test embedder';

export interface ModelChoice {
  model: string;
  modelsDir: string;
  kind: ModelKind;
}

function kindOf(model: string): ModelKind {
  if (model === FIXTURE_MODEL) return 'test fixture (tiny random model)';
  if (model === E5_SIZED_MODEL) return 'e5-small-sized random model';
  return 'real model';
}

/** The informative test embedder, which runs in the bench's own process and has no files. */
const HASHED_NGRAMS: ModelChoice = { model: HASHED_NGRAM_MODEL, modelsDir: '', kind: 'hashed n-gram test embedder' };

/**
 * The model the dense figures use, never downloaded: `requested` (or EMBEDDING_MODEL) wherever it is, or the
 * hashed n-gram test embedder when `requested` names it (HASHED_NGRAM_MODEL); else the
 * default real model if MODELS_DIR or the cache has it; else the e5-small-sized random model if it was built
 * (scripts/make-tiny-model.py --e5-small-size); else the test fixture. Null when EMBEDDINGS=off.
 */
export function chooseBenchModel(env: NodeJS.ProcessEnv, requested?: string): ModelChoice | null {
  if (env.EMBEDDINGS?.trim().toLowerCase() === 'off') return null;
  const dirs = [env.MODELS_DIR?.trim(), env.MODELS_CACHE_DIR?.trim() || DEFAULT_CACHE_DIR, FIXTURE_DIR].filter((d): d is string => !!d);
  const find = (model: string) => {
    const files = requiredModelFiles(modelProfile(model).dtype);
    const dir = dirs.find((d) => files.every((f) => existsSync(join(d, model, f))));
    return dir ? { model, modelsDir: dir, kind: kindOf(model) } : null;
  };
  if (requested === HASHED_NGRAM_MODEL) return HASHED_NGRAMS;
  const wanted = requested ?? env.EMBEDDING_MODEL?.trim();
  if (wanted) {
    const found = find(wanted);
    if (!found) throw new Error(`model ${wanted} is not in ${dirs.join(', ')}; the bench never downloads`);
    return found;
  }
  return find(DEFAULT_MODEL) ?? find(E5_SIZED_MODEL) ?? find(FIXTURE_MODEL);
}
