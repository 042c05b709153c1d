import type { Engine, Subparagraph, Unit } from '../../retrieval/index.js';
import { shownUnitLabel } from '../shared/citation-text.js';
import { strings } from '../shared/strings.js';

/** The JSON Lines shape of `npm run dump -- --json`, which other tools read. */
export function unitJson(unit: Unit) {
  return {
    source: unit.source,
    kind: unit.kind,
    lang: unit.lang,
    paragraph: unit.paragraph,
    recommendation: unit.recommendation,
    section: unit.section,
    text: unit.text,
  };
}

/**
 * One unit for the terminal: label, section path, full text (and which language version it is, when its
 * document has others); or its JSON shape plus its label.
 */
export function formatUnit(engine: Engine, unit: Unit, json: boolean): string {
  if (json) return JSON.stringify({ ...unitJson(unit), label: engine.label(unit, 'zh') });
  const others = engine.versions(unit).map((v) => v.lang);
  const version = others.length ? `  ·  ${strings('en').versionShown(unit.lang, others)}` : '';
  return `${shownUnitLabel(engine, unit, 'zh')}  ·  ${shownUnitLabel(engine, unit, 'en')}${version}\n${unit.section.join(' › ')}\n\n${unit.text}`;
}

/** A unit and the same unit in its document's other language versions, one after the other. */
export function formatVersions(engine: Engine, unit: Unit): string {
  return [unit, ...engine.versions(unit)].map((u) => formatUnit(engine, u, false)).join('\n\n');
}

/** A subparagraph for the terminal: its reference in both languages and its text, then the paragraph it is part of. */
export function formatSubparagraph(engine: Engine, sub: Subparagraph): string {
  const span = { first: sub.unit.paragraph!, sub: sub.letter };
  return `${engine.reference(sub.unit, 'zh', span)}  ·  ${engine.reference(sub.unit, 'en', span)}\n${sub.text}\n\n${formatUnit(engine, sub.unit, false)}`;
}
