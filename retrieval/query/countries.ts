/**
 * Country names in Chinese, from the ICU data Node ships (Intl.DisplayNames): the segmenter tags many as persons
 * (乌克兰, 摩尔多瓦) and some other words as places (契约, 巴索), so a "which countries" answer is read against a
 * gazetteer instead. The documents also write UN long forms (伊朗伊斯兰共和国, 荷兰王国, 俄罗斯联邦): a short name
 * with a state's ending is the same country.
 */
import { escapeRegExp } from '../util/escape-regexp.js';

/** Region codes ICU names that are no country: the EU, the euro area, the UN, outlying Oceania, pseudo-regions. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ', 'AQ']);

function regionNames(): string[] {
  const names = new Intl.DisplayNames(['zh-Hans'], { type: 'region' });
  const out = new Set<string>();
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = names.of(code);
      if (name && name !== code && /^[\u4e00-\u9fff]{2,}$/.test(name)) out.add(name);
    }
  return [...out];
}

/** The endings of a state's long form, after its short name. */
const STATE_ENDING = '(?:伊斯兰共和国|人民民主共和国|民主共和国|联合共和国|共和国|王国|联邦|合众国|多民族国)?';
/** The long forms of the UN's own usage that do not begin with the short name. */
const LONG_FORMS = ['美利坚合众国', '大不列颠及北爱尔兰联合王国', '联合王国', '大韩民国', '阿拉伯叙利亚共和国', '教廷'];

const COUNTRY = new RegExp(
  `(?:${[...LONG_FORMS, ...regionNames()]
    .sort((x, y) => y.length - x.length)
    .map(escapeRegExp)
    .join('|')})${STATE_ENDING}`,
  'g',
);

/** The countries a Chinese text names, in order, each once, as written. */
export function countriesNamed(text: string): string[] {
  return [...new Set(text.match(COUNTRY) ?? [])];
}
