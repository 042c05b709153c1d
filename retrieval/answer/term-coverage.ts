/**
 * How much of a query a piece of text covers, weighted by how informative each query term is. One member
 * of a term group found covers the whole group: which sense the dictionary meant is retrieval's concern.
 */
import { normalizeText } from '../query/tokenize.js';
import type { TermGroup } from '../types.js';

/** Weighted share (0..1) of the query groups that `text` contains; 0 when the query has no usable term. */
export function termCoverage(text: string, groups: readonly TermGroup[]): number {
  const haystack = normalizeText(text);
  let total = 0;
  let covered = 0;
  for (const g of groups) {
    total += g.weight;
    if (g.members.some((m) => haystack.includes(m.term))) covered += g.weight;
  }
  return total > 0 ? covered / total : 0;
}
