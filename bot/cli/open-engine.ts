import { embeddingProgressBar } from '../../embeddings/progress-bar.js';
import { type EngineOptions, createEngine } from '../../retrieval/engine.js';
import type { Engine } from '../../retrieval/engine-api.js';
import { LookupError } from '../../retrieval/engine-api.js';
import { engineOptionsFromEnv } from '../config.js';

/** The engine as every terminal entry point opens it: settings from the environment, a bar while embedding. */
export function openEngine(extra: Partial<EngineOptions> = {}): Promise<Engine> {
  return createEngine({ ...engineOptionsFromEnv(), onEmbedProgress: embeddingProgressBar('Embedding units'), ...extra });
}

/** A `--doc` value may be a stem, symbol, title or unique stem prefix. */
export function documentArg(engine: Engine, ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  const meta = engine.resolveDocument(ref);
  if (!meta) {
    const known = engine.documents().map((d) => `${d.meta.source}${d.meta.symbol ? ` (${d.meta.symbol})` : ''}`);
    throw new LookupError(`Unknown or ambiguous document “${ref}”. Known documents: ${known.join(', ')}.`);
  }
  return meta.source;
}
