import type { Engine, Subparagraph, Unit } from '../../retrieval/index.js';
import { shownUnitLabel } from '../shared/citation-text.js';

/** The JSON Lines shape of `npm run dump -- --json`, which other tools read. */
export function unitJson(unit: Unit) {
  return {
    source: unit.source,
    kind: unit.kind,
    paragraph: unit.paragraph,
    recommendation: unit.recommendation,
    section: unit.section,
    text: unit.text,
  };
}

/** One unit for the terminal: label, section path, full text; or its JSON shape plus its label. */
export function formatUnit(engine: Engine, unit: Unit, json: boolean): string {
  if (json) return JSON.stringify({ ...unitJson(unit), label: engine.label(unit, 'zh') });
  return `${shownUnitLabel(engine, unit, 'zh')}  ·  ${shownUnitLabel(engine, unit, 'en')}\n${unit.section.join(' › ')}\n\n${unit.text}`;
}

/** A subparagraph for the terminal: its reference in both languages and its text, then the paragraph it is part of. */
export function formatSubparagraph(engine: Engine, sub: Subparagraph): string {
  const span = { first: sub.unit.paragraph!, sub: sub.letter };
  return `${engine.reference(sub.unit, 'zh', span)}  ·  ${engine.reference(sub.unit, 'en', span)}\n${sub.text}\n\n${formatUnit(engine, sub.unit, false)}`;
}
