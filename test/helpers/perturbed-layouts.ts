/** The ways the perturbed-layout test re-lays each document out; any document's symbol and title fill them. */
import type { DocumentMeta } from '../../retrieval/types.js';
import { JOB_NUMBER, type TextLayout } from './un-layout.js';

export function perturbedLayouts({ symbol, title }: Pick<DocumentMeta, 'symbol' | 'title'>): TextLayout[] {
  const header = symbol ?? 'A/CONF.999/2019/1';
  // Every document gets at least five pages, so running headers repeat.

  const page = (p: number, n: number) => `${p}/${n}`;
  return [
    { name: 'page numbers n/N', width: 76, minPages: 5, linesPerPage: 40, footer: (p, n) => [page(p, n)] },
    { name: 'footer page first', width: 70, minPages: 5, linesPerPage: 36, footer: (p, n) => [`${page(p, n)}  ${JOB_NUMBER}`] },
    { name: 'footer job number first', width: 80, minPages: 5, linesPerPage: 42, footer: (p, n) => [`${JOB_NUMBER}  ${page(p, n)}`] },
    {
      name: 'running title and symbol headers',
      width: 72,
      minPages: 5,
      linesPerPage: 38,
      header: (p) => (p === 1 ? [] : [header, title.zh]),
      footer: (p, n) => [page(p, n)],
    },
    {
      name: 'blank lines, indentation, trailing spaces',
      width: 60,
      minPages: 5,
      linesPerPage: 30,
      blankLines: true,
      indent: '  \u3000',
      trailing: ' \t',
      footer: (p) => [`${p}`],
    },
    { name: 'one paragraph per line', width: null, minPages: 5, linesPerPage: 20, header: (p) => (p === 1 ? [] : [title.zh]), footer: (p, n) => [page(p, n)] },
    {
      name: 'everything at once, CRLF',
      width: 66,
      minPages: 5,
      linesPerPage: 34,
      eol: '\r\n',
      blankLines: true,
      header: (p, n) => (p === 1 ? [] : p % 2 ? [`${header}  ${page(p, n)}`, title.zh] : [`${page(p, n)}  ${header}`, title.zh]),
      footer: (p, n) => (p % 2 ? [`${JOB_NUMBER}  ${page(p, n)}`] : [`${page(p, n)}  ${JOB_NUMBER}`]),
    },
    {
      name: 'narrow column',
      width: 44,
      minPages: 5,
      linesPerPage: 48,
      header: (p) => (p === 1 ? [] : [header]),
      footer: (p, n) => [`- ${p} -`, `${JOB_NUMBER} (C)`].slice(0, n),
    },
  ];
}
