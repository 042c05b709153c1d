/**
 * PDF and Word fixtures generated from the seeds by scripts/make-layout-fixtures.ts (symbol header, running
 * title and symbol headers, n/N page numbers and job numbers in the footer, footnotes at the page bottom, a CJK
 * font): read through the real PDF.js and mammoth readers, their parse must equal the parse of the .txt seed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../retrieval/ingest/index.js';
import { parseLines, parseText } from '../retrieval/parse/index.js';
import type { Unit } from '../retrieval/types.js';

const SEEDS = new URL('../seeds/', import.meta.url);
const FIXTURES = new URL('./fixtures/layout/', import.meta.url);
const stems = Object.keys(JSON.parse(readFileSync(new URL('metadata.json', SEEDS), 'utf8'))).sort();
const comparable = (units: Unit[]) => units.map(({ kind, paragraph, recommendation, section, text }) => ({ kind, paragraph, recommendation, section, text }));

describe.each(['pdf', 'docx'])('%s fixtures', (ext) => {
  it.each(stems)(`%s.${ext} parses to the units of the .txt seed, with its furniture and footnotes accounted for`, async (stem) => {
    const clean = parseText(readFileSync(new URL(`${stem}.txt`, SEEDS), 'utf8'), stem);
    const read = await readDocument(new URL(`${stem}.${ext}`, FIXTURES).pathname);
    const parsed = parseLines(read.lines, stem);
    expect(comparable(parsed.units)).toEqual(comparable(clean.units));
    expect(parsed.problems).toEqual([]);
    const total = Object.values(parsed.characters.booked).reduce((a, b) => a + b, 0);
    expect(total).toBe(parsed.characters.source);
    const footnotes = clean.outline.filter((o) => o.kind === 'footnote').length;
    if (footnotes > 0) expect(parsed.characters.booked.footnote).toBeGreaterThan(0);
    if (ext === 'pdf') expect(parsed.characters.booked.furniture).toBeGreaterThan(0);
  });
});
