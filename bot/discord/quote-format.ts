import type { Lang } from '../../retrieval/index.js';
import { strings } from '../shared/strings.js';
import { splitText } from './split-text.js';

/**
 * Text is shown as written: `*`, `_`, `#`, `-`, `1.`, `>`, `[x](y)` or `<@id>` in a document or a question must
 * not turn into formatting. (discord.js's escapeMarkdown with all options takes ~300 ms on a 4,000-character
 * paragraph, so this is a simpler, linear escape: a backslash before any formatting character.)
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\\*_`~|<>[\]]/g, '\\$&')
    .replace(/^(\s*)([#-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/**
 * What a user typed, shown back to them (a question as a title, a query, a document name in an error): on one
 * line and escaped like document text, so `**`, `||` or a link in it shows as typed. Every echo goes through here.
 */
export function echo(text: string): string {
  return escapeText(text.replace(/\s+/g, ' ').trim());
}

export function unescapeText(text: string): string {
  return text.replace(/\\([\\*_`~|<>[\]#\-.])/g, '$1');
}

export function quoteLines(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

function header(label: string, lang: Lang, continued: boolean): string {
  const name = `**${escapeText(label)}**`;
  return continued ? strings(lang).continued(name) : name;
}

/**
 * A labelled quotation of document text as one or more blocks of at most `limit` characters: the whole label
 * on top, then the escaped text as a Markdown quote. Text too long for one block continues in the next under
 * the label again, split between sentences.
 */
export function quoteBlocks(label: string, text: string, lang: Lang, limit: number): string[] {
  const body = escapeText(text.trim());
  const first = `${header(label, lang, false)}\n${quoteLines(body)}`;
  if (first.length <= limit) return [first];
  const room = limit - header(label, lang, true).length - 1;
  // Quoting adds "> " per line, so shrink the text budget until every quoted piece fits.
  for (let budget = room - 2; budget >= 2; ) {
    const pieces = splitText(body, budget).map(quoteLines);
    const longest = Math.max(...pieces.map((p) => p.length));
    if (longest <= room) return pieces.map((p, i) => `${header(label, lang, i > 0)}\n${p}`);
    budget -= longest - room;
  }
  throw new RangeError(`limit ${limit} is too small to quote under the label "${label}"`);
}
