/**
 * Reading an eval question set (JSON Lines): every line is checked, and every problem reported with its line, so
 * a typo can neither stop the run half-way nor skew the figures silently (a gold entry naming a symbol instead of a
 * file stem, a paragraph given as a string or beyond the document would otherwise just score as a miss). Problems
 * are data; the CLI words them and exits 2.
 */
import { readFile } from 'node:fs/promises';
import type { Engine } from '../api.js';
import { InputError } from '../errors.js';

export interface EvalItem {
  id: string;
  /** `zh` or `en`; `unknown` when the line does not say. */
  lang: string;
  question: string;
  /** Absent: the documents do not answer the question and the system should abstain. */
  gold?: { source: string; paragraph: number }[];
}

export const EVAL_LANGS = ['zh', 'en'] as const;

export type EvalLineProblem = { line: number } & (
  | { code: 'not-json' }
  | { code: 'not-an-object' }
  | { code: 'missing-field'; field: 'id' | 'question' }
  | { code: 'not-text'; field: 'id' | 'question' | 'lang' }
  | { code: 'duplicate-id'; id: string; firstLine: number }
  | { code: 'unknown-lang'; lang: string }
  | { code: 'gold-not-a-list' }
  | { code: 'gold-empty' }
  | { code: 'gold-entry-shape'; index: number }
  | { code: 'unknown-source'; index: number; source: string; stem: string | null }
  | { code: 'paragraph-not-whole'; index: number; value: unknown }
  | { code: 'paragraph-missing'; index: number; source: string; paragraph: number; first: number; last: number }
);

/** Everything wrong with an eval file: no line at all (`empty`), the file unreadable, or the lines' problems. */
export type EvalFileProblem = { file: string } & ({ code: 'empty' } | { code: 'unreadable'; reason: string } | { code: 'lines'; problems: EvalLineProblem[] });

/** An item with the line it came from, for the checks that need the corpus. */
export interface EvalLine {
  line: number;
  item: EvalItem;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The syntax and shape of each line; the gold's sources and paragraphs are checked against the corpus later. */
export function parseEvalLines(text: string): { lines: EvalLine[]; problems: EvalLineProblem[] } {
  const lines: EvalLine[] = [];
  const problems: EvalLineProblem[] = [];
  const firstLineOf = new Map<string, number>();
  for (const [i, raw] of text.split('\n').entries()) {
    const line = i + 1;
    if (!raw.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line, code: 'not-json' });
      continue;
    }
    if (!isObject(value)) {
      problems.push({ line, code: 'not-an-object' });
      continue;
    }
    const before = problems.length;
    for (const field of ['id', 'question'] as const) {
      if (value[field] === undefined) problems.push({ line, code: 'missing-field', field });
      else if (typeof value[field] !== 'string' || !value[field].trim()) problems.push({ line, code: 'not-text', field });
    }
    if (value.lang !== undefined && typeof value.lang !== 'string') problems.push({ line, code: 'not-text', field: 'lang' });
    else if (typeof value.lang === 'string' && !(EVAL_LANGS as readonly string[]).includes(value.lang))
      problems.push({ line, code: 'unknown-lang', lang: value.lang });
    if (typeof value.id === 'string') {
      const first = firstLineOf.get(value.id);
      if (first !== undefined) problems.push({ line, code: 'duplicate-id', id: value.id, firstLine: first });
      else firstLineOf.set(value.id, line);
    }
    const gold = value.gold;
    if (gold !== undefined) {
      if (!Array.isArray(gold)) problems.push({ line, code: 'gold-not-a-list' });
      else if (gold.length === 0) problems.push({ line, code: 'gold-empty' });
      else
        gold.forEach((g, index) => {
          if (!isObject(g) || typeof g.source !== 'string' || g.paragraph === undefined) problems.push({ line, code: 'gold-entry-shape', index });
          else if (typeof g.paragraph !== 'number' || !Number.isSafeInteger(g.paragraph))
            problems.push({ line, code: 'paragraph-not-whole', index, value: g.paragraph });
        });
    }
    if (problems.length === before) lines.push({ line, item: { ...(value as unknown as EvalItem), lang: (value.lang as string | undefined) ?? 'unknown' } });
  }
  return { lines, problems };
}

/** Each gold entry names a document by its file stem and one of its paragraphs. */
export function checkGold(lines: EvalLine[], corpus: Pick<Engine, 'documents' | 'resolveDocument' | 'paragraph'>): EvalLineProblem[] {
  const infos = new Map(corpus.documents().map((d) => [d.meta.source, d]));
  return lines.flatMap(({ line, item }) =>
    (item.gold ?? []).flatMap((g, index): EvalLineProblem[] => {
      const info = infos.get(g.source);
      if (!info) return [{ line, code: 'unknown-source', index, source: g.source, stem: corpus.resolveDocument(g.source)?.source ?? null }];
      try {
        corpus.paragraph(g.source, g.paragraph);
        return [];
      } catch {
        return [{ line, code: 'paragraph-missing', index, source: g.source, paragraph: g.paragraph, first: info.paragraphs.first, last: info.paragraphs.last }];
      }
    }),
  );
}

function fail(problem: EvalFileProblem): never {
  throw new InputError({ code: 'eval-file', problem });
}

/** Reads and checks an eval file's lines; an unreadable or empty file, or any bad line, is an InputError listing them all. */
export async function readEvalFile(file: string): Promise<EvalLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    fail({ file, code: 'unreadable', reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
  }
  const { lines, problems } = parseEvalLines(text);
  if (problems.length) fail({ file, code: 'lines', problems });
  if (!lines.length) fail({ file, code: 'empty' });
  return lines;
}

/** The gold of every line checked against the corpus; any mismatch is an InputError listing them all. */
export function assertGold(file: string, lines: EvalLine[], corpus: Pick<Engine, 'documents' | 'resolveDocument' | 'paragraph'>): void {
  const problems = checkGold(lines, corpus);
  if (problems.length) fail({ file, code: 'lines', problems });
}

/** The items of an eval file's text, for callers that have it in memory; throws on the first bad line's file-less report. */
export function parseEvalFile(text: string): EvalItem[] {
  const { lines, problems } = parseEvalLines(text);
  if (problems.length) fail({ file: '(input)', code: 'lines', problems });
  return lines.map((l) => l.item);
}
