/**
 * Key terms of a Chinese quote in English, for readers who cannot read Chinese: the names, bodies and
 * programmes it mentions, the people (in pinyin), and its numbers and dates. Never a translation: a term the
 * bridge does not know is left out. Names come from the curated glossary first (an entry whose first English
 * phrase is capitalised is a name), then from CC-CEDICT for words jieba tags as proper names and the
 * dictionary marks as proper nouns; numbers and dates are read by rule (numbers.ts).
 */
import type { ReverseDictionary } from '../query/bridge/cedict.js';
import { englishTokens } from '../query/bridge/english.js';
import { canonicalPhrase, type Glossary, type GlossaryEntry } from '../query/bridge/glossary.js';
import type { PersonName } from '../query/bridge/person-names.js';
import { isProperName, taggedWords } from '../query/proper-names.js';
import type { Tokenizer } from '../query/tokenize.js';
import type { Answer, Gloss, Passage } from '../types.js';
import { numberSpans, type Span } from './numbers.js';

/** Chinese terms found by longest match at a position. */
class TermTable<T> {
  private readonly byFirst = new Map<string, { zh: string; value: T }[]>();

  add(zh: string, value: T): void {
    const list = this.byFirst.get(zh[0]!) ?? [];
    if (list.some((t) => t.zh === zh)) return;
    list.push({ zh, value });
    list.sort((a, b) => b.zh.length - a.zh.length);
    this.byFirst.set(zh[0]!, list);
  }

  at(text: string, i: number): { zh: string; value: T } | null {
    return this.byFirst.get(text[i]!)?.find((t) => text.startsWith(t.zh, i)) ?? null;
  }
}

/** A glossary entry names something when its first English phrase is capitalised (UNODC, Fiji, Blue Heart Campaign). */
export function isNameEntry(entry: GlossaryEntry): boolean {
  return /^[A-Z0-9]/.test(entry.en[0]!);
}

/** The entry's plural when it lists one (States parties for State party), else null: the rule in plural() applies. */
function listedPlural(entry: GlossaryEntry): string | undefined {
  const key = canonicalPhrase(englishTokens(entry.en[0]!));
  return entry.en.slice(1).find((p) => canonicalPhrase(englishTokens(p)) === key && p.toLowerCase() !== entry.en[0]!.toLowerCase());
}

const SPACE_NEXT_TO_CJK = /\s+(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])\s+/g;

/** The text the rules read: full-width forms folded (（ → (), spaces beside Chinese characters dropped, as the index reads it. */
export function compactText(text: string): string {
  return text.normalize('NFKC').replace(SPACE_NEXT_TO_CJK, '');
}

interface Candidate extends Span {
  /** Lower is preferred when two candidates cover the same text. */
  rank: number;
}

export interface GlosserDeps {
  glossary: Glossary;
  dictionary: ReverseDictionary;
  persons: readonly PersonName[];
  tokenizer: Tokenizer;
  /** Nouns too generic to be names even when jieba tags them so. */
  generic: ReadonlySet<string>;
}

export class Glosser {
  private readonly names = new TermTable<string>();
  private readonly nouns = new TermTable<{ singular: string; plural?: string }>();

  constructor(private readonly deps: GlosserDeps) {
    for (const entry of deps.glossary.entries) {
      for (const zh of entry.zh) {
        const z = compactText(zh);
        if (isNameEntry(entry)) this.names.add(z, entry.en[0]!);
        this.nouns.add(z, { singular: entry.en[0]!, plural: listedPlural(entry) });
      }
    }
    // A name with several possible spellings is left out: which one the person uses is a guess.
    for (const p of deps.persons) if (p.spellings.length === 1) this.names.add(p.zh, p.spellings[0]!);
  }

  /** The key terms of a text in reading order, each once. */
  gloss(text: string): Gloss[] {
    const compact = compactText(text);
    const words = taggedWords(this.deps.tokenizer, compact);
    const wordStarts = new Set(words.map((w) => w.start));
    const candidates: Candidate[] = [];
    for (let i = 0; i < compact.length; i++) {
      // A name starts where a word starts: 苏丹 inside 南苏丹 is another country.
      const hit = wordStarts.has(i) ? this.names.at(compact, i) : null;
      if (hit) candidates.push({ start: i, end: i + hit.zh.length, en: hit.value, rank: 0 });
    }
    for (const [i, w] of words.entries()) {
      // A name glued to a fragment jieba could not place (巴哈 + 萨语 of 巴哈萨语, Bahasa) is a mis-cut, not a name.
      const next = words[i + 1];
      if (next && next.start === w.end && next.tag === 'x' && /^[\u4e00-\u9fff]/.test(next.word)) continue;
      const name = isProperName(w.word, w.tag, this.deps.generic) ? this.deps.dictionary.nameOf(w.word) : null;
      if (name) candidates.push({ start: w.start, end: w.end, en: name, rank: 1 });
    }
    // What a number counts is a noun: 参与 of 13个参与国 ("participating countries") is a verb, not "13 took part".
    const verbAt = new Set(words.filter((w) => w.tag === 'v').map((w) => `${w.start}:${w.end}`));
    const nounOf = (t: string, at: number) => {
      const hit = this.nouns.at(t, at);
      return hit && !verbAt.has(`${at}:${at + hit.zh.length}`) ? { length: hit.zh.length, ...hit.value } : null;
    };
    for (const span of numberSpans(compact, nounOf)) candidates.push({ ...span, rank: 2 });
    return distinct(nonOverlapping(candidates).map((c) => ({ zh: compact.slice(c.start, c.end), en: c.en })));
  }
}

/** The longest candidates that do not overlap, earliest first; on the same text, the better-ranked source. */
function nonOverlapping(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || a.rank - b.rank || a.start - b.start);
  const taken: Candidate[] = [];
  for (const c of sorted) if (!taken.some((t) => c.start < t.end && t.start < c.end)) taken.push(c);
  return taken.sort((a, b) => a.start - b.start);
}

function distinct(glosses: Gloss[]): Gloss[] {
  const seen = new Set<string>();
  return glosses.filter((g) => {
    const key = `${g.zh}\u0000${g.en}`;
    if (seen.has(key) || g.zh === g.en) return false;
    seen.add(key);
    return true;
  });
}

/** The answer with the key terms of every quote (answer passages and "possibly related" ones). */
export function withGlosses(answer: Answer, glosser: Glosser): Answer {
  // A quote from an English language version needs no key terms.
  const gloss = (p: Passage): Passage => (p.citations.some((c) => c.lang === 'en') ? p : { ...p, glosses: glosser.gloss(p.quote) });
  return { ...answer, passages: answer.passages.map(gloss), related: answer.related.map(gloss) };
}
