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

/**
 * jieba's general-language idf table (~270k words), kept as the file's text with the line offsets of each first
 * character: a word is found among the few hundred lines that start like it. A map of the whole table held
 * ≈ 30 MB for the few thousand words a corpus uses; this holds ≈ 9 MB and reads in ≈ 0.1 s.
 */
class GeneralIdf {
  private readonly text: string;
  private readonly lines = new Map<string, number[]>();
  /** The table's largest idf: what a word it lacks gets. */
  readonly max: number;

  constructor() {
    this.text = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/idf.txt'), 'utf8');
    let max = 0;
    for (let start = 0; start < this.text.length; ) {
      const newline = this.text.indexOf('\n', start);
      const end = newline === -1 ? this.text.length : newline;
      const space = this.text.lastIndexOf(' ', end - 1);
      if (space > start) {
        max = Math.max(max, Number(this.text.slice(space + 1, end)));
        const first = String.fromCodePoint(this.text.codePointAt(start)!);
        const list = this.lines.get(first);
        if (list) list.push(start);
        else this.lines.set(first, [start]);
      }
      start = end + 1;
    }
    this.max = max;
  }

  of(word: string): number | null {
    if (!word) return null;
    const line = `${word} `;
    for (const start of this.lines.get(String.fromCodePoint(word.codePointAt(0)!)) ?? []) {
      if (!this.text.startsWith(line, start)) continue;
      const newline = this.text.indexOf('\n', start);
      const value = Number(this.text.slice(start + line.length, newline === -1 ? this.text.length : newline));
      // The line may hold a longer word that has a space in it ("a b 3.2" when "a" is looked up): no number then.
      if (Number.isFinite(value)) return value;
    }
    return null;
  }
}

/** The table is the same for every corpus: read once per process, however often the corpus is reloaded. */
let table: GeneralIdf | undefined;
function generalIdf(): GeneralIdf {
  table ??= new GeneralIdf();
  return table;
}

export class Topicality {
  private readonly general = generalIdf();

  constructor(private readonly stats: Pick<CorpusStats, 'size' | 'df'>) {}

  of(term: string): number {
    const df = this.stats.df(term);
    if (df === 0 || this.stats.size === 0) return -Infinity;
    // Unknown to the general table and not a plain number: a compound such as 毒品和犯罪问题办公室 (a glossary
    // term) or a symbol such as 72/179, i.e. domain vocabulary.
    const general = this.general.of(term) ?? (/^\d+$/.test(term) ? NUMBER_GENERAL_IDF : this.general.max);
    return Math.log(df / this.stats.size) + general;
  }
}
