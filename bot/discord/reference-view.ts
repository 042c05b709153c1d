/**
 * What "Cite" returns: the reference in the UN's forms for both languages, and the quoted words with a
 * footnote in each, every piece in a code block so it copies exactly.
 */
import { type Engine, type Lang, sentenceSpans, type Unit } from '../../retrieval/index.js';
import { referenceText } from '../shared/citation-text.js';
import { strings } from '../shared/strings.js';
import type { CiteTarget, QuoteSpan } from './custom-ids.js';
import { LIMITS } from './limits.js';
import { contentMessages, type OutgoingMessage } from './message-layout.js';
import { firstSentence, unitFor } from './unit-view.js';

/** Room for the quote in one footnote block: the block, its fence and the footnote line must fit one message. */
const QUOTE_ROOM = LIMITS.content - 400;

/** A code block holds anything but its own fence: a run of three backticks is broken up (never in these documents). */
const codeBlock = (text: string) => `\`\`\`text\n${text.replace(/```/g, '``\u200b`')}\n\`\`\``;

/** The span's words, if the span still lies inside the unit (a button from before a document changed may not). */
function quoteOf(unit: Unit, span: QuoteSpan): string {
  const inside = span.end <= unit.text.length;
  const { start, end } = inside ? span : firstSentence(unit);
  const quote = unit.text.slice(start, end).trim();
  if (quote.length <= QUOTE_ROOM) return quote;
  // A quote too long for a footnote block is cut to its whole first sentences, still verbatim.
  let kept = '';
  for (const sentence of sentenceSpans(quote, { lang: unit.lang })) {
    if (quote.slice(0, sentence.end).length > QUOTE_ROOM) break;
    kept = quote.slice(0, sentence.end);
  }
  return kept || quote.slice(0, QUOTE_ROOM);
}

export function referenceMessages(engine: Engine, target: CiteTarget, lang: Lang): OutgoingMessage[] {
  const s = strings(lang);
  const unit = unitFor(engine, target.ref);
  // A subparagraph is looked up so that a letter the paragraph lacks is refused, not cited.
  if (target.sub !== null) engine.subparagraph(unit.source, unit.paragraph!, target.sub);
  const text = referenceText(engine, { unit, sub: target.sub ?? undefined, quote: quoteOf(unit, target.span) });
  return contentMessages([
    `**${s.copyReference}**\n${codeBlock(`${text.reference.en}\n${text.reference.zh}`)}`,
    `**${s.forFootnote}**\n${codeBlock(text.footnote.en)}`,
    codeBlock(text.footnote.zh),
  ]);
}
