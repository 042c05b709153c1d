/**
 * An answer as Discord messages: embeds with its passages under their labels, a sources field (or
 * "possibly related" when nothing was found), buttons to open each cited paragraph, and 👍/👎. Buttons go
 * on the first message; continuations of a very long answer follow without them.
 */
import type { APIButtonComponent } from 'discord.js';
import type { Answer, Citation, Engine, Passage } from '../../retrieval/index.js';
import { shownLabel } from '../shared/citation-text.js';
import { notFoundHeadline, passageLines, trailingNotes } from '../shared/render-answer.js';
import { strings } from '../shared/strings.js';
import { citeId, feedbackId, type QuoteSpan, type UnitRef } from './custom-ids.js';
import { LIMITS } from './limits.js';
import { button, buttonRows, embedMessages, listFields, type OutgoingMessage, textEmbeds } from './message-layout.js';
import { echo, escapeText } from './quote-format.js';
import { truncate } from './split-text.js';
import { unitFor } from './unit-view.js';

const ANSWER_COLOR = 0x2b7bb9;
const NOT_FOUND_COLOR = 0x8a8f98;
/** One row stays free for the feedback buttons. */
const CITE_ROWS = LIMITS.actionRows - 1;
const RELATED_EXCERPT = 120;

function citationRef(c: Citation): UnitRef {
  return { source: c.source, kind: c.kind, paragraph: c.paragraph, recommendation: c.recommendation, lang: c.lang };
}

/** Each cited unit once, in the order the passages cite them, with the first quote taken from it. */
function citedUnits(passages: Passage[]): { citation: Citation; quote: string }[] {
  const seen = new Map<string, { citation: Citation; quote: string }>();
  for (const p of passages) for (const c of p.citations) if (!seen.has(c.unitKey)) seen.set(c.unitKey, { citation: c, quote: p.quote });
  return [...seen.values()];
}

/** Where an answer's quote sits in the unit it cites, so the 📄 view's Cite button can quote the same words. */
export type SpanOf = (citation: Citation, quote: string) => QuoteSpan | null;

/** `SpanOf` over the engine's units (a quote is verbatim in the unit it cites, so it is found there). */
export function spansIn(engine: Engine): SpanOf {
  return (c, quote) => {
    const start = unitFor(engine, citationRef(c)).text.indexOf(quote);
    return start < 0 ? null : { start, end: start + quote.length };
  };
}

function passageLine(p: Passage, answer: Answer): string {
  const s = strings(answer.lang);
  const labels = p.citations.map((c) => shownLabel(c, answer.lang));
  return escapeText(p.claim !== undefined ? `${p.claim}${labels.map(s.marker).join('')}` : s.passage(p.quote, labels));
}

/** A citation's label, linked to its document's official text when it has one (a masked link shows the label). */
function linkedLabel(c: Citation, lang: Answer['lang']): string {
  const label = escapeText(shownLabel(c, lang));
  return c.url ? `[${label}](${c.url})` : label;
}

/** The cited paragraph's other language versions, each linked to its official text when there is one. */
function versionLinks(c: Citation, lang: Answer['lang']): string {
  const s = strings(lang);
  return c.versions.map((v) => ` · ${v.url ? `[${escapeText(s.alsoIn(v.lang))}](${v.url})` : escapeText(s.alsoIn(v.lang))}`).join('');
}

function relatedLine({ citation, quote }: { citation: Citation; quote: string }, lang: Answer['lang']): string {
  return `• **${linkedLabel(citation, lang)}**: ${escapeText(truncate(quote.replace(/\s+/g, ' '), RELATED_EXCERPT))}`;
}

/** `spanOf` locates each quote in its unit; where it finds none, the 📄 view's Cite button quotes the unit's first sentence. */
/** `votes: false` leaves out 👍/👎 (a server's setting). */
export function answerMessages(question: string, answer: Answer, spanOf: SpanOf, opts: { votes?: boolean } = {}): OutgoingMessage[] {
  const s = strings(answer.lang);
  const notFound = answer.outcome === 'not-found';
  const shown = citedUnits(notFound ? answer.related : answer.passages);
  const lines = notFound
    ? shown.map((c) => relatedLine(c, answer.lang))
    : shown.map(({ citation }) => `• ${linkedLabel(citation, answer.lang)}${versionLinks(citation, answer.lang)}`);
  const heading = notFound ? s.possiblyRelated : s.sources;
  const fields = lines.length ? listFields(heading, s.continued(heading), lines) : [];
  // Key terms go in Discord's small subtext (`-# `) under their quote.
  const text = notFound
    ? `**${escapeText(notFoundHeadline(answer))}**`
    : passageLines(
        answer,
        (p) => passageLine(p, answer),
        (line) => `-# ${escapeText(line)}`,
      ).join('\n');
  const footer = [`${s.confidence} ${answer.confidence.toFixed(2)}`, ...trailingNotes(answer).map(s.note)].join(' · ');
  const embeds = textEmbeds(text, {
    protect: shown.map(({ citation }) => escapeText(shownLabel(citation, answer.lang))),
    color: notFound ? NOT_FOUND_COLOR : ANSWER_COLOR,
    first: { title: truncate(echo(question), LIMITS.embedTitle) },
    fields,
    footer,
  });
  const cites: APIButtonComponent[] = shown
    .slice(0, CITE_ROWS * LIMITS.buttonsPerRow)
    .map(({ citation, quote }) =>
      button(citeId(citationRef(citation), answer.lang, spanOf(citation, quote)), shownLabel(citation, answer.lang), { emoji: '📄' }),
    );
  const components = [
    ...buttonRows(cites, CITE_ROWS),
    ...(opts.votes === false ? [] : buttonRows([button(feedbackId('up'), '', { emoji: '👍' }), button(feedbackId('down'), '', { emoji: '👎' })], 1)),
  ];
  return embedMessages(embeds).map((group, i) => (i === 0 ? { embeds: group, components } : { embeds: group }));
}
