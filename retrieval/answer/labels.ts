/**
 * Citation labels shown to people: `CTOC/COP/2018/2 第44段`, `CTOC/COP/2018/2, para. 44`,
 * `贩运人口问题工作组报告草稿（2019）建议 6`. The answerer, the verifier and the citation finder all
 * derive labels from here, so a label in an answer can be compared with the label of its unit.
 */
import type { DocumentMeta, Lang, Unit } from '../types.js';

/** The document's display name: its UN symbol where known, else its short title in `lang`. */
export function documentName(meta: DocumentMeta, lang: Lang): string {
  return meta.symbol ?? meta.shortTitle[lang];
}

/** Chinese labels put a space after a Latin name (`CTOC/COP/2018/2 第44段`) but none after a Chinese one. */
export function zhJoin(name: string, part: string): string {
  return /[\x21-\x7e]$/.test(name) ? `${name} ${part}` : `${name}${part}`;
}

/** Only the numbering matters; callers may pass a whole unit. */
type LabelledUnit = Pick<Unit, 'kind' | 'paragraph' | 'recommendation'> & Partial<Unit>;

export function unitLabel(meta: DocumentMeta, unit: LabelledUnit, lang: Lang): string {
  const name = documentName(meta, lang);
  if (lang === 'zh') {
    if (unit.kind === 'recommendation') return zhJoin(name, `建议 ${unit.recommendation}`);
    if (unit.kind === 'summary') return zhJoin(name, '概要');
    return zhJoin(name, `第${unit.paragraph}段`);
  }
  if (unit.kind === 'recommendation') return `${name}, recommendation ${unit.recommendation}`;
  if (unit.kind === 'summary') return `${name}, summary`;
  return `${name}, para. ${unit.paragraph}`;
}
