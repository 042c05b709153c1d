/**
 * Where glossary candidates come from in the documents themselves, each kind by one general pattern:
 * a full name with its short form in brackets (联合国儿童基金会（儿基会）), names in 《》 or “”, the words
 * jieba tags as proper names, recurring multi-word terms, and the things the documents count (173个缔约方).
 * Pure functions over text and jieba's tagged words; the script (../mine-glossary.ts) runs them over the corpus.
 */
import { isProperName, type WordAt } from '../../retrieval/query/proper-names.js';
import { CHINESE_STOPWORDS } from '../../retrieval/query/tokenize.js';

/** Tags words a term may be made of: nouns of every kind, verbal and adjectival nouns, and adjectives. */
const TERM_TAG = /^(?:n|nr|ns|nt|nz|nrt|vn|an|a|b|j|l)$/;
/** Tags a term may end on: nouns. */
const HEAD_TAG = /^(?:n|ns|nt|nz|vn|j)$/;
const CJK_ONLY = /^[\u3400-\u9fff]+$/;

export interface Abbreviation {
  full: string;
  short: string;
}

/** Whether `short`'s characters appear in `full` in order (儿基会 in 联合国儿童基金会). */
export function isSubsequence(short: string, full: string): boolean {
  let i = 0;
  for (const ch of full) if (ch === short[i]) i++;
  return i === short.length;
}

/**
 * "Full name（short form）" patterns: the bracket holds a Chinese short form whose characters occur in order
 * in the name before it, or a Latin acronym. The name is the fewest whole words before the bracket that hold
 * the short form, extended leftwards over nouns (联合国 + 难民事务高级专员公署), never over a function word.
 */
export function abbreviations(text: string, words: WordAt[]): Abbreviation[] {
  const out: Abbreviation[] = [];
  for (const m of text.matchAll(/[（(]([\u3400-\u9fff]{2,8}|[A-Z][A-Za-z.]{1,9})[）)]/g)) {
    const short = m[1]!;
    const before = words.filter((w) => w.end <= m.index);
    let first = before.length;
    // Latin short forms cannot be matched against the characters: take the nouns before the bracket.
    if (CJK_ONLY.test(short)) {
      while (first > 0 && !isSubsequence(short, text.slice(before[first - 1]!.start, m.index))) first--;
      if (first === 0 && !isSubsequence(short, text.slice(0, m.index))) continue;
      first--;
    }
    while (
      first > 0 &&
      TERM_TAG.test(before[first - 1]!.tag) &&
      !CHINESE_STOPWORDS.has(before[first - 1]!.word) &&
      before[first - 1]!.end === before[first]?.start
    )
      first--;
    if (first >= before.length || before[before.length - 1]!.end !== m.index) continue;
    const full = text.slice(before[first]!.start, m.index);
    if (CJK_ONLY.test(full) && full.length > short.length && full !== short) out.push({ full, short });
  }
  return out;
}

/** Names the documents put in 《》 (instruments, reports) or “” (campaigns, projects, operations). */
export function quotedNames(text: string): string[] {
  return [...text.matchAll(/《([^《》。]{2,40})》|“([^“”。；]{2,30})”/g)].map((m) => (m[1] ?? m[2])!).filter((s) => /[\u3400-\u9fff]/.test(s));
}

/** The words jieba tags as proper names (places, people, organisations, other proper nouns). */
export function properNames(words: WordAt[], generic: ReadonlySet<string>): string[] {
  return words.filter((w) => isProperName(w.word, w.tag, generic)).map((w) => w.word);
}

/**
 * Multi-word terms: runs of two to four adjacent words ending on a noun, four characters or more, each word a
 * noun, adjective or the like, the first one also a verb (联合 + 调查组, 亚太 + 国家 + 组). Counted over the corpus,
 * the recurring ones are the domain's terms; terms seen once that share their last two words (亚太国家组,
 * 非洲国家组) are a family the script reports together.
 */
export function termNgrams(words: WordAt[]): { term: string; words: string[] }[] {
  const out: { term: string; words: string[] }[] = [];
  const part = (w: WordAt, first: boolean) =>
    (TERM_TAG.test(w.tag) || w.tag === 'zg' || w.tag === 'ng' || (first && w.tag === 'v')) && CJK_ONLY.test(w.word) && !CHINESE_STOPWORDS.has(w.word);
  for (let i = 0; i < words.length; i++) {
    for (let n = 2; n <= 4 && i + n <= words.length; n++) {
      const run = words.slice(i, i + n);
      if (run.some((w, j) => j > 0 && w.start !== run[j - 1]!.end) || !run.every((w, j) => part(w, j === 0))) break;
      const last = run[n - 1]!;
      const term = run.map((w) => w.word).join('');
      if ((HEAD_TAG.test(last.tag) || last.tag === 'zg' || last.tag === 'ng') && term.length >= 4) out.push({ term, words: run.map((w) => w.word) });
    }
  }
  return out;
}

/** Measure words between a number and what it counts. */
const COUNTED = /(?:\d[\d,.]*|[两三四五六七八九十百千]+)\s*(?:多|余)?(?:个|名|位|项|份|种|所|家|起|例|篇|部|批|条)(?:多|余)?([\u3400-\u9fff]{2,8})/g;

/** The things the documents count (173个缔约方 → 缔约方, 3,901 名儿童 → 儿童): the first noun after the measure word. */
export function countedNouns(text: string, firstWord: (s: string) => WordAt | undefined): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(COUNTED)) {
    const w = firstWord(m[1]!);
    if (w && /^(?:n|nz|vn|nt)$/.test(w.tag) && w.word.length >= 2) out.push(w.word);
  }
  return out;
}
