/**
 * The parser's rules must survive the way PDFs lay documents out. Each seed's clean parse is re-laid out in
 * several ways (page numbers, footers with page and job numbers in either order, running title and symbol
 * headers, re-wrapping at other widths, blank lines, indentation and trailing spaces, CRLF, footnotes at page
 * bottoms) and parsed again: the units must be the same, and every character must still be accounted for.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../retrieval/parse/index.js';
import type { DocumentMeta, Unit } from '../retrieval/types.js';
import { perturbedLayouts } from './helpers/perturbed-layouts.js';
import { blocksOf, renderText } from './helpers/un-layout.js';

const SEEDS = new URL('../seeds/', import.meta.url);
const metadata = JSON.parse(readFileSync(new URL('metadata.json', SEEDS), 'utf8')) as Record<string, DocumentMeta>;
const stems = Object.keys(metadata).sort();

const comparable = (units: Unit[]) => units.map(({ kind, paragraph, recommendation, section, text }) => ({ kind, paragraph, recommendation, section, text }));

describe.each(stems)('%s re-laid out', (stem) => {
  const clean = parseText(readFileSync(new URL(`${stem}.txt`, SEEDS), 'utf8'), stem);
  const blocks = blocksOf(clean.outline);

  it.each(perturbedLayouts(metadata[stem]!).map((l) => [l.name, l] as const))('%s: the same units, every character accounted for', (_name, layout) => {
    const { text, furniture } = renderText(blocks, layout);
    const parsed = parseText(text, stem);
    expect(comparable(parsed.units)).toEqual(comparable(clean.units));
    expect(parsed.problems).toEqual([]);
    const total = Object.values(parsed.characters.booked).reduce((a, b) => a + b, 0);
    expect(total).toBe(parsed.characters.source);
    // Every header and footer the layout added is booked as furniture, not glued into the text.
    const booked = parsed.ledger.filter((e) => e.category === 'furniture').map((e) => e.text);
    expect(furniture.length).toBeGreaterThan(0);
    for (const line of furniture) expect(booked, line).toContain(line.trim());
  });
});
