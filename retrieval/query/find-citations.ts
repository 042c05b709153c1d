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
}

/** Ranges longer than this are taken as typos, not as a request for dozens of paragraphs. */
const MAX_RANGE = 20;

const RANGE_SEP = String.raw`\s*(?:-|–|—|~|－|至|到|to)\s*`;
const REFERENCE = new RegExp(
  [
    String.raw`第\s*(?<zhFrom>\d+)\s*(?:(?:${RANGE_SEP})第?\s*(?<zhTo>\d+)\s*)?段`,
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

function expand(from: string, to: string | undefined): number[] {
  const a = Number(from);
  const b = to === undefined ? a : Number(to);
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
    const source: string | null = attached?.source ?? chained ?? fallback;
    previous = { source, end: m.index + m[0].length };
    if (g.recFrom !== undefined) {
      for (const n of expand(g.recFrom, g.recTo)) add({ source, recommendation: n });
      continue;
    }
    const from = g.zhFrom ?? g.enFrom ?? g.pilcrowFrom!;
    const to = g.zhTo ?? g.enTo ?? g.pilcrowTo;
    const numbers = g.enAnd !== undefined ? [Number(from), Number(g.enAnd)] : expand(from, to);
    for (const n of numbers) add({ source, paragraph: n });
  }
  return out;
}
