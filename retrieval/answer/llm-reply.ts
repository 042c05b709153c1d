/**
 * Parses an LLM reply into claims and keeps only the checkable ones: each sentence must end with labels
 * of the units it was given and contain quotes that are verbatim in those units. Everything else
 * (fabricated labels, paraphrased "quotes", unlabelled sentences) is dropped with a reason.
 */
import { normalizeText } from '../query/tokenize.js';
import type { Unit } from '../types.js';

export interface LabelledUnit {
  label: string;
  unit: Unit;
}

export interface Claim {
  /** The sentence as written, without its label markers. */
  text: string;
  /** Each quote of the sentence with the unit that holds it verbatim. */
  evidence: { quote: string; cited: LabelledUnit }[];
}

export interface ParsedReply {
  claims: Claim[];
  dropped: { text: string; reason: string }[];
}

/** Text followed by one or more `[label]` (or `〔label〕`) markers. */
const CLAIM = /([^[\]〔〕]*?)((?:[ \t]*(?:\[[^\]\n]+\]|〔[^〕\n]+〕))+)/g;
const MARKER = /\[([^\]\n]+)\]|〔([^〕\n]+)〕/g;
const QUOTE = /「([^」]+)」|“([^”]+)”/g;

const labelKey = (label: string) => normalizeText(label).replace(/\s+/g, ' ').trim();

/**
 * Where the last sentence of `text` starts: a label covers only the sentence it follows, so earlier
 * sentences in the same stretch are unlabelled. Enders inside 「」 or “” are part of a quote.
 */
function lastSentenceStart(text: string): number {
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '「' || ch === '“') depth++;
    else if ((ch === '」' || ch === '”') && depth > 0) depth--;
    else if (depth === 0 && i < text.trimEnd().length - 1) {
      const ends = '。！？!?\n'.includes(ch) || (ch === '.' && /^\s+[A-Z「“]/.test(text.slice(i + 1)));
      if (ends) start = i + 1;
    }
  }
  return start;
}

export function parseReply(reply: string, given: readonly LabelledUnit[]): ParsedReply {
  const byLabel = new Map(given.map((g) => [labelKey(g.label), g]));
  const claims: Claim[] = [];
  const dropped: ParsedReply['dropped'] = [];
  const drop = (text: string, reason: string) => {
    if (text.trim()) dropped.push({ text: text.trim(), reason });
  };
  let consumed = 0;
  for (const m of reply.matchAll(CLAIM)) {
    consumed = m.index + m[0].length;
    const stretch = m[1]!;
    const cut = lastSentenceStart(stretch);
    drop(stretch.slice(0, cut), 'no citation label');
    const text = stretch.slice(cut).trim();
    if (!text) continue;
    const labels = [...m[2]!.matchAll(MARKER)].map((x) => (x[1] ?? x[2])!.trim());
    const unknown = labels.filter((l) => !byLabel.has(labelKey(l)));
    if (unknown.length > 0) {
      drop(text, `cites a label it was not given: ${unknown.join(', ')}`);
      continue;
    }
    const cited = labels.map((l) => byLabel.get(labelKey(l))!);
    const quotes = [...text.matchAll(QUOTE)].map((q) => (q[1] ?? q[2])!);
    if (quotes.length === 0) {
      drop(text, 'no quote to check');
      continue;
    }
    // One invented quote makes the whole sentence suspect.
    const evidence = quotes.map((quote) => ({ quote, cited: cited.find((c) => c.unit.text.includes(quote)) }));
    const missing = evidence.find((e) => !e.cited);
    if (missing) {
      drop(text, `quote not verbatim in the cited unit: “${missing.quote.slice(0, 40)}”`);
      continue;
    }
    claims.push({ text, evidence: evidence.map((e) => ({ quote: e.quote, cited: e.cited! })) });
  }
  drop(reply.slice(consumed), 'no citation label');
  return { claims, dropped };
}
