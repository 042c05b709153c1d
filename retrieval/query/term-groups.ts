/**
 * Synonym sets of a query: bridged terms that translate one English phrase are alternatives (any one of
 * them covers the phrase), terms from the question's own text stand alone. The keyword index scores a set
 * as one query word and the answer layer counts it as covered when any member occurs, so both read the
 * same groups.
 */
import type { QueryTerm, TermGroup } from '../types.js';
import { normalizeText } from './tokenize.js';

function groupKey(t: QueryTerm): string {
  return t.origin === 'text' || t.from === undefined ? `=${normalizeText(t.term)}` : `~${t.from}`;
}

export function termGroups(terms: readonly QueryTerm[]): TermGroup[] {
  const groups = new Map<string, TermGroup>();
  for (const t of terms) {
    if (!(t.weight > 0)) continue;
    const key = groupKey(t);
    const g = groups.get(key) ?? { key, weight: 0, members: [] };
    groups.set(key, g);
    g.weight += t.weight;
    g.members.push({ term: normalizeText(t.term), weight: t.weight });
  }
  return [...groups.values()];
}
