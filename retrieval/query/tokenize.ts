import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { CJK } from '../util/lang.js';

export { countCjk } from '../util/lang.js';

/**
 * Chinese-aware tokenization shared by the keyword index (documents) and query analysis, so both sides
 * always cut text the same way. Text is split into CJK runs (segmented by jieba) and Latin/number runs
 * (kept whole, so symbols such as `72/179`, `2006/27`, `2(b)` or `ctoc/cop/2018/2` stay one term).
 */

const CJK_CHAR = new RegExp(`[${CJK}]`);
const CJK_RUN = new RegExp(`[${CJK}]+`, 'g');
/** Latin words and numbers, with internal `.`, `/`, `-` (symbols, resolutions) and a trailing `(b)` (agenda items). */
const LATIN = '[a-z0-9]+(?:[./-][a-z0-9]+)*(?:\\([a-z0-9]{1,3}\\))?';
const LATIN_TOKEN = new RegExp(LATIN, 'g');
/** Runs are either CJK or Latin/number; everything else (punctuation, spaces) separates tokens. */
const RUN = new RegExp(`[${CJK}]+|${LATIN}`, 'g');
const SPACE_NEXT_TO_CJK = new RegExp(`\\s+(?=[${CJK}])|(?<=[${CJK}])\\s+`, 'g');

/**
 * Function words and question words: frequent in every paragraph or only in questions, so they carry no
 * evidence about which paragraph answers. Kept short on purpose: BM25's idf already discounts common words,
 * this list only removes words whose presence in a question says nothing about the topic.
 */
export const CHINESE_STOPWORDS: ReadonlySet<string> = new Set(
  (
    '的 地 得 和 与 及 以及 或 或者 了 着 过 在 于 是 为 为了 对 对于 把 被 将 由 从 向 以 之 其 该 此 这 那 这些 那些 这个 那个 ' +
    '也 都 就 还 又 并 而 且 但 但是 而且 并且 因为 所以 如果 虽然 即 等 等等 之一 一个 一些 有 有关 关于 ' +
    '这是 那是 什么 哪些 哪个 哪里 哪 多少 几 如何 怎样 怎么 怎么样 为什么 是否 吗 呢 吧 啊 何时 何 时候 谁 请问 请 ' +
    '几个 几名 几项 几次 几种 几位 几家 几场 多少个 多少名 多少项 多少次 哪种 哪位 哪家 哪一 哪几 何种 什么样 ' +
    '我 我们 你 你们 他 他们 她 它 它们 自己 各 各项 每 所 所述 上述 方面 情况 问题 进行 开展 提出 哪方面 ' +
    // chat: "on earth", "in all", "specifically", "roughly", "is there" (到底生效了没, 一共有多少, 有没有)
    '到底 究竟 一共 具体 大概 有没有 是不是'
  ).split(' '),
);

function isCjkChar(ch: string): boolean {
  return CJK_CHAR.test(ch);
}

/**
 * NFKC folds full-width letters, digits and brackets to ASCII (documents mix `（` and `(`), lowercase makes
 * Latin matching case-blind, thousands separators go so `1,200` and `1200` meet, and spaces next to CJK
 * characters go (PDF text writes `2016 年 11 月`, `以及 38 项`) so phrases match whatever the spacing.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(SPACE_NEXT_TO_CJK, '');
}

/** "That meeting", "this speaker": a demonstrative with its measure word points back, it names nothing (那次, 这位). */
const DEMONSTRATIVE = /^[这那](?:个|次|位|部|条|场|期|份|届|项|家|种|本|段|些)$/;

function keepWord(word: string): boolean {
  if (CHINESE_STOPWORDS.has(word) || DEMONSTRATIVE.test(word)) return false;
  // A lone CJK character is too ambiguous to be a term (人, 国, 年); multi-character words and bigrams cover it.
  return !(word.length === 1 && isCjkChar(word));
}

/** Character bigrams of a CJK run: the segmentation-independent key used to find any substring. */
export function cjkBigrams(run: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

/**
 * The jieba segmenter with its dictionary loaded (~100 ms, ~40 MB): built once by whoever owns the indexes
 * and passed to everything that cuts text, so the index and the query always cut the same way.
 */
export class Tokenizer {
  // Read here rather than through the package's `dict.js`, which also reads its 6 MB idf table and keeps both
  // files' bytes for the life of the process; jieba copies the dictionary, so this buffer is released.
  private readonly jieba: Jieba = Jieba.withDict(readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt')));

  /**
   * Index-side words of normalized text: jieba search-mode words of CJK runs (each word plus the dictionary
   * words inside it, so 办公室 is found by 办公室 and a query for 公室 is not needed) and whole Latin tokens.
   */
  indexWords(normalized: string): string[] {
    const words: string[] = [];
    for (const [run] of normalized.matchAll(RUN)) {
      if (isCjkChar(run[0])) {
        for (const w of this.jieba.cutForSearch(run, true)) if (keepWord(w)) words.push(w);
      } else {
        words.push(run);
      }
    }
    return words;
  }

  /**
   * Query-side words: precise-mode segmentation (one cut per word, no overlapping sub-words, so a compound
   * is not counted several times), stopwords dropped, in reading order with duplicates removed.
   */
  queryWords(text: string): string[] {
    const out: string[] = [];
    for (const [run] of normalizeText(text).matchAll(RUN)) {
      const words = isCjkChar(run[0]) ? this.jieba.cut(run, true) : [run];
      for (const w of words) if (keepWord(w) && !out.includes(w)) out.push(w);
    }
    return out;
  }

  /** Words with their part of speech (jieba's tags: ns place, nr person, nt organisation, nz other proper noun…). */
  tag(text: string): { word: string; tag: string }[] {
    return this.jieba.tag(text, true).map((t) => ({ word: t.word, tag: t.tag }));
  }

  /** Search-mode words of a term, e.g. the dictionary words inside a compound the corpus does not contain. */
  termWords(term: string): string[] {
    return this.indexWords(normalizeText(term));
  }
}

/** Latin tokens of normalized text, for English queries (numbers, symbols, acronyms). */
export function latinTokens(normalized: string): string[] {
  return [...normalized.matchAll(LATIN_TOKEN)].map((m) => m[0]);
}

/** CJK runs of a text, e.g. to find substrings shared between a query and a document. */
export function cjkRuns(normalized: string): string[] {
  return [...normalized.matchAll(CJK_RUN)].map((m) => m[0]);
}
