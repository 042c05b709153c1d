/**
 * Country names in Chinese, from the ICU data Node ships (Intl.DisplayNames): the segmenter tags many as persons
 * (乌克兰, 摩尔多瓦) and some other words as places (契约, 巴索), so a "which countries" answer is read against a
 * gazetteer instead. The documents also write UN long forms (伊朗伊斯兰共和国, 荷兰王国, 俄罗斯联邦): a short name
 * with a state's ending is the same country.
 */
import { escapeRegExp } from '../util/escape-regexp.js';
import type { Tokenizer } from './tokenize.js';

/** Region codes ICU names that are no country: unions, areas, the UN, Antarctica, islands named apart, pseudo-regions. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ', 'AQ', 'IC', 'EA', 'DG', 'TA', 'CP', 'AC']);

function regionNames(): string[] {
  const names = new Intl.DisplayNames(['zh-Hans'], { type: 'region' });
  const out = new Set<string>();
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      // 刚果（金）and 刚果（布）are both 刚果 before their long forms (刚果民主共和国).
      const name = names.of(code)?.replace(/（[^）]*）$/, '');
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

/** A country's language (越南语, 法文) is not the country: a course offered in it was not held there. */
export const asLanguage = (text: string, at: number, name: string) => /^(?:语|文(?![化件书章本]))/.test(text.slice(at + name.length));

/**
 * The countries a Chinese text names, in order, each once, as written: a name only where one of the segmenter's
 * words begins (not 中国 of 案件中国际, 海地 of 黑海地区), and ending with a word or before an office or body the
 * segmenter keeps with it (意大利政府, 中国公安部), not inside another name (巴西 of 巴西利亚, 印度 of 印度洋); and not as
 * a language.
 */
export function countriesNamed(text: string, tokenizer: Tokenizer): string[] {
  const words: { start: number; end: number; word: string }[] = [];
  let at = 0;
  for (const { word } of tokenizer.tag(text)) {
    words.push({ start: at, end: at + word.length, word });
    at += word.length;
  }
  const starts = new Set(words.map((w) => w.start));
  const endsWell = (end: number) => {
    const holder = words.find((w) => w.start < end && end <= w.end)!;
    if (holder.end === end) return true;
    const rest = tokenizer.tag(holder.word.slice(end - holder.start));
    return rest.length === 1 && rest[0]!.word.length >= 2 && (rest[0]!.tag === 'n' || rest[0]!.tag === 'nt');
  };
  const out: string[] = [];
  for (const m of text.matchAll(COUNTRY)) {
    const end = m.index + m[0].length;
    if (starts.has(m.index) && endsWell(end) && !asLanguage(text, m.index, m[0])) out.push(m[0]);
  }
  return [...new Set(out)];
}
