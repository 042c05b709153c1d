import { type Engine, type Lang, type Subparagraph, sentenceSpans, type Unit } from '../../retrieval/index.js';
import { infoOf, shownLabel, shownUnitLabel } from '../shared/citation-text.js';
import { languageSwitch, strings } from '../shared/strings.js';
import { type QuoteSpan, referenceId, type UnitRef, versionId } from './custom-ids.js';
import { LIMITS } from './limits.js';
import { button, buttonRows, contentMessages, linkButton, type OutgoingMessage } from './message-layout.js';
import { escapeText, quoteBlocks } from './quote-format.js';

export function unitFor(engine: Engine, ref: UnitRef): Unit {
  if (ref.kind === 'paragraph') return engine.paragraph(ref.source, ref.paragraph!, ref.lang);
  if (ref.kind === 'recommendation') return engine.recommendation(ref.recommendation!, ref.source, ref.lang);
  return engine.summary(ref.source, ref.lang);
}

const refOf = (u: Unit): UnitRef => ({ source: u.source, kind: u.kind, paragraph: u.paragraph, recommendation: u.recommendation, lang: u.lang });

/** A unit quoted exactly, under its label, with its section path in small print (and its version, when there are others). */
export function unitBlocks(engine: Engine, unit: Unit, lang: Lang): string[] {
  const blocks = quoteBlocks(shownUnitLabel(engine, unit, lang), unit.text, lang, LIMITS.content);
  if (unit.section.length) blocks.push(`-# ${escapeText(unit.section.join(' › '))}`);
  const others = engine.versions(unit).map((v) => v.lang);
  if (others.length) blocks.push(`-# ${escapeText(strings(lang).versionShown(unit.lang, others))}`);
  return blocks;
}

/**
 * Under a quoted unit: "Cite" (the copy-ready reference, quoting `span`), a link to the official text when
 * the document has a symbol (the shown version's, when the document has language versions), and a switch to
 * each other language version of the unit.
 */
function viewButtons(engine: Engine, unit: Unit, lang: Lang, sub: string | null, span: QuoteSpan) {
  const s = strings(lang);
  const info = infoOf(engine, unit.source);
  const url = info?.url?.[info.meta.versioned ? unit.lang : lang];
  const switches = engine.versions(unit).map((v) => button(versionId(refOf(v), lang), languageSwitch(v.lang), { emoji: '🌐' }));
  const buttons = [
    button(referenceId({ ref: refOf(unit), sub, span }, lang), s.cite, { emoji: '📋' }),
    ...(url ? [linkButton(s.officialText, url)] : []),
    ...switches,
  ];
  return buttonRows(buttons, 1);
}

/** The words a reference quotes when no answer chose them: the unit's first sentence. */
export function firstSentence(unit: Unit): QuoteSpan {
  const [first] = sentenceSpans(unit.text, { lang: unit.lang });
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
