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

const LOOKED_UP_LIMIT = 10_000;

/**
 * jieba's general-language idf table (~350k words): the corpus's indexed words in a map, read once (~0.15 s);
 * any other word (a term found only as a substring of corpus text) looked up in the table's text when first
 * asked for. A map of the whole table would hold ≈ 30 MB for the few thousand words a corpus uses, and testing
 * every table word as a substring of the corpus costs ≈ 0.5 s at start-up.
 */
class GeneralIdf {
  private readonly text: string;
  private readonly words = new Map<string, number>();
  /** Other words looked up so far (null: not in the table); emptied when it grows, as questions bring new ones. */
  private readonly looked = new Map<string, number | null>();
  /** The table's largest idf: what a word it lacks gets. */
  readonly max: number;

  constructor(isWord: (word: string) => boolean) {
    this.text = `\n${readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/idf.txt'), 'utf8')}`;
    let max = 0;
    // Walked line by line rather than split: only the corpus's words are kept, the rest is short-lived.
    for (let start = 1; start < this.text.length; ) {
      const newline = this.text.indexOf('\n', start);
      const end = newline === -1 ? this.text.length : newline;
      const space = this.text.lastIndexOf(' ', end - 1);
      if (space > start) {
        const value = Number(this.text.slice(space + 1, end));
        if (value > max) max = value;
        const word = this.text.slice(start, space);
        if (isWord(word)) this.words.set(word, value);
      }
      start = end + 1;
    }
    this.max = max;
  }

  of(word: string): number | null {
    const known = this.words.get(word) ?? this.looked.get(word);
    if (known !== undefined) return known;
    const at = this.text.indexOf(`\n${word} `);
    let value: number | null = null;
    if (at !== -1) {
      const newline = this.text.indexOf('\n', at + 1);
      value = Number(this.text.slice(at + word.length + 2, newline === -1 ? this.text.length : newline));
    }
    if (this.looked.size >= LOOKED_UP_LIMIT) this.looked.clear();
    this.looked.set(word, value);
    return value;
  }
}

export class Topicality {
  private readonly general: GeneralIdf;

  constructor(private readonly stats: Pick<CorpusStats, 'size' | 'df' | 'hasWord'>) {
    this.general = new GeneralIdf((word) => stats.hasWord(word));
  }

  of(term: string): number {
    const df = this.stats.df(term);
    if (df === 0 || this.stats.size === 0) return -Infinity;
    // Unknown to the general table and not a plain number: a compound such as 毒品和犯罪问题办公室 (a glossary
    // term) or a symbol such as 72/179, i.e. domain vocabulary.
    const general = this.general.of(term) ?? (/^\d+$/.test(term) ? NUMBER_GENERAL_IDF : this.general.max);
    return Math.log(df / this.stats.size) + general;
  }
}
