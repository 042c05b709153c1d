/**
 * How characteristic a Chinese term is of this corpus compared with general Chinese: the log of its share
 * of corpus units plus its general-language idf (jieba's idf table, built from a large general corpus).
 * 贩运 or 讲习班 score high; 法国 or 资金 occur here too, but no more than anywhere else, so a question
 * that matches only such words ("What is the capital of France?") is probably not about these documents.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CorpusStats } from '../types.js';

/**
 * General idf given to plain numbers (years, counts), which the table lacks: about that of 今年, 第一 or 三
 * (4.3-5.2 there). A year matching is no sign that a question is about these documents.
 */
const NUMBER_GENERAL_IDF = 5;

/** jieba's general-language idf table (~350k words, ~0.2 s to read): the words `keep` wants, and the table's largest idf. */
function readGeneralIdf(keep: (word: string) => boolean): { idf: Map<string, number>; max: number } {
  const path = createRequire(import.meta.url).resolve('@node-rs/jieba/idf.txt');
  const text = readFileSync(path, 'utf8');
  const idf = new Map<string, number>();
  let max = 0;
  // Walked line by line rather than split: only the few thousand corpus words are kept, the rest is short-lived.
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const space = text.lastIndexOf(' ', end - 1);
    if (space > start) {
      const value = Number(text.slice(space + 1, end));
      if (value > max) max = value;
      const word = text.slice(start, space);
      if (keep(word)) idf.set(word, value);
    }
    start = end + 1;
  }
  return { idf, max };
}

export class Topicality {
  private readonly general: Map<string, number>;
  private readonly max: number;

  /** The table keeps the corpus's words only: a term the corpus lacks scores -Infinity before it is looked up. */
  constructor(private readonly stats: Pick<CorpusStats, 'size' | 'df'>) {
    const { idf, max } = readGeneralIdf((word) => stats.df(word) > 0);
    this.general = idf;
    this.max = max;
  }

  of(term: string): number {
    const df = this.stats.df(term);
    if (df === 0 || this.stats.size === 0) return -Infinity;
    // Unknown to the general table and not a plain number: a compound such as 毒品和犯罪问题办公室 (a glossary
    // term) or a symbol such as 72/179, i.e. domain vocabulary.
    const general = this.general.get(term) ?? (/^\d+$/.test(term) ? NUMBER_GENERAL_IDF : this.max);
    return Math.log(df / this.stats.size) + general;
  }
}
