/**
 * English words as the keyword index and query analysis read English text (the English language versions of
 * documents): wink-tokenizer's words, numbers and ordinals, lowercased, accents folded, stopwords out, words
 * reduced to their Porter2 stems (wink-porter2-stemmer), so "trafficked", "trafficking" and "traffickers" meet
 * the question's "trafficking" as `traffick`. Numbers are written as the index writes them (1,200 → 1200).
 *
 * The answer layer looks for a question's terms in a text by substring, as it does in Chinese. In English it
 * looks in the text's stems joined by spaces, for terms between spaces: ` act ` is found in ` act ` but never
 * inside ` contact `, and a name's stems (` blue heart campaign `) only in that order.
 */

import stem from 'wink-porter2-stemmer';
import WinkTokenizer from 'wink-tokenizer';
import { ENGLISH_STOPWORDS } from './bridge/english.js';

const tokenizer = new WinkTokenizer();
// Only words and numbers are read: quoted phrases would come back whole, times and currencies as one token.
tokenizer.defineConfig({ quoted_phrase: false, time: false, currency: false, emoticon: false, emoji: false });

const KEPT_TAGS = new Set(['word', 'number', 'ordinal']);

function folded(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'");
}

/** The stem of one English word (lowercase), or the number as written without thousands separators. */
export function englishStem(word: string): string {
  return /^\d/.test(word) ? word.replace(/(\d),(?=\d{3}(?!\d))/g, '$1') : stem(word);
}

/** Stems of the content words of an English text, in reading order, repeats kept (term frequencies). */
export function englishStems(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenizer.tokenize(folded(text))) {
    if (!KEPT_TAGS.has(t.tag)) continue;
    const word = t.value.replace(/'s?$/, '');
    // A single letter is a list marker or an initial ("(b)", "e.g."), not a word.
    if (/^[a-z]?$/.test(word) || !/^[a-z0-9]/.test(word) || ENGLISH_STOPWORDS.has(word)) continue;
    out.push(englishStem(word));
  }
  return out;
}

/** A stem (or a run of stems) as the answer layer looks for it: between spaces. */
export function englishTerm(stems: string): string {
  return ` ${stems.trim()} `;
}

/** An English text as the answer layer searches it for terms: its stems between spaces. */
export function englishMatchText(text: string): string {
  return englishTerm(englishStems(text).join(' '));
}
