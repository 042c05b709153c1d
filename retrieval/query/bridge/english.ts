/**
 * English-side text handling for the query bridge: word splitting, stopwords, inflection candidates,
 * and the few English number forms the documents write in Chinese (ordinals, months).
 */

/** Words that say nothing about a paragraph's topic: function words, question words, reporting verbs. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the of in on at to for from by with without about as into onto through during before after above below ' +
    'between among against under over within upon via per regarding concerning including according ' +
    'and or but nor not no so than too very also only just even both either neither whether if then ' +
    "this that these those it its it's they them their theirs there here he him his she her we us our you your i me my " +
    'is are was were be been being am do does did doing done have has had having ' +
    'can could should would will shall may might must ' +
    'what which who whom whose where when why how whatever whichever ' +
    'any each some such other another own same all few more most many much several every ' +
    'say says said tell tells told describe described describes mention mentioned mentions give gave given ' +
    'like please etc e.g. i.e. thing things kind kinds way ways name names one ones ' +
    // chat: fillers and abbreviations ("quick q", "iirc", "w/")
    'actually really exactly precisely basically anyway hey hi thanks thx ok okay pls plz btw iirc quick q w'
  ).split(' '),
);

const WORD = /[a-z0-9]+(?:[-'./][a-z0-9]+)*(?:\([a-z0-9]{1,3}\))?/g;

/** Contracted negations whose first word is not spelt out: can't, won't, shan't. */
const NEGATED: Record<string, string> = { ca: 'can', wo: 'will', sha: 'shall' };
/** A chat contraction's first word: the rest ('ve, 're, 'll, 'd, 'm, n't) is grammar, and "not" no search term. */
const uncontracted = (w: string): string => {
  const m = /^([a-z]+?)(?:n't|'ve|'re|'ll|'d|'m)$/.exec(w);
  return m ? (NEGATED[m[1]!] ?? m[1]!) : w;
};

/**
 * Lowercased word tokens; accents folded (Côte → cote), possessive `'s` dropped (UNODC's → unodc), contractions
 * read as their first word (they've → they, didn't → did), thousands separators removed. Hyphenated words are
 * split (inter-agency → inter agency, so "Inter-Agency" and "inter agency" meet), except numbers and ordinals
 * (2013-2020, seventy-first), which are one value.
 */
export function englishTokens(text: string): string[] {
  const t = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  return [...t.matchAll(WORD)]
    .map((m) => uncontracted(m[0].replace(/'s$/, '').replace(/\.$/, '')))
    .flatMap((w) => (w.includes('-') && !/\d/.test(w) && englishOrdinal(w) === null ? w.split('-') : [w]));
}

const IRREGULAR: Record<string, string> = {
  women: 'woman',
  men: 'man',
  children: 'child',
  people: 'person',
  persons: 'person',
  held: 'hold',
  made: 'make',
  took: 'take',
  taken: 'take',
  gave: 'give',
  given: 'give',
  met: 'meet',
  led: 'lead',
  began: 'begin',
  begun: 'begin',
  set: 'set',
  put: 'put',
  sought: 'seek',
  brought: 'bring',
  bought: 'buy',
  sold: 'sell',
  found: 'find',
  kept: 'keep',
  spent: 'spend',
  sent: 'send',
  built: 'build',
  won: 'win',
  wrote: 'write',
  written: 'write',
  chose: 'choose',
  chosen: 'choose',
  grew: 'grow',
  grown: 'grow',
  knew: 'know',
  known: 'know',
  saw: 'see',
  seen: 'see',
  went: 'go',
  gone: 'go',
  came: 'come',
  spoke: 'speak',
  spoken: 'speak',
  thought: 'think',
  taught: 'teach',
  caught: 'catch',
  fled: 'flee',
  data: 'data',
  criteria: 'criterion',
};

/**
 * One key for a word's British and American spellings (organisation/organization, labour/labor, centre/center,
 * programme/program, defence/defense, travelled/traveled, analyse/analyze), applied to both sides of a
 * comparison: a word that does not alternate only gets a key nobody else has.
 */
export function spellingKey(word: string): string {
  return word
    .replace(/^(.{3,})is(e|es|ed|ing|ation|ations|er|ers)$/, '$1iz$2')
    .replace(/^(.{2,})ys(e|es|ed|ing)$/, '$1yz$2')
    .replace(/^(.{3,})our(s|ed|ing|er|ers|ite|ites|able)?$/, '$1or$2')
    .replace(/^(.{3,})tre(s)?$/, '$1ter$2')
    .replace(/^(.{3,})mme(s)?$/, '$1m$2')
    .replace(/^(.{3,})logue(s)?$/, '$1log$2')
    .replace(/^(def|off|lic|pret)ence(s)?$/, '$1ense$2')
    .replace(/^(.{2,}[aeiou])ll(ed|ing|er|ers)$/, '$1l$2');
}

const IRREGULAR_PLURALS = new Set(['women', 'men', 'children', 'people', 'persons', 'data', 'criteria']);

/** A past or present participle or an irregular past (held, spoke): a verb's form, saying what was done. */
export function isVerbForm(word: string): boolean {
  return /(?:ed|ing)$/.test(word) || (irregularBase(word) !== null && !IRREGULAR_PLURALS.has(word));
}

/** Base form of an irregular plural or verb form (children → child, held → hold), else null. */
export function irregularBase(word: string): string | null {
  return Object.hasOwn(IRREGULAR, word) ? IRREGULAR[word] : null;
}

/**
 * Base-form candidates of an inflected or derived word, the word itself first. The dictionary decides which
 * ones exist, which is more reliable than a stemmer that must guess (preparing → prepare, trained → train,
 * countries → country).
 */
export function lemmaCandidates(word: string): string[] {
  const out = [word];
  const add = (w: string) => {
    if (w.length >= 2 && !out.includes(w)) out.push(w);
  };
  const irregular = irregularBase(word);
  if (irregular) add(irregular);
  if (word.length <= 3 || /[^a-z-]/.test(word)) return out;
  if (word.endsWith('ies')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) add(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) add(word.slice(0, -1));
  // Derivations whose base is often the dictionary's headword: coordination → coordinate, establishment → establish.
  if (word.endsWith('ization')) add(`${word.slice(0, -7)}ize`);
  if (word.endsWith('ation')) add(`${word.slice(0, -5)}ate`);
  if (word.endsWith('ment') && word.length > 7) add(word.slice(0, -4));
  for (const suffix of ['ing', 'ed']) {
    if (!word.endsWith(suffix) || word.length < suffix.length + 3) continue;
    const stem = word.slice(0, -suffix.length);
    if (suffix === 'ed' && stem.endsWith('i')) add(`${stem.slice(0, -1)}y`);
    add(stem);
    add(`${stem}e`);
    if (/([b-df-hj-np-tv-z])\1$/.test(stem)) add(stem.slice(0, -1));
  }
  return out;
}

const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINAL_UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const ORDINAL_TEENS = 'tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth'.split(' ');
const ORDINAL_TENS = ['', '', ...'twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth'.split(' ')];

/** `seventy-first` → 71, `ninth` → 9, `26th` → 26; null for anything else. Covers 1–99, enough for sessions. */
export function englishOrdinal(word: string): number | null {
  const numeric = /^(\d{1,3})(?:st|nd|rd|th)$/.exec(word);
  if (numeric) return Number(numeric[1]);
  const parts = word.split('-');
  if (parts.length === 1) {
    const u = ORDINAL_UNITS.indexOf(word);
    if (u > 0) return u;
    const t = ORDINAL_TEENS.indexOf(word);
    if (t >= 0) return 10 + t;
    const tens = ORDINAL_TENS.indexOf(word);
    return tens >= 2 ? tens * 10 : null;
  }
  if (parts.length === 2) {
    const tens = TENS.indexOf(parts[0]);
    const u = ORDINAL_UNITS.indexOf(parts[1]);
    if (tens >= 2 && u > 0) return tens * 10 + u;
  }
  return null;
}

/** 71 → seventy-first, 9 → ninth, 112 → 112th: how English writes the ordinals that number sessions and meetings. */
export function ordinalWord(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`ordinalWord needs a positive integer, got ${n}`);
  if (n < 10) return ORDINAL_UNITS[n]!;
  if (n < 20) return ORDINAL_TEENS[n - 10]!;
  if (n < 100) return n % 10 ? `${TENS[Math.floor(n / 10)]}-${ORDINAL_UNITS[n % 10]}` : ORDINAL_TENS[n / 10]!;
  return numericOrdinal(n);
}

/** 1 → 1st, 12 → 12th, 22 → 22nd: an ordinal in digits. */
export function numericOrdinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const CARDINAL_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const CARDINAL_TEENS = 'ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(' ');

/** `nine` → 9, `twenty-one` → 21, `14` → 14; null for anything else. Covers 0–99 in words. */
export function englishCardinal(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  const [head = '', unit, ...rest] = word.toLowerCase().split('-');
  if (rest.length) return null;
  const u = CARDINAL_UNITS.indexOf(head);
  if (u >= 0 && unit === undefined) return u;
  const t = CARDINAL_TEENS.indexOf(head);
  if (t >= 0 && unit === undefined) return 10 + t;
  const tens = TENS.indexOf(head);
  if (tens < 2) return null;
  if (unit === undefined) return tens * 10;
  const v = CARDINAL_UNITS.indexOf(unit);
  return v > 0 ? tens * 10 + v : null;
}

/** A count as English prose writes it: words below ten, digits with thousands separators from ten on. */
export function cardinalWord(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < 10 ? CARDINAL_UNITS[n]! : n.toLocaleString('en-US');
}

const DIGITS = '〇一二三四五六七八九';

/** 七十一 → 71, 十 → 10, 二十六 → 26, 两 → 2; null for anything else (0–99). */
export function chineseNumeralValue(text: string): number | null {
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || !text) return null;
  const digit = (c: string | undefined) => (c === '两' ? 2 : c ? DIGITS.indexOf(c) : 0);
  if (!m[2]) return m[3] ? null : digit(m[1]);
  return (m[1] ? digit(m[1]) : 1) * 10 + digit(m[3]);
}

/** 71 → 七十一, 10 → 十, 26 → 二十六: the way the documents number sessions (第七十一届会议). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`chineseNumeral supports 0-99, got ${n}`);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${units ? DIGITS[units] : ''}`;
}

const MONTHS = 'january february march april may june july august september october november december'.split(' ');

/** 11 → November. */
export function monthName(month: number): string {
  const name = MONTHS[month - 1];
  if (!name) throw new RangeError(`no month ${month}`);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** `november` → true: a month written out, which no name is. */
export const isMonthName = (word: string): boolean => MONTHS.includes(word);

/** How chat abbreviates months ("Oct 2007"); `sept` as well as `sep`. */
const MONTH_ABBREVIATIONS: Record<string, number> = { sept: 9, ...Object.fromEntries(MONTHS.map((m, i) => [m.slice(0, 3), i + 1])) };

/** `november`, `nov` → 11; null otherwise. `may`, `mar` are also words: callers only trust them next to a year. */
export function englishMonth(word: string): number | null {
  const i = MONTHS.indexOf(word);
  return i >= 0 ? i + 1 : (MONTH_ABBREVIATIONS[word] ?? null);
}
