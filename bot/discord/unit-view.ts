import { type Engine, type Lang, type Subparagraph, sentenceSpans, type Unit } from '../../retrieval/index.js';
import { infoOf, shownLabel, shownUnitLabel } from '../shared/citation-text.js';
import { strings } from '../shared/strings.js';
import { type QuoteSpan, referenceId, type UnitRef } from './custom-ids.js';
import { LIMITS } from './limits.js';
import { button, buttonRows, contentMessages, linkButton, type OutgoingMessage } from './message-layout.js';
import { escapeText, quoteBlocks } from './quote-format.js';

export function unitFor(engine: Engine, ref: UnitRef): Unit {
  if (ref.kind === 'paragraph') return engine.paragraph(ref.source, ref.paragraph!);
  if (ref.kind === 'recommendation') return engine.recommendation(ref.recommendation!, ref.source);
  return engine.summary(ref.source);
}

const refOf = (u: Unit): UnitRef => ({ source: u.source, kind: u.kind, paragraph: u.paragraph, recommendation: u.recommendation });

/** A unit quoted exactly, under its label, with its section path in small print. */
export function unitBlocks(engine: Engine, unit: Unit, lang: Lang): string[] {
  const blocks = quoteBlocks(shownUnitLabel(engine, unit, lang), unit.text, lang, LIMITS.content);
  if (unit.section.length) blocks.push(`-# ${escapeText(unit.section.join(' › '))}`);
  return blocks;
}

/**
 * Under a quoted unit: "Cite" (the copy-ready reference, quoting `span`) and a link to the official text when
 * the document has a symbol.
 */
function viewButtons(engine: Engine, unit: Unit, lang: Lang, sub: string | null, span: QuoteSpan) {
  const s = strings(lang);
  const url = infoOf(engine, unit.source)?.url?.[lang];
  const buttons = [button(referenceId({ ref: refOf(unit), sub, span }, lang), s.cite, { emoji: '📋' }), ...(url ? [linkButton(s.officialText, url)] : [])];
  return buttonRows(buttons, 1);
}

/** The words a reference quotes when no answer chose them: the unit's first sentence. */
export function firstSentence(unit: Unit): QuoteSpan {
  const [first] = sentenceSpans(unit.text);
  return first ? { start: first.start, end: first.end } : { start: 0, end: unit.text.length };
}

/** The messages of a unit view; `span` is what its Cite button quotes (an answer's quote), by default its first sentence. */
export function unitMessages(engine: Engine, unit: Unit, lang: Lang, span: QuoteSpan | null = null): OutgoingMessage[] {
  return withButtons(contentMessages(unitBlocks(engine, unit, lang)), viewButtons(engine, unit, lang, null, span ?? firstSentence(unit)));
}

/** `para. 4 (b)`: the subparagraph under its own reference, then the whole paragraph it belongs to. */
export function subparagraphMessages(engine: Engine, sub: Subparagraph, lang: Lang): OutgoingMessage[] {
  const label = shownLabel(
    {
      label: engine.reference(sub.unit, lang, { first: sub.unit.paragraph!, sub: sub.letter }),
      status: infoOf(engine, sub.unit.source)?.meta.status ?? 'final',
    },
    lang,
  );
  const blocks = [
    ...quoteBlocks(label, sub.text, lang, LIMITS.content),
    `-# ${escapeText(strings(lang).inParagraph(engine.label(sub.unit, lang)))}`,
    ...unitBlocks(engine, sub.unit, lang),
  ];
  return withButtons(contentMessages(blocks), viewButtons(engine, sub.unit, lang, sub.letter, { start: sub.start, end: sub.end }));
}

/** Buttons go under the last message, after the text they act on. */
function withButtons(messages: OutgoingMessage[], components: OutgoingMessage['components']): OutgoingMessage[] {
  return messages.map((m, i) => (i === messages.length - 1 ? { ...m, components } : m));
}
