/**
 * Proper names in Chinese text as jieba tags them: places (ns), people (nr, nrt), organisations (nt) and
 * other proper nouns (nz), less the generic words jieba also tags so (国内, 全球).
 */
import type { Tokenizer } from './tokenize.js';

/** jieba tags of proper names: places, people, organisations, other proper nouns. */
export const NAME_TAGS: ReadonlySet<string> = new Set(['ns', 'nr', 'nrt', 'nt', 'nz']);
/** Generic nouns jieba tags as place or proper names. */
export const GENERIC_PLACES: ReadonlySet<string> = new Set(['国内', '国外', '海外', '沿海', '当地', '各地', '全国', '全球', '世界', '国际', '回国']);

/** Whether a tagged word is a proper name: a name tag, two characters or more, not a generic word. */
export function isProperName(word: string, tag: string, generic: ReadonlySet<string>): boolean {
  return NAME_TAGS.has(tag) && word.length >= 2 && !GENERIC_PLACES.has(word) && !generic.has(word);
}

/** Whether the segmenter reads a word as a verb and nothing else (开展; not 组织, which may be a noun too). */
export const isVerb = (word: string, tokenizer: Tokenizer): boolean =>
  tokenizer
    .tag(word)
    .map((t) => t.tag)
    .join() === 'v';

export interface WordAt {
  word: string;
  tag: string;
  start: number;
  end: number;
}

/** A text's words with their tags and offsets (jieba's words follow each other through the whole text). */
export function taggedWords(tokenizer: Tokenizer, text: string): WordAt[] {
  const out: WordAt[] = [];
  let at = 0;
  for (const { word, tag } of tokenizer.tag(text)) {
    const start = text.indexOf(word, at);
    if (start < 0) continue;
    at = start + word.length;
    out.push({ word, tag, start, end: at });
  }
  return out;
}
