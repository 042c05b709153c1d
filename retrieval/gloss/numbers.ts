/**
 * Numbers and dates of a Chinese text in English, by rule: 2016年11月 → November 2016, 2017年9月11日至13日 →
 * 11–13 September 2017, 第七十一届会议 → seventy-first session, 第72/179号决议 → resolution 72/179, 5,000万人 →
 * 50 million people, 100,000多名学生 → more than 100,000 (the counted thing only when the glossary knows it).
 * Every rule reads what the text writes; nothing is estimated.
 */
import { cardinalWord, monthName, numericOrdinal, ordinalWord } from '../query/bridge/english.js';

/** A stretch of the text and its English. `start`/`end` index the text the rules were given. */
export interface Span {
  start: number;
  end: number;
  en: string;
}

/** The counted thing at `at` (缔约方 → party, parties) and its length in the text, or null when the glossary lacks it. */
export type NounOf = (text: string, at: number) => { length: number; singular: string; plural?: string } | null;

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const CN = '[〇零一二两三四五六七八九十百千]+';
const YEAR = '(?:19|20)\\d\\d';
const MONTH = '(?:1[0-2]|0?[1-9])';
const DAY = '(?:3[01]|[12]\\d|0?[1-9])';
const RANGE = '(?:至|到|-|–|—)';
const JOIN = '(?:和|及|、)';

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 七十一 → 71, 十二 → 12, 两 → 2, 一百零五 → 105, 二〇一六 → 2016; null when it is not a numeral. */
export function parseChineseNumeral(s: string): number | null {
  if (!s || !/^[〇零一二两三四五六七八九十百千]+$/.test(s)) return null;
  if (!/[十百千]/.test(s)) return s.length > 1 ? Number([...s].map((c) => CN_DIGITS[c]).join('')) : CN_DIGITS[s]!;
  let total = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in CN_DIGITS) digit = CN_DIGITS[c]!;
    else {
      total += (digit ?? 1) * CN_UNITS[c]!;
      digit = null;
    }
  }
  return total + (digit ?? 0);
}

/** A number as the text writes it, read: `6,000` → 6000, `七十一` → 71. */
function value(written: string): number {
  return /\d/.test(written) ? Number(written.replace(/,/g, '')) : parseChineseNumeral(written)!;
}

/** Large amounts the English way: 50,000,000 → 50 million, 3.5 × 10^8 → 350 million, 15,000 → 15,000. */
function amount(n: number): string {
  const round = (x: number) => Number(x.toFixed(2)).toString();
  if (n >= 1e9) return `${round(n / 1e9)} billion`;
  if (n >= 1e6) return `${round(n / 1e6)} million`;
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Nouns English does not count with a plural ending. */
const UNCOUNTED = new Set(
  'police personnel staff people data information research assistance training legislation evidence advice equipment funding support cooperation protection prevention guidance knowledge aircraft series species'.split(
    ' ',
  ),
);
const IRREGULAR_PLURALS: Record<string, string> = { child: 'children', woman: 'women', man: 'men', person: 'persons', criterion: 'criteria' };

/** The plural of an English phrase: its last word (State party → States parties is beyond a rule; party → parties). */
export function plural(phrase: string): string {
  const words = phrase.split(' ');
  const last = words.pop()!;
  const lower = last.toLowerCase();
  let out: string;
  if (UNCOUNTED.has(lower) || /[^a-z]/i.test(last) || /[A-Z]{2}/.test(last)) out = last;
  else if (Object.hasOwn(IRREGULAR_PLURALS, lower)) out = IRREGULAR_PLURALS[lower]!;
  else if (/[^aeiou]y$/.test(last)) out = `${last.slice(0, -1)}ies`;
  else if (/(?:s|x|z|ch|sh)$/.test(last)) out = `${last}es`;
  else out = `${last}s`;
  return [...words, out].join(' ');
}

// ── dates ────────────────────────────────────────────────────────────────────

interface DatePart {
  year?: number;
  month?: number;
  day?: number;
  /** The word before this part: 至 (a range) or 和/、 (a list). */
  sep?: 'range' | 'list';
}

const PART = new RegExp(`(${RANGE}|${JOIN})?(?:(${YEAR})年)?(?:(${MONTH})月)?(?:(${DAY})日?)?`, 'y');

/** Splits `2017年9月11日至13日` into its dated parts, each inheriting the year and month written before it. */
function dateParts(text: string): DatePart[] {
  const parts: DatePart[] = [];
  let at = 0;
  let year: number | undefined;
  let month: number | undefined;
  while (at < text.length) {
    PART.lastIndex = at;
    const m = PART.exec(text);
    if (!m || m[0].length === 0) break;
    at += m[0].length;
    const [, sep, y, mo, d] = m;
    if (y) year = Number(y);
    if (mo) month = Number(mo);
    if (!y && !mo && !d) continue;
    parts.push({
      year,
      month: mo || d ? month : undefined,
      day: d ? Number(d) : undefined,
      sep: sep === undefined ? undefined : new RegExp(`^${RANGE}$`).test(sep) ? 'range' : 'list',
    });
  }
  return parts;
}

function oneDate(p: DatePart, withYear = true): string {
  const y = withYear && p.year !== undefined ? ` ${p.year}` : '';
  if (p.day !== undefined && p.month !== undefined) return `${p.day} ${monthName(p.month)}${y}`.trim();
  if (p.month !== undefined) return `${monthName(p.month)}${y}`.trim();
  return String(p.year ?? '');
}

function joinList(items: string[], range: boolean): string {
  if (range) return items.join('–');
  return items.length > 2 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items.join(' and ');
}

/**
 * Dates in the order English writes them: days of one month share it (12–16 and 19–23 February), a year
 * written once is written once at the end (…, 17–19 July and 12–16 November 2017), ranges across months or
 * years keep both ends (July 2015 – June 2016, 2015–2020).
 */
function renderDates(parts: DatePart[]): string {
  const items: { from: DatePart; to?: DatePart }[] = [];
  for (const p of parts) {
    const last = items[items.length - 1];
    if (p.sep === 'range' && last && !last.to) last.to = p;
    else items.push({ from: p });
  }
  const years = new Set(parts.map((p) => p.year));
  const shared = years.size === 1 ? parts[0]!.year : undefined;
  const groups: { key: string; month?: number; year?: number; texts: string[] }[] = [];
  for (const { from, to } of items) {
    const daysOfOneMonth = from.day !== undefined && (!to || (to.day !== undefined && to.month === from.month && to.year === from.year));
    if (daysOfOneMonth) {
      const key = `${from.year}-${from.month}`;
      const text = to ? `${from.day}–${to.day}` : String(from.day);
      const last = groups[groups.length - 1];
      if (last?.key === key) last.texts.push(text);
      else groups.push({ key, month: from.month, year: from.year, texts: [text] });
      continue;
    }
    const withYear = shared === undefined;
    const dash = from.day === undefined && to?.day === undefined ? '–' : ' – ';
    groups.push({ key: '', texts: [to ? `${oneDate(from, withYear)}${dash}${oneDate(to, withYear)}` : oneDate(from, withYear)] });
  }
  const rendered = groups.map((g) =>
    g.month === undefined
      ? g.texts[0]!
      : `${joinList(g.texts, false)} ${monthName(g.month)}${shared === undefined && g.year !== undefined ? ` ${g.year}` : ''}`,
  );
  const text = joinList(rendered, false);
  return shared !== undefined && parts.some((p) => p.month !== undefined) ? `${text} ${shared}` : text;
}

/** A day: with 日, or without it before 至 and the last day (2月13至15日). */
const DAY_OF = `${DAY}(?:日|(?=${RANGE}\\d))`;
const DATE_CORE = `(?:${YEAR}年(?:${MONTH}月(?:${DAY_OF})?)?|${MONTH}月${DAY_OF})`;
const DATE_MORE = `(?:(?:${RANGE}|${JOIN})(?:${YEAR}年)?(?:${MONTH}月)?(?:${DAY_OF})?)`;
/** `2015-2020年`, `2016、2017和2018年`: years that share one 年. */
const YEAR_RANGE = new RegExp(`(自|从)?(${YEAR})((?:(?:${RANGE}|${JOIN})${YEAR})+)年(以来|起)?`, 'g');
const DATES = new RegExp(`(自|从)?(${DATE_CORE}${DATE_MORE}*)(以来|起|年底|年初|底|上半年|下半年|以前|之前)?`, 'g');
/** A list may end on a word that belongs to the sentence (2016年和…): it is given back. */
const TRAILING_SEPARATOR = new RegExp(`(?:${RANGE}|${JOIN})+$`);

const FRAME: Record<string, (d: string) => string> = {
  以来: (d) => `since ${d}`,
  起: (d) => `from ${d}`,
  底: (d) => `end of ${d}`,
  年底: (d) => `end of ${d}`,
  年初: (d) => `beginning of ${d}`,
  上半年: (d) => `first half of ${d}`,
  下半年: (d) => `second half of ${d}`,
  以前: (d) => `before ${d}`,
  之前: (d) => `before ${d}`,
};

/** 自2016年 is "since 2016" (自…以来 with its end further on), 从2016年 "from 2016". */
function framed(date: string, from: string | undefined, after: string | undefined): string {
  if (after) return FRAME[after]!(date);
  return from ? `${from === '自' ? 'since' : 'from'} ${date}` : date;
}

function dateSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(YEAR_RANGE)) {
    const years = [m[2]!, ...m[3]!.match(new RegExp(YEAR, 'g'))!];
    out.push({ start: m.index, end: m.index + m[0].length, en: framed(joinList(years, new RegExp(RANGE).test(m[3]!)), m[1], m[4]) });
  }
  for (const m of text.matchAll(DATES)) {
    const [, from, matched, after] = m;
    const core = matched!.replace(TRAILING_SEPARATOR, '');
    // The frame word only frames the date when it follows it directly.
    const frame = core.length === matched!.length ? after : undefined;
    const end = m.index + (from?.length ?? 0) + core.length + (frame?.length ?? 0);
    out.push({ start: m.index, end, en: framed(renderDates(dateParts(core)), from, frame) });
  }
  return out;
}

// ── ordinals and references ──────────────────────────────────────────────────

const NUMBER = `(?:${NUM}|${CN})`;
/** More items after the first: 第6、第7和第8 (条), 第1和第2 (场会议), 71/280号和第72/1号. */
const MORE_ORDINALS = `((?:(?:${JOIN}|${RANGE})第?${NUMBER})*)`;
const ORDINALS = new RegExp(`第(${NUMBER})${MORE_ORDINALS}(届|次|场|版|份|项|期|轮|批|个|阶段)(年度会议|全体会议|会议)?`, 'g');
const SYMBOL = String.raw`\d+(?:/\d+)+|\d+ ?\(\d{4}\)|\d+`;
const RESOLUTIONS = new RegExp(`第?(${SYMBOL})号?((?:(?:${JOIN})第?(?:${SYMBOL})号?)*)(决议|决定)`, 'g');
const ARTICLES = new RegExp(`第(${NUMBER})${MORE_ORDINALS}条(\\([a-z]\\))?(?:款|项)?`, 'g');
const PARAGRAPHS = new RegExp(`第(${NUM})(?:${RANGE}(${NUM}))?段`, 'g');

/** What an ordinal's measure word is when nothing the glossary knows follows it. */
const ORDINAL_NOUN: Record<string, string> = { 届: 'session', 场: 'meeting', 版: 'edition', 阶段: 'phase' };
/** 第八届会议 is a session, 第四次会议 and 第1场会议 are meetings. */
const MEETING: Record<string, string> = { 会议: 'meeting', 年度会议: 'annual meeting', 全体会议: 'plenary meeting' };
const meetingNoun = (counter: string, meeting: string | undefined) =>
  counter === '届' ? (meeting === '年度会议' ? 'annual session' : 'session') : meeting ? MEETING[meeting]! : (ORDINAL_NOUN[counter] ?? '');

/** 第1 → 1st, 第七十一 → seventy-first: the documents' digits stay digits. */
function ordinal(written: string): string {
  return /\d/.test(written) ? numericOrdinal(value(written)) : ordinalWord(value(written));
}

/** The first item and the ones after it (第6、第7和第8 → 6, 7, 8), and whether they are a range (第44至46). */
function items(first: string, more: string | undefined): { items: string[]; range: boolean } {
  const rest = [...(more ?? '').matchAll(new RegExp(`第?(${NUMBER})`, 'g'))].map((x) => x[1]!);
  return { items: [first, ...rest], range: new RegExp(RANGE).test(more ?? '') };
}

function ordinalSpans(text: string, nounOf: NounOf): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(ORDINALS)) {
    const { items: list, range } = items(m[1]!, m[2]);
    let end = m.index + m[0].length;
    const named = m[4] || m[3] === '届' ? null : nounOf(text, end);
    if (named) end += named.length;
    const noun = named ? (list.length > 1 ? (named.plural ?? plural(named.singular)) : named.singular) : meetingNoun(m[3]!, m[4]);
    const nouns = !named && noun && list.length > 1 ? plural(noun) : noun;
    out.push({ start: m.index, end, en: `${joinList(list.map(ordinal), range)}${nouns ? ` ${nouns}` : ''}` });
  }
  for (const m of text.matchAll(RESOLUTIONS)) {
    const list = [m[1]!, ...[...(m[2] ?? '').matchAll(new RegExp(SYMBOL, 'g'))].map((x) => x[0])].map((s) => s.replace(/ ?\((\d{4})\)$/, ' ($1)'));
    const noun = m[3] === '决议' ? 'resolution' : 'decision';
    out.push({ start: m.index, end: m.index + m[0].length, en: `${list.length > 1 ? plural(noun) : noun} ${joinList(list, false)}` });
  }
  for (const m of text.matchAll(ARTICLES)) {
    const { items: list, range } = items(m[1]!, m[2]);
    const numbers = joinList(
      list.map((x) => String(value(x))),
      range,
    );
    out.push({ start: m.index, end: m.index + m[0].length, en: `${list.length > 1 ? 'articles' : 'article'} ${numbers}${m[3] ? ` ${m[3]}` : ''}` });
  }
  for (const m of text.matchAll(PARAGRAPHS)) {
    out.push({ start: m.index, end: m.index + m[0].length, en: m[2] ? `paragraphs ${m[1]}–${m[2]}` : `paragraph ${m[1]}` });
  }
  return out;
}

// ── counts and amounts ───────────────────────────────────────────────────────

const BEFORE: Record<string, string> = {
  约: 'about',
  大约: 'about',
  近: 'nearly',
  将近: 'nearly',
  逾: 'more than',
  超过: 'more than',
  至少: 'at least',
  不到: 'fewer than',
};
const AFTER: Record<string, string> = { 多: 'more than', 余: 'more than', 以上: 'more than', 左右: 'about' };
const SEVERAL: Record<string, string> = {
  数十: 'dozens of',
  数百: 'hundreds of',
  数千: 'thousands of',
  数万: 'tens of thousands of',
  数十万: 'hundreds of thousands of',
  数百万: 'millions of',
};
/** Measure words between a number and what it counts: they say nothing in English. 个月 is a unit (months). */
const COUNTERS = '个(?!月)|名|位|项|次|份|种|所|家|条|场|批|期|类|轮|起|例|篇|部|届|套|座|支|股|笔|宗|件|间';
/** Units that are the counted thing themselves, written straight after the number (两国, 3个月, 200万美元). */
const UNITS: Record<string, [string, string]> = {
  人: ['person', 'people'],
  个月: ['month', 'months'],
  天: ['day', 'days'],
  周: ['week', 'weeks'],
  小时: ['hour', 'hours'],
  年: ['year', 'years'],
  国: ['country', 'countries'],
  美元: ['United States dollar', 'United States dollars'],
  欧元: ['euro', 'euros'],
  瑞士法郎: ['Swiss franc', 'Swiss francs'],
  英镑: ['pound sterling', 'pounds sterling'],
};
const COUNT = new RegExp(
  `(大约|约|将近|近|逾|超过|至少|不到)?(${Object.keys(SEVERAL)
    .sort((a, b) => b.length - a.length)
    .join('|')}|${NUM}|${CN})(万|亿)?(多|余)?(${COUNTERS})?(多|余)?(${Object.keys(UNITS)
    .sort((a, b) => b.length - a.length)
    .join('|')})?`,
  'g',
);

const isYear = (written: string) => /^(?:19|20)\d\d$/.test(written);

function countSpans(text: string, nounOf: NounOf): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(COUNT)) {
    const [whole, before, written, scale, more1, counter, more2, unit] = m as unknown as (string | undefined)[];
    const several = SEVERAL[written!];
    const digits = /\d/.test(written!);
    // Digits with nothing Chinese after them are read as they are; 一个/一项 is the article "a"; a year is a date.
    if (!several && !(counter || unit || scale || more1)) continue;
    if (!several && !digits && !scale && value(written!) === 1) continue;
    if (digits && isYear(written!) && !scale && (unit === '年' || !counter)) continue;
    // After a measure word comes the counted thing (23个国家), not a unit (国).
    const ownUnit = counter ? undefined : unit;
    let end = m.index + whole!.length - (ownUnit === unit ? 0 : unit!.length);
    const noun = ownUnit ? null : nounOf(text, end);
    if (noun) end += noun.length;
    const after = /^(?:以上|左右)/.exec(text.slice(end))?.[0];
    if (after) end += after.length;
    const n = several ? 2 : value(written!) * (scale === '万' ? 1e4 : scale === '亿' ? 1e8 : 1);
    const thing = ownUnit ? UNITS[ownUnit]! : noun ? [noun.singular, noun.plural ?? plural(noun.singular)] : null;
    const number = several ? (thing ? several : several.replace(/ of$/, '')) : scale ? amount(n) : digits ? written! : cardinalWord(n);
    const qualifier = (before && BEFORE[before]) || (more1 || more2 ? 'more than' : '') || (after ? AFTER[after]! : '');
    // "6,000" for 6,000名 says nothing the digits do not: no gloss.
    if (!thing && !qualifier && !scale && digits) continue;
    out.push({ start: m.index, end, en: [qualifier, number, thing ? thing[n === 1 ? 0 : 1] : ''].filter(Boolean).join(' ') });
  }
  return out;
}

/** 议程项目2和3 → agenda items 2 and 3, 建议 6 → recommendation 6, 第16执行段 → operative paragraph 16. */
const NUMBERED: [RegExp, string][] = [
  [new RegExp(`议程项目(${NUM})((?:${JOIN}(?:${NUM}))*)`, 'g'), 'agenda item'],
  [new RegExp(`(?<!议程)项目(${NUM})((?:${JOIN}(?:${NUM}))*)(?=下)`, 'g'), 'item'],
  [new RegExp(`建议(${NUM})()(?![\\d/])`, 'g'), 'recommendation'],
  [new RegExp(`第(${NUM})()执行段`, 'g'), 'operative paragraph'],
];

function numberedSpans(text: string): Span[] {
  return NUMBERED.flatMap(([re, noun]) =>
    [...text.matchAll(re)].map((m) => {
      const items = [m[1]!, ...(m[2] ?? '').split(new RegExp(JOIN)).filter(Boolean)];
      return { start: m.index, end: m.index + m[0].length, en: `${items.length > 1 ? plural(noun) : noun} ${joinList(items, false)}` };
    }),
  );
}

/** 百分之十五 → 15%. */
const PERCENT = new RegExp(`百分之(${NUM}|${CN})`, 'g');

function percentSpans(text: string): Span[] {
  return [...text.matchAll(PERCENT)].map((m) => ({ start: m.index, end: m.index + m[0].length, en: `${value(m[1]!)}%` }));
}

/** Every number and date of a (space-compacted) Chinese text that a rule can read, possibly overlapping. */
export function numberSpans(text: string, nounOf: NounOf): Span[] {
  return [...dateSpans(text), ...ordinalSpans(text, nounOf), ...numberedSpans(text), ...percentSpans(text), ...countSpans(text, nounOf)];
}
