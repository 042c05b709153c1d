/**
 * Inline Markdown removal for one line. Documents come as .md or as .txt exported from PDF/Word with
 * Markdown fragments (links like `[CTOC/COP/WG.4/2017/2](#)`), so every line goes through this.
 */

export interface MarkdownLine {
  text: string;
  /** The line was an ATX heading (`## …`): always a heading, never a paragraph. */
  heading: boolean;
  /** The line was a list bullet (`- …`, `* …`, `+ …`): a list item starts on its own line. */
  bullet: boolean;
}

const ATX_HEADING = /^#{1,6}\s+(.*?)(?:\s+#+)?$/;
const BULLET = /^[-*+]\s+/;
const BLOCKQUOTE = /^(?:>\s?)+/;
/** Backslash escapes of Markdown punctuation (`\*`, `\[`, `\_`…). */
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!|<>~])/g;
/** Escaped characters are parked in the Private Use Area while emphasis and links are removed. */
const PARK_BASE = 0xe000;

const INLINE_RULES: [RegExp, string][] = [
  [/!\[([^\]]*)\]\([^)]*\)/g, '$1'], // image → alt text
  [/\[([^\]]+)\]\([^)]*\)/g, '$1'], // link → link text
  [/\[([^\]]+)\]\[[^\]]*\]/g, '$1'], // reference link → link text
  [/<((?:https?|ftp):\/\/[^>\s]+)>/g, '$1'], // autolink → address
  [/<\/?(?:sup|sub|b|i|u|em|strong|span|br)\b[^>]*>/gi, ''], // inline HTML that carries no text
  [/`([^`]+)`/g, '$1'], // code span
  [/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2'], // strong
  [/(?<![*\w])\*(?=[^\s*])([^*]*?[^\s*])\*(?![*\w])/g, '$1'], // emphasis with *
  [/(?<![_\p{L}\p{N}])_(?=[^\s_])([^_]*?[^\s_])_(?![_\p{L}\p{N}])/gu, '$1'], // emphasis with _
];

function park(text: string): string {
  return text.replace(ESCAPE, (_m, ch: string) => String.fromCharCode(PARK_BASE + ch.charCodeAt(0)));
}

function unpark(text: string): string {
  return text.replace(/[\uE000-\uE07F]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - PARK_BASE));
}

/** Strips Markdown from a trimmed line, keeping every character of the document's own text. */
export function cleanMarkdownLine(line: string): MarkdownLine {
  let text = park(line.replace(BLOCKQUOTE, ''));
  const headingMatch = ATX_HEADING.exec(text);
  const heading = headingMatch !== null;
  if (headingMatch) text = headingMatch[1]!;
  const bullet = !heading && BULLET.test(text);
  if (bullet) text = text.replace(BULLET, '');
  for (const [pattern, replacement] of INLINE_RULES) text = text.replace(pattern, replacement);
  return { text: unpark(text).trim(), heading, bullet };
}
