/**
 * Finds paragraph and recommendation references written in free text, in either language:
 * `CTOC/COP/2018/2 第44段`, `CTOC/COP/2018/2, para. 44`, `paras. 44-46`, `第44至46段`, `建议 6`,
 * `recommendation 6`, `¶44`, or a document's short title followed by a reference.
 */
import { escapeRegExp } from '../util/escape-regexp.js';

export interface FoundCitation {
  /** Seed file stem, or null when the text does not say which document and no single one fits. */
  source: string | null;
  paragraph?: number;
  recommendation?: number;
}

export interface FindCitationsOptions {
  /** Document that bare references (`第44段`, `¶44`) belong to when the text names no single document. */
  defaultSource?: string;
  /** The document a stretch of text names by its words ("the smuggling report", "偷运移民报告"), if one. */
  namedIn?: (text: string) => string | null;
}

/** Ranges longer than this are taken as typos, not as a request for dozens of paragraphs. */
const MAX_RANGE = 20;

const RANGE_SEP = String.raw`\s*(?:-|–|—|~|－|至|到|to)\s*`;
/** Paragraph numbers written in Chinese numerals (第四十四段) as well as digits. */
const ZH_NUMBER = String.raw`\d+|[零〇一二三四五六七八九十百]+`;
const REFERENCE = new RegExp(
  [
    String.raw`第\s*(?<zhFrom>${ZH_NUMBER})\s*(?:(?:${RANGE_SEP})第?\s*(?<zhTo>${ZH_NUMBER})\s*)?段`,
    String.raw`\b(?:paras?\.?|paragraphs?)\s*(?<enFrom>\d+)(?:${RANGE_SEP}(?<enTo>\d+)|\s+and\s+(?<enAnd>\d+))?`,
    String.raw`¶¶?\s*(?<pilcrowFrom>\d+)(?:${RANGE_SEP}(?<pilcrowTo>\d+))?`,
    String.raw`(?:建议|\brecommendations?)\s*(?<recFrom>\d+)(?:(?:${RANGE_SEP})(?:建议\s*)?(?<recTo>\d+))?`,
  ].join('|'),
  'giu',
);

/** What may stand between two references of one list: `第44段和第46段`, `para. 44, para. 46`. */
const CHAIN = /^(?:\s|[,，、;；和及与]|and)*$/i;

interface Mention {
  source: string;
  start: number;
  end: number;
}

/** A name a document may be given by in text (symbol, short or full title, file stem). */
export interface DocumentName {
  name: string;
  source: string;
}

/** Where each document is named in the text. */
function documentMentions(text: string, docNames: readonly DocumentName[]): Mention[] {
  if (docNames.length === 0) return [];
  // Longest first, so a full title wins over a shorter name it contains.
  const names = [...docNames].sort((a, b) => b.name.length - a.name.length);
  const bySource = new Map(names.map((n) => [n.name.toLowerCase(), n.source]));
  const re = new RegExp(names.map((n) => escapeRegExp(n.name)).join('|'), 'gi');
  return [...text.matchAll(re)].map((m) => ({
    source: bySource.get(m[0].toLowerCase())!,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 44, 四十四, 十二, 一百零五 → the number. */
export function readNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '百') [total, current] = [total + (current || 1) * 100, 0];
    else if (ch === '十') [total, current] = [total + (current || 1) * 10, 0];
    else current = DIGIT[ch] ?? 0;
  }
  return total + current;
}

/** The clause before a reference and the one after it, where a document may be named by its words. */
function clausesAround(text: string, start: number, end: number): { before: string; after: string } {
  const boundary = /[。！？；;!?\n]/;
  let s = start;
  while (s > 0 && !boundary.test(text[s - 1]!) && start - s < 40) s--;
  let e = end;
  while (e < text.length && !boundary.test(text[e]!) && e - end < 60) e++;
  return { before: text.slice(s, start), after: text.slice(end, e) };
}

function expand(from: string, to: string | undefined): number[] {
  const a = readNumber(from);
  const b = to === undefined ? a : readNumber(to);
  if (b < a || b - a >= MAX_RANGE) return [a];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

export function findCitations(text: string, names: readonly DocumentName[], opts: FindCitationsOptions = {}): FoundCitation[] {
  const mentions = documentMentions(text, names);
  const named = new Set(mentions.map((m) => m.source));
  const fallback = named.size === 1 ? [...named][0]! : (opts.defaultSource ?? null);

  const out: FoundCitation[] = [];
  const seen = new Set<string>();
  const add = (c: FoundCitation) => {
    const key = `${c.source}|${c.paragraph ?? ''}|${c.recommendation ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };

  let previous: { source: string | null; end: number } | null = null;
  for (const m of text.matchAll(REFERENCE)) {
    const g = m.groups!;
    // A reference written right after a document's name (`CTOC/COP/2018/2, para. 44`) belongs to it,
    // and so does one chained to such a reference (`CTOC/COP/2018/2 第44段和第46段`).
    const attached = mentions.find((d) => d.end <= m.index && /^[\s,，、的]*$/.test(text.slice(d.end, m.index)));
    const chained: string | null = previous !== null && CHAIN.test(text.slice(previous.end, m.index)) ? previous.source : null;
    // "para 44 of the smuggling report", "偷运移民报告第45段": a document named by its words, not its title.
    const around: { before: string; after: string } | null = attached || chained || !opts.namedIn ? null : clausesAround(text, m.index, m.index + m[0].length);
    const described: string | null = around
      ? ((/^\s*(?:of|in|from)\b/i.test(around.after) ? opts.namedIn!(around.after) : null) ?? opts.namedIn!(around.before))
      : null;
    const source: string | null = attached?.source ?? chained ?? described ?? fallback;
    previous = { source, end: m.index + m[0].length };
    if (g.recFrom !== undefined) {
      for (const n of expand(g.recFrom, g.recTo)) add({ source, recommendation: n });
      continue;
    }
    const from = g.zhFrom ?? g.enFrom ?? g.pilcrowFrom!;
    const to = g.zhTo ?? g.enTo ?? g.pilcrowTo;
    const numbers = g.enAnd !== undefined ? [readNumber(from), readNumber(g.enAnd)] : expand(from, to);
    for (const n of numbers) add({ source, paragraph: n });
  }
  return out;
}
