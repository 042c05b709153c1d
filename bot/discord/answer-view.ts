import type { APIButtonComponent } from 'discord.js';
import type { Answer, Citation } from '../../retrieval/types.js';
import { citedUnitKey } from '../../retrieval/verify-citations.js';
import { citeId, feedbackId, type UnitRef } from './custom-ids.js';
import { LIMITS } from './limits.js';
import { button, buttonRows, embedMessages, listFields, type OutgoingMessage, textEmbeds } from './message-layout.js';
import { escapeText } from './quote-format.js';
import { truncate } from './split-text.js';
import { strings } from './strings.js';

const ANSWER_COLOR = 0x2b7bb9;
const NOT_FOUND_COLOR = 0x8a8f98;
/** One row stays free for the feedback buttons. */
const CITE_ROWS = LIMITS.actionRows - 1;
const RELATED_EXCERPT = 120;

function citationRef(c: Citation): UnitRef {
  const kind = c.recommendation !== null ? 'recommendation' : c.paragraph !== null ? 'paragraph' : 'summary';
  return { source: c.source, kind, paragraph: c.paragraph, recommendation: c.recommendation };
}

function uniqueByUnit(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = citedUnitKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The answer without the closing "来源：/Sources:" list the engine appends for plain-text front ends: the
 * embed shows sources in their own field. Only a trailing block of a heading plus "- " items goes.
 */
export function answerBody(text: string): string {
  const blocks = text.trimEnd().split(/\n\s*\n/);
  const last = blocks.at(-1)!.split('\n');
  const isSourceList = blocks.length > 1 && /[:：]\s*$/.test(last[0]) && last.length > 1 && last.slice(1).every((l) => /^\s*- /.test(l));
  return (isSourceList ? blocks.slice(0, -1) : blocks).join('\n\n').trim();
}

function relatedLine(c: Citation): string {
  return `• **${escapeText(c.label)}**: ${escapeText(truncate(c.quote.replace(/\s+/g, ' '), RELATED_EXCERPT))}`;
}

/**
 * An answer as Discord messages: embeds with the extractive answer and its labels, a sources field (or
 * "possibly related" when the engine abstained), buttons to open each cited paragraph, and 👍/👎.
 * Buttons go on the first message; continuations of a very long answer follow without them.
 */
export function answerMessages(question: string, answer: Answer): OutgoingMessage[] {
  const s = strings(answer.lang);
  const shown = uniqueByUnit(answer.abstained ? answer.related : answer.citations);
  const lines = answer.abstained ? shown.map(relatedLine) : shown.map((c) => `• ${escapeText(c.label)}`);
  const heading = answer.abstained ? s.possiblyRelated : s.sources;
  const fields = lines.length ? listFields(heading, s.continued(heading), lines) : [];
  const text = answer.abstained
    ? `**${escapeText(answer.answer.trim() || s.notFound)}**`
    : escapeText(answerBody(answer.answer));
  const footer = [`${s.confidence} ${answer.confidence.toFixed(2)}`, ...answer.notes].join(' · ');
  const embeds = textEmbeds(text, {
    protect: answer.citations.map((c) => escapeText(c.label)),
    color: answer.abstained ? NOT_FOUND_COLOR : ANSWER_COLOR,
    first: { title: truncate(escapeText(question.replace(/\s+/g, ' ').trim()), LIMITS.embedTitle) },
    fields,
    footer,
  });
  const cites: APIButtonComponent[] = shown
    .slice(0, CITE_ROWS * LIMITS.buttonsPerRow)
    .map((c) => button(citeId(citationRef(c), answer.lang), c.label, { emoji: '📄' }));
  const components = [
    ...buttonRows(cites, CITE_ROWS),
    ...buttonRows([button(feedbackId('up'), '', { emoji: '👍' }), button(feedbackId('down'), '', { emoji: '👎' })], 1),
  ];
  return embedMessages(embeds).map((group, i) => (i === 0 ? { embeds: group, components } : { embeds: group }));
}
