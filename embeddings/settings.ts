/** Embedding configuration, read once from the environment (see .env.example) and overridable per call. */
export interface EmbeddingSettings {
  /** False when EMBEDDINGS=off: keyword-only operation, the model is never touched. */
  enabled: boolean;
  /** Hub id (`org/name`) or a folder name under modelsDir. */
  model: string;
  /** A folder laid out `<modelsDir>/<org>/<name>/…` that is searched first; never written to. */
  modelsDir: string | null;
  /** Where first-use and `npm run models:download` downloads go; same layout as modelsDir. */
  cacheDir: string;
  /** Never contact the hub. */
  offline: boolean;
  /** A load gives up after this long without any progress (a stalled network), not after this long in total. */
  timeoutMs: number;
  batchSize: number;
  /** A worker process silent this long while a request waits is declared hung, killed and restarted. */
  workerTimeoutMs: number;
  /** Hub mirror base URL (HF_ENDPOINT, as the Python hub client names it); null for huggingface.co. */
  hubUrl: string | null;
}

export const DEFAULT_MODEL = 'Xenova/multilingual-e5-small';
export const DEFAULT_CACHE_DIR = 'models';
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Texts per forward pass: large enough to amortise the call, small enough that padding to the longest stays cheap. */
export const DEFAULT_BATCH_SIZE = 16;
/** Far above one batch of long paragraphs on a slow machine (seconds), so a build is never mistaken for a hang. */
export const DEFAULT_WORKER_TIMEOUT_MS = 60_000;

const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

/** `extraTrue` names further words meaning "on" for one variable (EMBEDDINGS=auto). */
function flag(name: string, raw: string | undefined, extraTrue: string[] = []): boolean | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const v = raw.trim().toLowerCase();
  const yes = [...extraTrue, ...TRUE_WORDS];
  if (yes.includes(v)) return true;
  if (FALSE_WORDS.includes(v)) return false;
  throw new Error(`${name} must be one of ${[...yes, ...FALSE_WORDS].join(', ')}; got "${raw}".`);
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number; got "${raw}".`);
  return n;
}

function text(raw: string | undefined): string | null {
  const v = raw?.trim();
  return v ? v : null;
}

/** Throws an Error naming the variable when a value is malformed, so a typo is not silently ignored. */
export function embeddingSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): EmbeddingSettings {
  return {
    // auto (default): use the model when it can be loaded; off: keyword-only, never load it.
    enabled: flag('EMBEDDINGS', env.EMBEDDINGS, ['auto']) ?? true,
    model: text(env.EMBEDDING_MODEL) ?? DEFAULT_MODEL,
    modelsDir: text(env.MODELS_DIR),
    cacheDir: text(env.MODELS_CACHE_DIR) ?? DEFAULT_CACHE_DIR,
    offline: flag('OFFLINE', env.OFFLINE) ?? false,
    timeoutMs: positiveInt('MODEL_LOAD_TIMEOUT_MS', env.MODEL_LOAD_TIMEOUT_MS, DEFAULT_TIMEOUT_MS),
    batchSize: positiveInt('EMBEDDING_BATCH_SIZE', env.EMBEDDING_BATCH_SIZE, DEFAULT_BATCH_SIZE),
    workerTimeoutMs: positiveInt('EMBEDDING_WORKER_TIMEOUT_MS', env.EMBEDDING_WORKER_TIMEOUT_MS, DEFAULT_WORKER_TIMEOUT_MS),
    hubUrl: text(env.HF_ENDPOINT),
  };
}
