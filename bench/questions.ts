import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseEvalFile } from '../retrieval/eval/evaluate.js';
import type { Unit } from '../retrieval/types.js';

/** The shared dev set, beside a clone of the project. */
export const DEV_SET = '../shared/eval/dev_qa.jsonl';
/** The project's own question files, used when the dev set is not there. */
export const TEST_QUESTION_FILES = ['test/data/answerable.jsonl', 'test/data/out-of-domain.jsonl'];

export interface QuestionSet {
  /** Where the questions came from, for the report. */
  source: string;
  /** Set when the preferred source was missing, to be printed. */
  fallback: string | null;
  questions: string[];
}

async function questionsIn(files: string[]): Promise<string[]> {
  const lists = await Promise.all(files.map(async (f) => parseEvalFile(await readFile(f, 'utf8')).map((i) => i.question)));
  return lists.flat();
}

/** Question-like probes cut from the units themselves: the opening clause of every few units. */
export function questionsFromUnits(units: readonly Unit[], count: number): string[] {
  const step = Math.max(1, Math.floor(units.length / count));
  const out: string[] = [];
  for (let i = 0; i < units.length && out.length < count; i += step) {
    const clause = units[i].text
      .split(/[，。；：,.;:]/)[0]
      .trim()
      .slice(0, 40);
    if (clause) out.push(clause);
  }
  return out;
}

export interface QuestionSources {
  /** An explicit question file (--questions): used as is. */
  file?: string;
  devSet?: string;
  testFiles?: readonly string[];
}

/**
 * The dev set when it is beside the project (or `file` when given), else the project's test questions, else
 * probes cut from the seeds, so the bench runs from any fresh clone and says which it used.
 */
export async function loadBenchQuestions(units: readonly Unit[], sources: QuestionSources = {}): Promise<QuestionSet> {
  const { file, devSet = DEV_SET, testFiles = TEST_QUESTION_FILES } = sources;
  if (file) return { source: file, fallback: null, questions: await questionsIn([file]) };
  if (existsSync(devSet)) return { source: devSet, fallback: null, questions: await questionsIn([devSet]) };
  const present = testFiles.filter((f) => existsSync(f));
  if (present.length > 0) {
    const fallback = `${devSet} not found: using the project's test questions instead`;
    return { source: present.join(' + '), fallback, questions: await questionsIn(present) };
  }
  const missing = [devSet, ...testFiles].join(', ');
  return { source: 'seeds', fallback: `${missing} not found: using clauses cut from the seeds`, questions: questionsFromUnits(units, 50) };
}

/** `questions` repeated in order until there are at least `min`: percentiles over a few dozen would be noise. */
export function atLeast(questions: readonly string[], min: number): string[] {
  if (questions.length === 0) throw new RangeError('no questions');
  return Array.from({ length: Math.ceil(min / questions.length) * questions.length }, (_, i) => questions[i % questions.length]);
}
