/**
 * How much of what an English reader needs from a Chinese quote its key terms give: the share of the quote's
 * names, numbers and dates that some gloss covers. The elements are found independently of the glosser:
 * names are the words jieba tags as proper names (the same notion query analysis uses), numbers and dates
 * are digits or Chinese numerals written with a Chinese unit after them (173个, 2016年, 第八届, 两次).
 * Digits with nothing Chinese around them (76%, A/72/643) are left out: they read the same in English.
 */
import { compactText } from '../gloss/index.js';
import { GENERIC_NOUNS } from '../query/analyzer.js';
import { isProperName, taggedWords } from '../query/proper-names.js';
import { Tokenizer } from '../query/tokenize.js';
import type { Gloss } from '../types.js';

export type ElementKind = 'name' | 'number' | 'date';

export interface Coverage {
  /** Per kind: elements found in the quotes and how many of them a gloss covers. */
  counts: Record<ElementKind, { covered: number; total: number }>;
  /** Elements no gloss covers, as written, with how often: what the glossary or the rules could add. */
  missed: Map<string, number>;
}

const UNIT = '年|月|日|个月|个|名|位|项|次|届|份|种|所|家|条|场|批|期|类|轮|起|例|篇|部|号|段|国|人|万|亿|多|余|美元|欧元|倍';
/** A number in Chinese context: digits followed by a Chinese character, a Chinese numeral followed by a unit, or 第 and a number. */
const NUMBER = new RegExp(
  `第(?:\\d+|[〇零一二两三四五六七八九十百千]+)|\\d+(?:[,.]\\d+)*(?=[\\u3400-\\u9fff])|[〇零一二两三四五六七八九十百千]+(?=${UNIT})`,
  'g',
);
const DATE_UNIT = /^(?:年|月|日)/;

let tagger: Tokenizer | null = null;

/** jieba for callers that have none at hand (the eval CLI): loaded once, on first use. */
function defaultTokenizer(): Tokenizer {
  tagger ??= new Tokenizer();
  return tagger;
}

/** The names, numbers and dates of a (space-compacted) quote, with their places. */
export function quoteElements(compact: string, tokenizer: Tokenizer): { kind: ElementKind; start: number; end: number }[] {
  const out: { kind: ElementKind; start: number; end: number }[] = [];
  for (const w of taggedWords(tokenizer, compact)) if (isProperName(w.word, w.tag, GENERIC_NOUNS)) out.push({ kind: 'name', start: w.start, end: w.end });
  for (const m of compact.matchAll(NUMBER)) {
    const after = compact.slice(m.index + m[0].length);
    // 一个, 一项: the article "a", not a count.
    if (m[0] === '一' && !DATE_UNIT.test(after)) continue;
    const date = !m[0].startsWith('第') && DATE_UNIT.test(after) && (/^\d{4}$/.test(m[0]) || !after.startsWith('年'));
    out.push({ kind: date ? 'date' : 'number', start: m.index, end: m.index + m[0].length + (date ? 1 : 0) });
  }
  return out;
}

/** Coverage of the quotes' elements by their glosses. */
export function glossCoverage(passages: Iterable<{ quote: string; glosses?: Gloss[] }>, tokenizer: Tokenizer = defaultTokenizer()): Coverage {
  const counts: Coverage['counts'] = { name: { covered: 0, total: 0 }, number: { covered: 0, total: 0 }, date: { covered: 0, total: 0 } };
  const missed = new Map<string, number>();
  for (const p of passages) {
    const compact = compactText(p.quote);
    const spans = (p.glosses ?? []).flatMap((g) => {
      const found: [number, number][] = [];
      for (let at = compact.indexOf(g.zh); at >= 0; at = compact.indexOf(g.zh, at + 1)) found.push([at, at + g.zh.length]);
      return found;
    });
    for (const e of quoteElements(compact, tokenizer)) {
      const covered = spans.some(([s, t]) => e.start < t && s < e.end);
      counts[e.kind].total++;
      if (covered) counts[e.kind].covered++;
      else {
        const text = compact.slice(e.start, e.end);
        missed.set(text, (missed.get(text) ?? 0) + 1);
      }
    }
  }
  return { counts, missed };
}
