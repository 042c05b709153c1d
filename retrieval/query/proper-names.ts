/**
 * Proper names in Chinese text as jieba tags them: places (ns), people (nr, nrt), organisations (nt) and
 * other proper nouns (nz), less the generic words jieba also tags so (国内, 全球).
 */
import type { Tokenizer } from './tokenize.js';

/** jieba tags of proper names: places, people, organisations, other proper nouns. */
export const NAME_TAGS: ReadonlySet<string> = new Set(['ns', 'nr', 'nrt', 'nt', 'nz']);
/** Titles UN Chinese writes after a person's name (孟庆甜女士, …阁下). */
export const PERSON_TITLES: readonly string[] = ['女士', '先生', '阁下', '博士', '教授'];
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

/**
 * A one-character verb with its aspect or result marker (开过 = 开 + 过, 办过, 签了): how
 * the asker says something happened, which the documents write with other verbs (召开, 举办, 签署). Not a word of
 * its own that ends so (超过 "exceed", 通过 "adopt").
 */
export function isMarkedVerb(word: string, tokenizer: Tokenizer): boolean {
  if (!/^[\u4e00-\u9fff][过了完着]$/.test(word)) return false;
  const tags = tokenizer.tag(word).map((t) => t.tag);
  // Split as verb + particle, or unknown to the segmenter as a whole and opening with a verb (办过, 签了).
  return (tags.length === 2 && tags[0] === 'v' && tags[1]!.startsWith('u')) || (tags.join() === 'x' && isVerb(word[0]!, tokenizer));
}

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
