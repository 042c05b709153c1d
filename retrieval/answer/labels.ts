/**
 * Citation labels shown to people: `CTOC/COP/2018/2 第44段`, `CTOC/COP/2018/2, para. 44`,
 * `贩运人口问题工作组报告草稿（2019）建议 6`. The answerer, the verifier and the citation finder all
 * derive labels from here, so a label in an answer can be compared with the label of its unit.
 * `unitReference` writes the same references in the forms the UN prints for footnotes and copies
 * (`CTOC/COP/2018/2，第44段`, `para. 44 (b)`, `paras. 44–46`).
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

/** Which part of a document a reference names: one paragraph, a range, or a subparagraph (`(b)`). */
export interface ParagraphSpan {
  first: number;
  /** Last paragraph of a range; omitted or equal to `first` for one paragraph. */
  last?: number;
  /** A subparagraph's letter, without its brackets. */
  sub?: string;
}

/** `para. 44`, `para. 44 (b)`, `paras. 44–46`; `第44段`, `第44(b)段`, `第44至46段` (the UN's own forms). */
export function paragraphPart({ first, last, sub }: ParagraphSpan, lang: Lang): string {
  const range = last !== undefined && last !== first;
  if (lang === 'zh') return range ? `第${first}至${last}段` : `第${first}${sub ? `(${sub})` : ''}段`;
  return range ? `paras. ${first}–${last}` : `para. ${first}${sub ? ` (${sub})` : ''}`;
}

function unitPart(unit: LabelledUnit, lang: Lang): string {
  if (unit.kind === 'recommendation') return lang === 'zh' ? `建议 ${unit.recommendation}` : `recommendation ${unit.recommendation}`;
  if (unit.kind === 'summary') return lang === 'zh' ? '概要' : 'summary';
  return paragraphPart({ first: unit.paragraph! }, lang);
}

export function unitLabel(meta: DocumentMeta, unit: LabelledUnit, lang: Lang): string {
  const name = documentName(meta, lang);
  return lang === 'zh' ? zhJoin(name, unitPart(unit, lang)) : `${name}, ${unitPart(unit, lang)}`;
}

/**
 * A reference as it is pasted into a text or a footnote: `CTOC/COP/2018/2, para. 44 (b)` ·
 * `CTOC/COP/2018/2，第44(b)段`. A span, when given, replaces the unit's own paragraph.
 */
export function unitReference(meta: DocumentMeta, unit: LabelledUnit, lang: Lang, span?: ParagraphSpan): string {
  const part = span ? paragraphPart(span, lang) : unitPart(unit, lang);
  return lang === 'zh' ? `${documentName(meta, lang)}，${part}` : `${documentName(meta, lang)}, ${part}`;
}
