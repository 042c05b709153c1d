/** The engine as every entry point opens it (terminal chat, CLI tools, Discord): settings from the environment. */
import { embeddingProgressBar } from '../../embeddings/index.js';
import { createEngine, type Engine, type EngineOptions } from '../../retrieval/index.js';
import { engineOptionsFromEnv } from './config.js';

/** The progress bar shown while units are embedded for the index. */
export function indexProgress(): (done: number, total: number) => void {
  return embeddingProgressBar('Embedding units');
}

export function openEngine(extra: Partial<EngineOptions> = {}): Promise<Engine> {
  return createEngine({ ...engineOptionsFromEnv(), onEmbedProgress: indexProgress(), ...extra });
}

/** A `--doc` value (stem, symbol, title or unique stem prefix) as a document id; unknown or ambiguous ones throw. */
export function documentArg(engine: Engine, ref: string | undefined): string | undefined {
  return ref === undefined ? undefined : engine.document(ref).source;
}
