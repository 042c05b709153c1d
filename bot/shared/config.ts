import 'dotenv/config';
import {
  type CalibrationFiles,
  DEFAULT_CITATION_URL_PATTERN,
  DEFAULT_STANDOUT,
  type EngineOptions,
  type FusionSetting,
  llmConfigFromEnv,
  urlPatternProblem,
} from '../../retrieval/index.js';

function number(name: string, raw: string, min: number): number {
  const n = Number(raw.trim());
  if (!Number.isFinite(n) || n < min || raw.trim() === '') throw new Error(`${name} must be a number of at least ${min}; got "${raw}".`);
  return n;
}

/** DENSE_WEIGHT (unset or `auto`: calibrated), with DENSE_STANDOUT and DENSE_ONLY: a fusion chosen by hand. */
export function fusionFromEnv(env: NodeJS.ProcessEnv): FusionSetting | undefined {
  const weight = env.DENSE_WEIGHT?.trim().toLowerCase();
  if (!weight || weight === 'auto') return undefined;
  const only = env.DENSE_ONLY?.trim().toLowerCase() ?? '';
  if (!['', '0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'].includes(only)) throw new Error(`DENSE_ONLY must be 1 or 0; got "${env.DENSE_ONLY}".`);
  return {
    denseWeight: number('DENSE_WEIGHT', weight, 0),
    standout: env.DENSE_STANDOUT?.trim() ? number('DENSE_STANDOUT', env.DENSE_STANDOUT, Number.NEGATIVE_INFINITY) : DEFAULT_STANDOUT,
    denseOnly: ['1', 'true', 'yes', 'on'].includes(only),
  };
}

/** CALIBRATION_QUESTIONS / CALIBRATION_KEYS: comma-separated JSONL files (unset: the project's own; `off`: none). */
export function calibrationFromEnv(env: NodeJS.ProcessEnv): CalibrationFiles | null | undefined {
  const list = (raw: string | undefined) =>
    raw
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean);
  const questions = list(env.CALIBRATION_QUESTIONS);
  if (!questions?.length) return undefined;
  if (questions.length === 1 && questions[0]!.toLowerCase() === 'off') return null;
  return { questions, keys: list(env.CALIBRATION_KEYS) ?? [] };
}

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
    fusion: fusionFromEnv(env),
    calibration: calibrationFromEnv(env),
  };
}
