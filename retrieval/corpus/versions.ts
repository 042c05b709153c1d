/**
 * The alignment check between the language versions of one document. The UN numbers paragraphs identically in
 * every version, so versions are aligned by number: a unit one version has and another lacks is reported (it is
 * that version's own text under its own number, so it stays citable there, but nothing is offered for it in the
 * other language). Two paragraphs with the same number can still hold different text when one version merged or
 * split paragraphs; their lengths then differ from the other pairs' ratio far more than translation does.
 */
import { visibleLength } from '../parse/ledger.js';
import { citationKey, type Lang, type Unit } from '../types.js';
import type { DocumentProblem, UnitNumbers } from './report.js';

/**
 * A paragraph pair this many times longer or shorter than the document's usual ratio is reported: two paragraphs
 * merged under one number nearly double it, while translation varies it far less (the fixture's pairs lie within
 * 0.9–1.35 of their median).
 */
const LENGTH_FACTOR = 1.75;
/** Pairs with a side shorter than this (visible characters) say little about alignment. */
const MIN_LENGTH = 30;
/** Fewer aligned pairs than this give no usual ratio to compare with. */
const MIN_PAIRS = 3;

interface Version {
  lang: Lang;
  units: readonly Unit[];
}

function numbers(units: readonly Unit[]): UnitNumbers {
  return {
    paragraphs: units.filter((u) => u.kind === 'paragraph').map((u) => u.paragraph!),
    recommendations: units.filter((u) => u.kind === 'recommendation').map((u) => u.recommendation!),
    summary: units.some((u) => u.kind === 'summary'),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Paragraphs of `v` whose length ratio to `other`'s paragraph of the same number is far from the usual one. */
function lengthOutliers(v: Version, other: Version): number[] {
  const theirs = new Map(other.units.filter((u) => u.kind === 'paragraph').map((u) => [u.paragraph, visibleLength(u.text)]));
  const pairs = v.units.flatMap((u) => {
    const mine = visibleLength(u.text);
    const their = theirs.get(u.paragraph);
    return u.kind === 'paragraph' && their !== undefined && mine >= MIN_LENGTH && their >= MIN_LENGTH ? [{ n: u.paragraph!, ratio: mine / their }] : [];
  });
  if (pairs.length < MIN_PAIRS) return [];
  const usual = median(pairs.map((p) => p.ratio));
  return pairs.filter((p) => p.ratio > usual * LENGTH_FACTOR || p.ratio < usual / LENGTH_FACTOR).map((p) => p.n);
}

/**
 * What `v` has that each other version lacks, and (on every version but the first, which the others are read
 * against) paragraphs whose length does not fit the first version's.
 */
export function alignmentProblems(v: Version, versions: readonly Version[]): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  for (const other of versions) {
    if (other === v) continue;
    const theirs = new Set(other.units.map(citationKey));
    const only = numbers(v.units.filter((u) => !theirs.has(citationKey(u))));
    if (only.paragraphs.length || only.recommendations.length || only.summary) problems.push({ code: 'version-unaligned', lang: other.lang, ...only });
  }
  const first = versions[0];
  if (first && first !== v) {
    const outliers = lengthOutliers(v, first);
    if (outliers.length) problems.push({ code: 'version-length', lang: first.lang, paragraphs: outliers });
  }
  return problems;
}
