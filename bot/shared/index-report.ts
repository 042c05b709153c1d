/** The per-document ingestion report that `npm run index`, `add` and `remove` print, and their exit status. */
import type { DocumentReport, IndexBuild } from '../../retrieval/index.js';
import { strings } from './strings.js';

export function documentReportLines(report: DocumentReport): string[] {
  const words = strings('en');
  return [words.documentReport(report), ...report.problems.map((p) => `  ${words.documentProblem(p)}`)];
}

/** Prints the reports (of the documents `only` names, when given) and the summary; returns the exit code the build deserves. */
export function printBuild(build: IndexBuild, seconds: number, only?: readonly string[]): number {
  const words = strings('en');
  const out = (line: string) => process.stdout.write(`${line}\n`);
  for (const report of build.reports.filter((r) => only === undefined || only.includes(r.source))) for (const line of documentReportLines(report)) out(line);
  const hybrid = (build.fusion?.setting.denseWeight ?? 0) > 0;
  out(words.indexReady(build.units, build.documents, hybrid ? `hybrid (${build.model})` : 'keyword', seconds));
  if (build.fusion) out(words.fusionSummary(build.fusion));
  if (build.denseProblem) out(words.denseNotBuilt(build.denseProblem));
  const refused = build.reports.filter((r) => !r.loaded).length;
  if (refused) out(words.notLoaded(refused));
  if (build.unsaved) out(words.indexUnsaved(build.unsaved));
  return build.unsaved || build.denseProblem ? 1 : refused ? 2 : 0;
}
