import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { env, type FeatureExtractionPipeline, type PretrainedModelOptions, type ProgressCallback, pipeline } from '@huggingface/transformers';
import { describeLoadError } from './describe-load-error.js';
import { LocalEmbedder } from './local-embedder.js';
import { type ModelDtype, modelProfile, requiredModelFiles } from './model-profiles.js';
import { modelDownloadProgress } from './progress-bar.js';
import { type EmbeddingSettings, embeddingSettingsFromEnv } from './settings.js';
import { stallGuard } from './stall-guard.js';

export type { EmbedProgress } from './local-embedder.js';
export { LocalEmbedder } from './local-embedder.js';

export type EmbedderLoad =
  | {
      ok: true;
      embedder: LocalEmbedder;
      /** The folder the model files were read from. */
      location: string;
      downloaded: boolean;
    }
  | {
      ok: false;
      /** True when EMBEDDINGS=off asked for keyword-only mode: not a problem worth a warning. */
      disabled: boolean;
      /** Short reason, e.g. "network unreachable: getaddrinfo ENOTFOUND huggingface.co". */
      cause: string;
      /** The one warning to show the user: what failed, what to do, what happens now. */
      problem: string;
    };

export interface LoadEmbedderOptions extends Partial<EmbeddingSettings> {
  /** Overrides the model's usual dtype (e.g. 'fp32' to compare against the quantized file). */
  dtype?: ModelDtype;
  /**
   * False for a model that only embeds questions: onnxruntime's memory arena makes corpus batches faster (≈ 1.6× on
   * an e5-small-sized model) but keeps what the largest batch needed (≈ 1 GB); a question needs no arena.
   */
  memoryArena?: boolean;
  /**
   * transformers.js loading events. Left undefined, a download from the hub draws a progress bar on stderr;
   * null keeps every load silent.
   */
  onProgress?: ProgressCallback | null;
}

// The generic `pipeline` signature is a union over every task, too large for tsc to check (TS2590).
const featureExtraction = pipeline as unknown as (
  task: 'feature-extraction',
  model: string,
  options: PretrainedModelOptions,
) => Promise<FeatureExtractionPipeline>;

/** Hub ids and local folder names: `name` or `org/name`, no path tricks. */
const MODEL_ID = /^[\w.-]+(\/[\w.-]+)?$/;
const DEFAULT_HUB = 'https://huggingface.co/';
const GET_HELP = 'Set MODELS_DIR to a folder holding it, or run `npm run models:download` when online.';

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function failure(model: string, cause: string, help: string): EmbedderLoad {
  return {
    ok: false,
    disabled: false,
    cause,
    problem: `Embedding model ${model} could not be loaded (${cause}). ${help} Continuing in keyword-only mode.`,
  };
}

function holdsModel(root: string, model: string, files: string[]): boolean {
  return files.every((f) => existsSync(join(root, model, f)));
}

/** transformers.js keeps its settings in one global object, so loads must not interleave. */
let loading: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = loading.then(job, job);
  loading = run.catch(() => {});
  return run;
}

interface Attempt {
  settings: EmbeddingSettings;
  dtype: ModelDtype;
  memoryArena: boolean;
  /** Folder laid out `<root>/<model>/…` that transformers.js reads (and, when remote, downloads into). */
  root: string;
  remote: boolean;
  onProgress: ProgressCallback | null;
}

/**
 * Opens the model with transformers.js under a stall guard. On a timeout the pipeline keeps running in the
 * background (transformers.js cannot be cancelled); whatever it produces later is disposed.
 */
async function open(a: Attempt): Promise<LocalEmbedder> {
  const { settings, dtype } = a;
  env.allowLocalModels = true;
  env.allowRemoteModels = a.remote;
  env.localModelPath = a.root;
  env.cacheDir = a.root;
  const hub = settings.hubUrl ?? DEFAULT_HUB;
  env.remoteHost = hub.endsWith('/') ? hub : `${hub}/`;

  const guard = stallGuard(settings.timeoutMs);
  const profile = modelProfile(settings.model);
  const work = (async () => {
    const extractor = await featureExtraction('feature-extraction', settings.model, {
      dtype,
      session_options: a.memoryArena ? {} : { enableCpuMemArena: false, enableMemPattern: false },
      progress_callback: (info) => {
        guard.touch();
        a.onProgress?.(info);
      },
    });
    guard.touch();
    try {
      return await LocalEmbedder.create(extractor, settings.model, profile, settings.batchSize);
    } catch (err) {
      await extractor.dispose();
      throw err;
    }
  })();
  try {
    return await guard.watch(work);
  } catch (err) {
    work.then(
      (late) => late.dispose(),
      () => {},
    );
    throw err;
  }
}

/** Renames each file over its counterpart, leaving other files in `to` (e.g. another dtype's ONNX file) alone. */
async function moveFiles(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = relative(from, join(entry.parentPath, entry.name));
    await mkdir(dirname(join(to, file)), { recursive: true });
    await rename(join(from, file), join(to, file));
  }
}

/** Downloads into a private staging folder, then renames the files into the cache: a half-downloaded file never looks complete. */
async function download(settings: EmbeddingSettings, dtype: ModelDtype, onProgress: ProgressCallback | null): Promise<EmbedderLoad> {
  const cache = resolve(settings.cacheDir);
  const staging = join(cache, `.download-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const embedder = await open({ settings, dtype, memoryArena: true, root: staging, remote: true, onProgress });
    const dest = join(cache, settings.model);
    try {
      await moveFiles(join(staging, settings.model), dest);
    } catch (err) {
      await embedder.dispose();
      throw err;
    }
    return { ok: true, embedder, location: dest, downloaded: true };
  } catch (err) {
    return failure(settings.model, describeLoadError(err), GET_HELP);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function loadWith(settings: EmbeddingSettings, opts: LoadEmbedderOptions): Promise<EmbedderLoad> {
  const { model } = settings;
  if (!MODEL_ID.test(model) || model.includes('..')) {
    return failure(model, 'not a model id: expected `name` or `org/name`', 'Check EMBEDDING_MODEL.');
  }
  const dtype = opts.dtype ?? modelProfile(model).dtype;
  const files = requiredModelFiles(dtype);
  const roots = [settings.modelsDir, settings.cacheDir].filter((d): d is string => d !== null).map((d) => resolve(d));
  const local = roots.find((root) => holdsModel(root, model, files));
  if (local) {
    try {
      const embedder = await open({ settings, dtype, memoryArena: opts.memoryArena ?? true, root: local, remote: false, onProgress: opts.onProgress ?? null });
      return { ok: true, embedder, location: join(local, model), downloaded: false };
    } catch (err) {
      const where = join(local, model);
      return failure(model, `files in ${where} are unusable: ${describeLoadError(err)}`, `Replace or delete ${where}.`);
    }
  }
  if (settings.offline) {
    const looked = roots.map((r) => join(r, model)).join(' or ');
    return failure(model, `no copy in ${looked}, and OFFLINE=1 forbids downloading`, GET_HELP);
  }
  const onProgress = opts.onProgress === undefined ? modelDownloadProgress(model) : opts.onProgress;
  return download(settings, dtype, onProgress);
}

/**
 * Loads the embedding model: from MODELS_DIR, else from the download cache, else from the hub (unless
 * offline). Never throws and never hangs: every failure, including a malformed setting, resolves to
 * `ok: false` with a message meant to be printed once.
 */
export async function loadEmbedder(opts: LoadEmbedderOptions = {}): Promise<EmbedderLoad> {
  let settings: EmbeddingSettings;
  try {
    settings = { ...embeddingSettingsFromEnv(), ...withoutUndefined(opts) };
  } catch (err) {
    const cause = `invalid configuration: ${(err as Error).message}`;
    return { ok: false, disabled: false, cause, problem: `Embedding settings are invalid (${(err as Error).message}). Continuing in keyword-only mode.` };
  }
  if (!settings.enabled) {
    return { ok: false, disabled: true, cause: 'EMBEDDINGS=off', problem: 'Embeddings are off (EMBEDDINGS=off): keyword-only mode.' };
  }
  return oneAtATime(() => loadWith(settings, opts));
}
