/**
 * The operators' report (`npm run report`, `/stats`) as plain text in one language: totals and the not-found
 * rate, questions per day, the coverage gaps, the most down-voted citations and the latency percentiles.
 */
import type { Lang } from '../../retrieval/index.js';
import type { ReportData } from '../store/index.js';
import { coverageGaps } from './coverage-gaps.js';
import { strings } from './strings.js';

export const TOP_GAPS = 10;

export interface ReportView {
  days: number;
  guildId: string | null;
  lang: Lang;
}

const ms = (n: number) => n.toFixed(n < 10 ? 1 : 0);

/** The report's sections, each a heading and its lines, so a front end can lay them out its own way. */
export function reportSections(data: ReportData, view: ReportView): { title: string; summary: string[]; sections: { heading: string; lines: string[] }[] } {
  const r = strings(view.lang).report;
  const title = r.title(view.days, view.guildId);
  if (data.total === 0) return { title, summary: [r.none], sections: [] };
  const rate = `${((data.outcomes['not-found'] / data.total) * 100).toFixed(1)} %`;
  const summary = [
    r.totals(data.total, data.outcomes.answered, data.outcomes.partial, data.outcomes['not-found'], rate),
    r.votes(data.votes.up, data.votes.down),
  ];
  if (data.latencyMs) summary.push(r.latency(ms(data.latencyMs.p50), ms(data.latencyMs.p95), ms(data.latencyMs.p99), ms(data.latencyMs.max)));
  const gaps = coverageGaps(data.notFound, TOP_GAPS);
  return {
    title,
    summary,
    sections: [
      { heading: r.perDay, lines: data.perDay.map((d) => r.day(d.day, d.questions, d.notFound)) },
      ...(gaps.length
        ? [{ heading: r.gaps, lines: gaps.flatMap((g) => [r.gap(g.terms.join(' · '), g.questions), ...g.examples.map((q) => `    “${q}”`)]) }]
        : []),
      {
        heading: r.downVoted,
        lines: data.downVoted.length ? data.downVoted.map((c) => r.citationVotes(c.label, c.down, c.up)) : [r.noDownVotes],
      },
    ],
  };
}

export function formatReport(data: ReportData, view: ReportView): string {
  const { title, summary, sections } = reportSections(data, view);
  return [title, ...summary, ...sections.flatMap((s) => ['', s.heading, ...s.lines.map((l) => (l.startsWith('    ') ? l : `  ${l}`))])].join('\n');
}
