/**
 * How much of a query a piece of text covers, weighted by how informative each query term is.
 * Terms that translate one English phrase are alternatives (any one of them covers the phrase), so a
 * word with five dictionary senses weighs as one word, the same way the keyword index scores them.
 */
import { synonymSetKey } from '../keyword-index.js';
import { normalizeText } from '../tokenize.js';
import type { QueryTerm } from '../types.js';

export interface TermGroup {
  /** The group's importance: the analysis spreads it over the alternatives, so it is their sum. */
  weight: number;
  /** Normalized alternatives: any one of them found covers the group. */
  members: string[];
}

export function termGroups(terms: readonly QueryTerm[]): TermGroup[] {
  const groups = new Map<string, TermGroup>();
  for (const t of terms) {
    if (!(t.weight > 0)) continue;
    const key = synonymSetKey(t);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { weight: 0, members: [] }));
    g.weight += t.weight;
    g.members.push(normalizeText(t.term));
  }
  return [...groups.values()];
}

/**
 * Weighted share (0..1) of the query groups that `text` contains; 0 when the query has no usable term.
 * One alternative found covers its whole group: which sense the dictionary meant is retrieval's concern.
 */
export function termCoverage(text: string, groups: readonly TermGroup[]): number {
  const haystack = normalizeText(text);
  let total = 0;
  let covered = 0;
  for (const g of groups) {
    total += g.weight;
    if (g.members.some((m) => haystack.includes(m))) covered += g.weight;
  }
  return total > 0 ? covered / total : 0;
}
