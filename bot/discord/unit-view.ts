import type { Engine, Lang, Unit } from '../../retrieval/index.js';
import type { UnitRef } from './custom-ids.js';
import { LIMITS } from './limits.js';
import { contentMessages, type OutgoingMessage } from './message-layout.js';
import { escapeText, quoteBlocks } from './quote-format.js';

export function unitFor(engine: Engine, ref: UnitRef): Unit {
  if (ref.kind === 'paragraph') return engine.paragraph(ref.source, ref.paragraph!);
  if (ref.kind === 'recommendation') return engine.recommendation(ref.recommendation!, ref.source);
  return engine.summary(ref.source);
}

/** A unit quoted exactly, under its label, with its section path in small print. */
export function unitBlocks(engine: Engine, unit: Unit, lang: Lang): string[] {
  const blocks = quoteBlocks(engine.label(unit, lang), unit.text, lang, LIMITS.content);
  if (unit.section.length) blocks.push(`-# ${escapeText(unit.section.join(' › '))}`);
  return blocks;
}

export function unitMessages(engine: Engine, unit: Unit, lang: Lang): OutgoingMessage[] {
  return contentMessages(unitBlocks(engine, unit, lang));
}
