import type { Engine, Unit } from '../../retrieval/index.js';

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
  return `${engine.label(unit, 'zh')}  ·  ${engine.label(unit, 'en')}\n${unit.section.join(' › ')}\n\n${unit.text}`;
}
