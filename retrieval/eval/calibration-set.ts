/**
 * The labelled questions fusion is calibrated on: JSON Lines of questions (`{"id", "lang", "question", "gold"}`,
 * as `npm run eval` reads them; no gold: the documents do not answer it) and of answer keys (`{"id", "keys"}`).
 * The project's own sets ship with it; CALIBRATION_QUESTIONS / CALIBRATION_KEYS name others.
 */
import { readFile } from 'node:fs/promises';
import { sha256 } from '../util/sha256.js';
import { type AnswerKey, parseKeysFile } from './answer-metrics.js';
import { type EvalItem, parseEvalFile } from './evaluate.js';

export const DEFAULT_CALIBRATION_QUESTIONS = ['test/data/tune/qa.jsonl', 'test/data/answerable.jsonl'];
export const DEFAULT_CALIBRATION_KEYS = ['test/data/tune/keys.jsonl'];

export interface CalibrationFiles {
  questions: readonly string[];
  keys: readonly string[];
}

export interface CalibrationSet {
  /** sha256 of the files' names and contents: a calibration is redone when they change. */
  id: string;
  items: EvalItem[];
  keys: Map<string, AnswerKey>;
}

async function readAll(files: readonly string[]): Promise<string[]> {
  return Promise.all(
    files.map((file) =>
      readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new Error(`labelled questions ${file} cannot be read (${err.code ?? err.message})`);
      }),
    ),
  );
}

/** Reads and checks the files; a missing or malformed one is an Error naming it. */
export async function readCalibrationSet(files: CalibrationFiles): Promise<CalibrationSet> {
  const [questionTexts, keyTexts] = await Promise.all([readAll(files.questions), readAll(files.keys)]);
  const items: EvalItem[] = [];
  const ids = new Set<string>();
  questionTexts.forEach((text, i) => {
    let parsed: EvalItem[];
    try {
      parsed = parseEvalFile(text);
    } catch (err) {
      throw new Error(`labelled questions ${files.questions[i]}: ${(err as Error).message}`);
    }
    for (const item of parsed) {
      if (ids.has(item.id)) throw new Error(`labelled questions ${files.questions[i]}: id ${item.id} is used twice`);
      ids.add(item.id);
      items.push(item);
    }
  });
  const keys = new Map<string, AnswerKey>();
  keyTexts.forEach((text, i) => {
    try {
      for (const [id, key] of parseKeysFile(text)) keys.set(id, key);
    } catch (err) {
      throw new Error(`answer keys ${files.keys[i]}: ${(err as Error).message}`);
    }
  });
  const named = [...files.questions, ...files.keys].map((f, i) => `${f}\n${[...questionTexts, ...keyTexts][i]}`);
  return { id: sha256(named.join('\n\0\n')), items, keys };
}

/**
 * The questions that apply to this corpus: answerable ones keep the gold paragraphs it has (none left: the
 * question is about a document it does not hold, and is dropped); unanswerable ones apply while some answerable
 * one does (they were written against the same documents).
 */
export function applicableItems(items: readonly EvalItem[], has: (source: string, paragraph: number) => boolean): EvalItem[] {
  const answerable = items.flatMap((item) => {
    if (!item.gold?.length) return [];
    const gold = item.gold.filter((g) => has(g.source, g.paragraph));
    return gold.length ? [{ ...item, gold }] : [];
  });
  return answerable.length ? [...answerable, ...items.filter((i) => !i.gold?.length)] : [];
}
