/**
 * Typo tolerance for English questions: a word that is neither English the dictionary knows nor a word the
 * corpus has is corrected to the nearest word the bridge can translate into the corpus (the glossary's words
 * and the dictionary's that reach it), when one is close enough: "smugling of migrants protocal" is searched
 * as "smuggling of migrants protocol", and the answer says so. A known word is never "corrected".
 */
import { distance } from 'fastest-levenshtein';
import { ENGLISH_STOPWORDS, lemmaCandidates } from './bridge/english.js';

/** Edits allowed: one in a short word, two from eight letters on (a swap of two letters is two edits). */
const maxEdits = (word: string) => (word.length >= 8 ? 2 : 1);
const MIN_LENGTH = 4;
const ABBREVIATED = /^(?:\.\s*\d|\/)/;

/** Two letters swapped (Mexcio, recieve) is one slip of the fingers, though Levenshtein counts two edits. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

export interface Correction {
  from: string;
  to: string;
}

function withPlurals(words: Iterable<string>): Set<string> {
  const all = new Set<string>();
  for (const t of words) {
    if (!/^[a-z]{3,}$/.test(t)) continue;
    all.add(t);
    // Plurals are asked as often as singulars; the dictionary lists singulars.
    all.add(t.endsWith('y') ? `${t.slice(0, -1)}ies` : `${t}s`);
  }
  return all;
}

export class SpellingCorrector {
  private readonly words: string[];
  private readonly names: string[];
  private readonly targetSet: Set<string>;

  /**
   * `names`: the glossary's words (names of countries, bodies, programmes); `words`: every word the bridge
   * can translate; `knows(word)`: whether a word is real English or a corpus word (left alone even when it
   * is not a target). A capitalised word is only corrected to a name: "Meng" is a name of its own, not "mean".
   */
  constructor(
    names: Iterable<string>,
    words: Iterable<string>,
    private readonly knows: (word: string) => boolean,
  ) {
    const nameSet = withPlurals(names);
    // Question words are typed fastest and mistyped most ("Waht", "Whcih"); they decide the answer's kind.
    const questionWords = [...ENGLISH_STOPWORDS].filter((w) => w.length >= MIN_LENGTH);
    this.targetSet = new Set([...withPlurals([...nameSet, ...words]), ...questionWords]);
    this.names = [...nameSet];
    this.words = [...this.targetSet];
  }

  private isKnown(word: string): boolean {
    return ENGLISH_STOPWORDS.has(word) || lemmaCandidates(word).some((w) => this.targetSet.has(w) || this.knows(w));
  }

  /** The nearest target within the allowed edits, or null (ties refuse: a guess between two words is no correction). */
  correctWord(word: string, name = false): string | null {
    if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word) || this.isKnown(word)) return null;
    let best: string | null = null;
    let bestDistance = maxEdits(word) + 1;
    let tie = false;
    for (const t of name ? this.names : this.words) {
      if (Math.abs(t.length - word.length) >= bestDistance) continue;
      // A swap is the likeliest slip: "waht" is "what" before it is "want".
      const d = swapped(word, t) ? 0.5 : distance(word, t);
      if (d < bestDistance) [best, bestDistance, tie] = [t, d, false];
      else if (d === bestDistance && t !== best) tie = true;
    }
    return best !== null && !tie ? best : null;
  }

  /** The text with its misspelt words replaced (case kept for the first letter), and what was replaced. */
  correct(text: string): { text: string; corrections: Correction[] } {
    const corrections: Correction[] = [];
    const out = text.replace(/[A-Za-z]+/g, (w, at: number) => {
      // An abbreviation before a number ("para. 44", "Rev.1") or part of a symbol ("CTOC/COP") is no misspelling.
      if (ABBREVIATED.test(text.slice(at + w.length))) return w;
      // The first word is capitalised as the sentence's start, not as a name.
      const fixed = this.correctWord(w.toLowerCase(), /^[A-Z]/.test(w) && text.slice(0, at).trim() !== '');
      if (fixed === null) return w;
      corrections.push({ from: w, to: fixed });
      return /^[A-Z]/.test(w) ? fixed[0]!.toUpperCase() + fixed.slice(1) : fixed;
    });
    return { text: out, corrections };
  }
}
