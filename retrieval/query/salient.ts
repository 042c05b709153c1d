/**
 * The parts of a question an answer has to speak to, and whether the corpus knows them at all: names
 * (capitalised English phrases; Chinese place, person and organisation names), numbers and years, ordinals
 * (第六次会议, "sixth meeting"), and words the corpus has in no form. A question about Cambodia cannot be
 * answered by a paragraph about UNODC's work elsewhere, however many other words they share.
 */
import type { CorpusStats, QueryTerm, SalientElement } from '../types.js';
import { chineseNumeral, ENGLISH_STOPWORDS, englishMonth, isMonthName, isVerbForm, monthName } from './bridge/english.js';
import { isProperName, isVerb, PERSON_TITLES } from './proper-names.js';
import { normalizeText, type Tokenizer } from './tokenize.js';

/** Capitalised words that start or frame a question rather than name anything. */
const NOT_NAMES = new Set('Please Tell List Describe Explain Give Name'.split(' '));
const ZH_ORDINAL = /第[〇零一二三四五六七八九十百\d]+(?:届|次)(?:会议)?/g;
/** The first time or session written the other way: 第一次 ↔ 首次, 第一届 ↔ 首届 (the rest of the word kept). */
export const otherFirstTime = (word: string) => (word.startsWith('首') ? word.replace(/^首(?=[次届])/, '第一') : word.replace(/^第一(?=[次届])/, '首'));
/** A Chinese count question's measure word and counted thing: 多少个国家 → 个, 国家; 几次会 → 次, 会. */
const ZH_COUNTED = /(?:多少|几)\s*([个名位项种所家份场起届次条人批部篇期组类轮]?)\s*([\u4e00-\u9fff]{1,8})/;
/** Questions about money count an amount. */
const MONEY = /钱|资金|捐款|经费|捐助|出资|\bmoney\b|\bfund(?:s|ing)?\b|\bdonat|\bcontribut|\bbudget|\bcost/i;
/** The same, but not "fund" and 捐助, which are mostly names or donors here (the Voluntary Trust Fund, 捐助国). */
const MONEY_SPOKEN = /钱|资金|捐款|经费|出资|\bmoney\b|\bfunding\b|\bdonat|\bcontribut|\bbudget|\bcost/i;
/** The counted noun itself is money ("多少资金", "how many dollars"), not a thing a fund paid for (捐助国, grants). */
const MONEY_NOUN = /^(?:钱|资金|捐款|经费|捐助|出资|money|funds?|funding|dollars?|euros?|donations?|contributions?|budgets?)$/i;
export const CURRENCY: readonly string[] = ['美元', '欧元', '英镑', '瑞士法郎', '日元', '元'];
const EN_COUNTED = /\bhow many ([a-z][a-z-]*(?: [a-z][a-z-]*)?)/i;

export interface SalientDeps {
  tokenizer: Tokenizer;
  stats: CorpusStats;
  /** English → Chinese terms of a phrase (the query bridge). */
  bridge(english: string): { terms: QueryTerm[]; unmatched: string[] };
  /** Corpus words for a Chinese word through its English glosses (英国 → 联合王国). */
  synonyms(zh: string): string[];
  /** The same for a name: only what translates the whole name. */
  nameSynonyms(zh: string): string[];
  /** Nouns too generic to name anything. */
  generic: ReadonlySet<string>;
  /** Whether an English word is of the UN's own vocabulary, capitalised in UN English ("States", "Protocol", "Parties"). */
  isUnVocabulary(word: string): boolean;
  /** Whether an English phrase is a glossary name ("Working Group", "Blue Heart Campaign"). */
  isGlossaryName(phrase: string): boolean;
  /** Corpus words for a Chinese word's own English glosses, loosely: a verb's other words (成立 → 设立, 建立). */
  senses(zh: string): string[];
  /** Whether the dictionary has a Chinese word as a proper noun (高棉 Khmer), whatever jieba tags it. */
  isDictionaryName(zh: string): boolean;
}

/**
 * A word the documents write with a person's title after it is that person's name, whatever the segmenter tags it
 * (it reads 孟庆甜 as an unknown word): a question about her speaks of her.
 */
const titledPerson = (word: string, stats: CorpusStats) => /^[\u4e00-\u9fff]{2,4}$/.test(word) && PERSON_TITLES.some((t) => stats.df(word + t) > 0);

const inCorpus = (forms: string[], stats: CorpusStats) => forms.some((f) => stats.df(f) > 0);

/** Whether jieba reads a Chinese word as a proper name; a Latin one is left as written. */
function namesSomething(term: string, deps: SalientDeps): boolean {
  if (!/[\u4e00-\u9fff]/.test(term)) return true;
  const tagged = deps.tokenizer.tag(term);
  return tagged.length === 1 && isProperName(tagged[0]!.word, tagged[0]!.tag, deps.generic);
}

/**
 * A month abbreviated next to a number ("Oct 2007", "Oct 11", "11 Oct") or after a preposition ("in Sept"): a
 * date. Before a capitalised word ("Jan Smith") it may be a name.
 */
const MONTH_ABBREVIATION =
  /(?<=\d\s*|\b(?:in|on|since|by|until|from|to|before|after|of|early|late|mid)\s+)\b[A-Z][a-z]{2,3}\b\.?(?!\s+[A-Z])|\b[A-Z][a-z]{2,3}\.?(?=\s+\d)/g;

/** Capitalised phrases of an English text ("Amnesty International", "UNODC", "COVID-19"), not question words. */
function englishNames(question: string): string[] {
  const names: string[] = [];
  const text = question.replace(MONTH_ABBREVIATION, (m) => (englishMonth(m.replace('.', '').toLowerCase()) === null ? m : m.toLowerCase()));
  for (const m of text.matchAll(/[A-Z][\w.’'-]*(?:\s+(?:of\s+the\s+|of\s+|and\s+)?[A-Z][\w.’'-]*)*/g)) {
    // Capitals that only start the question ("What", "To"), month names (dates, not names) and possessives go.
    const words = m[0]
      .split(/\s+/)
      .map((w) => w.replace(/[’']s$/, '').replace(/^[‘’']+|[‘’']+$/g, ''))
      .filter((w) => !NOT_NAMES.has(w) && !ENGLISH_STOPWORDS.has(w.toLowerCase()) && !isMonthName(w.toLowerCase()));
    if (words.length) names.push(words.join(' '));
  }
  return [...new Set(names)];
}

function element(text: string, kind: SalientElement['kind'], forms: string[], stats: CorpusStats): SalientElement {
  const unique = [...new Set(forms.map(normalizeText).filter(Boolean))];
  return { text, kind, forms: unique, inCorpus: inCorpus(unique, stats) };
}

/**
 * The names a question gives. UN English capitalises its own vocabulary ("States", "Member States", "the
 * Protocol"): a name made only of it is no name, unless the glossary knows it as one.
 */
export function questionNames(question: string, deps: Pick<SalientDeps, 'isUnVocabulary' | 'isGlossaryName' | 'bridge' | 'isDictionaryName'>): string[] {
  const first = question.trim().match(/^[\w’'-]+/)?.[0];
  // The question's first word is capitalised as the sentence's start: "Apart from…" is no name, since what the
  // dictionary translates it to names nothing; "Cambodia…" (高棉, a proper noun) and a word with no translation stay.
  const initialWord = (n: string) => {
    if (n !== first || /^[A-Z\d]+$/.test(n) || deps.isGlossaryName(n)) return false;
    const { terms, unmatched } = deps.bridge(n);
    return unmatched.length === 0 && terms.length > 0 && !terms.some((t) => deps.isDictionaryName(t.term));
  };
  return englishNames(question).filter(
    (n) => deps.isGlossaryName(n) || (!initialWord(n) && !n.split(/\s+/).every((w) => deps.isUnVocabulary(w.toLowerCase()))),
  );
}

/** Translations tried per word of a name, and words of a name tried so, at most: the forms multiply. */
const WORD_SENSES = 3;
const MAX_NAME_WORDS = 4;

/**
 * A title or name the documents translate word by word ("The Mother Chronicles" → 《母亲编年史》): the words'
 * translations written together, when the documents have them so; a part found alone is not the name.
 */
function wordByWord(name: string, deps: Pick<SalientDeps, 'bridge' | 'stats'>): string[] {
  const words = name.split(/\s+/).filter((w) => !ENGLISH_STOPWORDS.has(w.toLowerCase()));
  if (words.length < 2 || words.length > MAX_NAME_WORDS) return [];
  let forms = [''];
  for (const w of words) {
    const senses = [...new Set(deps.bridge(w).terms.map((t) => t.term))].slice(0, WORD_SENSES);
    if (!senses.length) return [];
    forms = forms.flatMap((f) => senses.map((t) => f + t));
  }
  return forms.filter((f) => deps.stats.df(f) > 0);
}

export function salientElements(
  question: string,
  numbers: string[],
  absentWords: string[],
  deps: SalientDeps,
  absentOrdinals: string[] = [],
): SalientElement[] {
  const { tokenizer, stats } = deps;
  const out: SalientElement[] = [];
  const seen = new Set<string>();
  const add = (e: SalientElement) => {
    const key = `${e.kind}:${normalizeText(e.text)}`;
    if (!seen.has(key)) out.push(e);
    seen.add(key);
  };
  for (const name of questionNames(question, deps)) {
    const latin = normalizeText(name);
    const bridged = deps.bridge(name);
    // A name translated only in part ("Amnesty International" → 国际) is not found by finding the part.
    // A dictionary sense that is no name does not find the name: Cambodia's 高棉 (Khmer) is found in 高棉语.
    const terms = bridged.unmatched.length ? [] : bridged.terms.filter((t) => t.origin !== 'dictionary' || namesSomething(t.term, deps)).map((t) => t.term);
    add(element(name, 'name', [...terms, ...wordByWord(name, deps), ...(stats.hasWord(latin) || stats.df(latin) > 0 ? [latin] : [])], stats));
  }
  const tagged = tokenizer.tag(question);
  for (const { word, tag } of tagged) {
    if ((isProperName(word, tag, deps.generic) && !verbPhrase(word, deps)) || (tag === 'x' && titledPerson(word, stats))) {
      add(element(word, 'name', [word, ...deps.nameSynonyms(word)], stats));
    }
  }
  for (const body of bodyNames(tagged, stats)) add(element(body, 'name', [body, ...deps.nameSynonyms(body)], stats));
  for (const title of absentTitles(question, deps)) add({ text: title, kind: 'name', forms: [title], inCorpus: false });
  for (const ordinal of normalizeText(question).match(ZH_ORDINAL) ?? []) {
    // The documents write 第二十七届; people also type 第27届.
    const chinese = ordinal.replace(/\d+/, (n) => (Number(n) < 100 ? chineseNumeral(Number(n)) : n));
    add(element(ordinal, 'ordinal', [ordinal, chinese, otherFirstTime(chinese)], stats));
  }
  const months = monthsOfYears(question);
  for (const m of months) add(element(m.text, 'number', m.forms, stats));
  // A year given with its month is the month's: "in May 2017" is not met by a paragraph of October 2017.
  for (const n of numbers) if (!months.some((m) => m.numbers.includes(n))) add(element(n, 'number', [n], stats));
  // Ordinals the bridge found nowhere ("twelfth session" → 第十二届): a session the documents do not cover.
  for (const o of absentOrdinals) add({ text: o, kind: 'ordinal', forms: [normalizeText(o)], inCorpus: false });
  // A word of a name is judged with the name: "west" of "West African" (西非) is not missing, and "amnesty" of
  // "Amnesty International" is missing once, as the name.
  const found = out.filter((e) => e.kind === 'name').map((e) => normalizeText(e.text).split(/\s+/));
  for (const w of absentWords) {
    if (!found.some((words) => words.includes(normalizeText(w)))) add({ text: w, kind: 'word', forms: [normalizeText(w)], inCorpus: false });
  }
  return out;
}

/**
 * A month with its year: "May 2017", "3 May 2017", 2017年5月. The documents write 2017 年 5 月, their particulars
 * "September 2019".
 */
const EN_MONTH_YEAR = /\b([A-Za-z]{3,9})\.?\s+(?:\d{1,2},?\s+)?((?:19|20)\d{2})\b/g;
const ZH_MONTH_YEAR = /((?:19|20)\d{2})年(1[0-2]|0?[1-9])月/g;

function monthsOfYears(question: string): { text: string; numbers: string[]; forms: string[] }[] {
  const forms = (year: string, month: number) => [`${year}年${month}月`, `${monthName(month)} ${year}`];
  const en = [...question.matchAll(EN_MONTH_YEAR)].flatMap((m) => {
    const month = englishMonth(m[1]!.toLowerCase());
    return month === null ? [] : [{ text: m[0], numbers: [m[2]!], forms: forms(m[2]!, month) }];
  });
  const zh = [...normalizeText(question).matchAll(ZH_MONTH_YEAR)].map((m) => ({ text: m[0], numbers: [m[1]!, m[2]!], forms: forms(m[1]!, Number(m[2])) }));
  return [...en, ...zh];
}

/** True when some occurrence of `part` in `word` covers position `i`. */
function coversAt(word: string, part: string, i: number): boolean {
  for (let at = word.indexOf(part); at !== -1 && at <= i; at = word.indexOf(part, at + 1)) {
    if (i < at + part.length) return true;
  }
  return false;
}

/**
 * The corpus's words inside a word it lacks, when they spell the whole word (人口贩卖 → 人口, 贩卖; 世界杯 is not
 * 世界), or a known word and a known verb after it that the segmenter keeps as one (大力开展 → 大力, 开展).
 */
export function knownParts(word: string, deps: Pick<SalientDeps, 'tokenizer' | 'stats'>): string[] | null {
  const known = (p: string) => deps.stats.df(p) > 0;
  const parts = deps.tokenizer.termWords(word).filter((p) => p !== word && known(p));
  if (parts.length && [...word].every((_, i) => parts.some((p) => coversAt(word, p, i)))) return parts;
  if (BODY_END.test(word)) return null;
  for (let i = 2; i <= word.length - 2; i++) {
    const [head, verb] = [word.slice(0, i), word.slice(i)];
    if (known(head) && known(verb) && isVerb(verb, deps.tokenizer)) return [head, verb];
  }
  return null;
}

/** A phrase ending in a verb that the segmenter took for a name (大力开展 "vigorously carry out", tagged nt). */
function verbPhrase(word: string, deps: SalientDeps): boolean {
  // Not a body's name, though 组织 alone is tagged a verb (亚太经济合作组织).
  if (deps.stats.df(word) > 0 || BODY_END.test(word)) return false;
  const last = knownParts(word, deps)?.at(-1);
  return last !== undefined && isVerb(last, deps.tokenizer);
}

/** Words that end the name of an organisation or office: 欧洲刑警组织, 腾讯公司, 联合国开发计划署. */
const BODY_END = /(?:组织|署|局|部|公司|委员会|办公室|办事处|基金会|协会|中心|银行|大学|集团|联盟|理事会|网络|机构|法院|议会)$/;
/**
 * Titles in title marks (《联合国反腐败公约》) that name an instrument the documents do not mention: not written so
 * anywhere, and with a word the documents never use. A title retold in the documents' own words (《打击人口贩运议定书》
 * for 《禁止贩运人口议定书》) is taken for the one they name.
 */
function absentTitles(question: string, deps: Pick<SalientDeps, 'tokenizer' | 'stats'>): string[] {
  const known = (w: string) => deps.stats.df(w) > 0 || knownParts(w, deps) !== null;
  return (
    [...normalizeText(question).matchAll(/《([^》]{2,40})》/g)]
      .map((m) => m[1]!)
      // A title in English (《Trafficking in Persons Protocol》) goes through the bridge like any English words.
      .filter((title) => !/[A-Za-z]/.test(title) && deps.stats.df(title) === 0 && deps.tokenizer.queryWords(title).some((w) => !/^\d+$/.test(w) && !known(w)))
  );
}

/** Word kinds a body's name is made of: nouns, names, abbreviations, verbal nouns (开发 of 开发计划署). */
const BODY_PART = /^(?:n|nr|ns|nt|nz|nrt|j|vn)$/;

/**
 * Names of bodies written as several words (欧洲刑警组织 = 欧洲 + 刑警 + 组织): the whole name is what must be in
 * the documents — 国际刑警组织 does not make 欧洲刑警组织 mentioned. A country's office the documents name
 * (白俄罗斯 + 内政部) is not one name: they write whose it is apart ("白俄罗斯报告称，其内政部…"), and the country
 * and the office are each asked for.
 */
function bodyNames(tagged: { word: string; tag: string }[], stats: CorpusStats): string[] {
  const out: string[] = [];
  tagged.forEach(({ word }, end) => {
    // 组织 with an aspect marker is the verb "organise" (执法人员组织过…), and 机构 before 间 is "inter-agency"
    // (人口机构间协调): no body's name ends there.
    const next = tagged[end + 1];
    if (!BODY_END.test(word) || /^[了过着]/.test(next?.word ?? '') || next?.tag === 'f') return;
    let start = end;
    while (start > 0 && BODY_PART.test(tagged[start - 1]!.tag) && tagged[start - 1]!.word.length >= 2) start--;
    const parts = tagged.slice(start, end + 1);
    const name = parts.map((t) => t.word).join('');
    const countrysOffice = parts.length === 2 && parts[0]!.tag === 'ns' && word.length >= 3 && stats.df(word) > 0;
    if (end > start && name.length >= 4 && !countrysOffice) out.push(name);
  });
  return out;
}

/**
 * Money the question speaks of beside the counted noun ("how many countries received money"): a count next to an
 * amount is about it too.
 */
const moneySpoken = (question: string) => (MONEY_SPOKEN.test(question) ? CURRENCY : []);

/**
 * The nouns with their heads: a Chinese compound ends in what it is (贩运被害人 is 被害人, 失踪儿童 儿童), and a
 * text counts it by the head ("确认了 494 名被害人").
 */
function withHeads(nouns: string[], tokenizer: Tokenizer): string[] {
  const heads = nouns.map((n) => tokenizer.queryWords(n).at(-1)).filter((h): h is string => h !== undefined && h.length > 1);
  return [...new Set([...nouns, ...heads])];
}

/**
 * The noun a count question's words open with. A verb before a noun modifies it (贩运受害者, 执法官员, 偷运移民):
 * what is counted is the noun, and "350 起人口贩运犯罪" does not count victims.
 */
function countedNoun(text: string, tokenizer: Tokenizer): string | undefined {
  const [first, second, third, fourth] = tokenizer.tag(text);
  // A verb and its object before 的 modify the noun after it (提交报告的国家 counts 国家); a one-character word
  // after a verb is part of a compound jieba split (参与/国).
  if (first?.tag === 'v' && second?.tag.startsWith('n') && second.word.length > 1) {
    if (third?.word === '的' && fourth?.tag.startsWith('n')) return fourth.word;
    return second.word;
  }
  return tokenizer.queryWords(text)[0];
}

/** The noun a count is asked among, just before it: 成员国 in "共同体成员国里有几个". */
function nounBefore(text: string, tokenizer: Tokenizer): string | undefined {
  const words = tokenizer.tag(text.replace(/(?:里|中|之中|当中)?(?:共有|有)?\s*$/, ''));
  const last = words.at(-1);
  return last?.tag.startsWith('n') && last.word.length > 1 ? last.word : undefined;
}

/** What a count question counts, as Chinese forms to look for next to a number ("how many parties" → 缔约方). */
export function countedThing(question: string, deps: SalientDeps): string[] {
  // The noun after "how many" / 多少 says what is counted, even when a fund is named elsewhere ("how many victims
  // has the Trust Fund helped"); only money asked as such counts an amount.
  const zh = ZH_COUNTED.exec(question);
  if (zh) {
    // "成员国里有几个派了学员": a verb after the measure word says what the counted ones did; they are the noun before.
    const opensWithVerb = deps.tokenizer.tag(zh[2]!)[0]?.tag === 'v';
    const noun = (opensWithVerb ? nounBefore(question.slice(0, zh.index), deps.tokenizer) : undefined) ?? countedNoun(zh[2]!, deps.tokenizer);
    if (MONEY_NOUN.test(noun ?? zh[2]!)) return [...CURRENCY];
    // A measure word with the noun (次会, 个国家) is what the count is written as; the noun alone may be far, or
    // written as the corpus's other word for it (494 名被害人 for 受害者, 13 种语文 for 语言).
    const forms = noun === undefined ? [] : [...new Set([noun, ...deps.synonyms(noun)])];
    return [...(zh[1] ? [`${zh[1]}${noun ?? ''}`] : []), ...forms, ...moneySpoken(question)];
  }
  const en = EN_COUNTED.exec(question);
  if (en && !MONEY_NOUN.test(en[1]!)) {
    // "how many member states", "missing kids": the counted noun; "how many countries received": a noun and its verb.
    const [first, second] = en[1]!.split(' ');
    const verb = second !== undefined && isVerbForm(second.toLowerCase());
    const terms = deps.bridge(verb ? first! : en[1]!).terms.map((t) => normalizeText(t.term));
    return [...withHeads(terms, deps.tokenizer), ...moneySpoken(question)];
  }
  return MONEY.test(question) ? [...CURRENCY] : [];
}

/** The noun a Chinese wh-word asks about: 什么成果, 哪些群体, 何种语言; or the thing asked about with 是什么. */
const ZH_ASKED_AFTER = /(?:什么|哪种|哪些|哪类|哪一种|哪一类|何种|哪几种|哪几类)(?:样的)?\s*([\u4e00-\u9fff]{2,8})/;
/** …or before it ("成果是什么"), when no noun follows the question word: "行动计划有哪些优先领域" asks the areas, not the plan. */
const ZH_ASKED_BEFORE = /([\u4e00-\u9fff]{2,8})(?:是什么|有哪些|包括哪些)/;
/** The same in English: "what outcome", "which groups", "what was the main outcome of", "what kind of support". */
const EN_ASKED =
  /\b(?:what|which)(?: (?:was|were|is|are))?(?: the)?(?: (?:main|key|principal|chief|primary|most important))?(?: (?:kinds?|types?|sorts?|forms?) of)? ([a-z][a-z-]{2,})\b/i;

/** Nouns that only stand for the kind of answer (什么地方 is "where"): the answer type speaks for them. */
const PLACEHOLDERS = new Set(['地方', '时候', '时间', '日期', '东西', '事情', '名字', '名称', '城市', '国家', '地区', '人', '样子', '意思', '性质']);

const EN_PLACEHOLDERS = new Set(
  'city cities country countries place places year years date dates time day days month months person persons people name names one ones way state states thing things'.split(
    ' ',
  ),
);

/** A Chinese date question's wh-word. */
const ZH_WHEN_WORD = /(?:哪一?年|哪些年|什么时候|何时|几月份?|哪个月|哪一?天|什么日期|什么时间)/;
/** The verb a Chinese date question dates, after its question word (哪一年成立, 什么时候启动的) or before it (成立于哪一年). */
const ZH_WHEN = new RegExp(`${ZH_WHEN_WORD.source}(?:开始|正式|首次|第一次|才|就|被)?([\\u4e00-\\u9fff]{2})`);
const ZH_WHEN_AFTER = /([\u4e00-\u9fff]{2})(?:于|在)(?:哪一?年|何时|什么时候)/;
/** The same in English, closing the question: "when was the trust fund set up?", "when was UN.GIFT launched?" */
const EN_WHEN = /\bwhen (?:was|were|did|is|are|will|has|have|had) .{1,80}? ([a-z]+(?: up)?)\s*\??\s*$/i;

/**
 * What happened that a date question dates, as Chinese forms: "哪一年成立的" → 成立, 设立, 建立. A date beside
 * something else (自 2015 年 7 月以来…一直是成员) does not date the founding asked. (Who did something is not held
 * so: 主持 is answered by 主席, a word the verb's senses do not reach.)
 */
export function datedEvent(question: string, deps: SalientDeps): string[] {
  // A verbal noun is asked as its verb (启动, tagged vn); the verb's senses are its dictionary glosses' verbs
  // (启动 → 发起, 推出), loose on purpose: a date is only refused when nothing like the asked event stands by it.
  const verb = (w: string) => deps.tokenizer.tag(w).every((t) => t.tag.startsWith('v'));
  const zh = ZH_WHEN.exec(question)?.[1] ?? ZH_WHEN_AFTER.exec(question)?.[1];
  if (zh) {
    // The two characters must be a word of the question as segmented, not the start of one (工作 of 工作组).
    const tag = deps.tokenizer.tag(question).find((t) => t.word === zh)?.tag;
    // A preposition closing the question is its verb (哪一天通过的: jieba tags 通过 a preposition).
    const closing = tag === 'p' && new RegExp(`${zh}(?:的|了)?\\s*[？?。]?\\s*$`).test(question);
    return tag !== undefined && (verb(zh) || closing) ? [...new Set([zh, ...deps.senses(zh).filter(verb)])] : [];
  }
  const en = EN_WHEN.exec(question)?.[1];
  if (!en || !isVerbForm(en.split(' ')[0]!.toLowerCase())) return [];
  return [...new Set(deps.bridge(en).terms.map((t) => normalizeText(t.term)))].filter(verb);
}

/** Generic nouns for a document, dated as the document of what names it. */
const DOCUMENT_NOUNS = new Set(['报告', '文件']);

/**
 * What a Chinese date question dates, as forms: the last noun of the clause before its wh-word
 * ("…办公室是哪一年设立的" → 办公室, "会议预计什么时候开" → 会议). A sentence dating the asked verb of something else
 * (自 2009 年以来，公安部建立了 DNA 数据库) is not its date. None when that noun is generic ("问题是在什么时候").
 */
export function datedThing(question: string, deps: SalientDeps): string[] {
  const at = ZH_WHEN_WORD.exec(question)?.index;
  if (at === undefined) return [];
  const clause = question
    .slice(0, at)
    .split(/[，,。？?！!；;]/)
    .at(-1)!;
  const tagged = deps.tokenizer.tag(clause);
  const last = tagged.map((t) => t.tag.startsWith('n') && t.word.length >= 2).lastIndexOf(true);
  if (last === -1) return [];
  const noun = tagged[last]!.word;
  // A report is the one of the noun before it: 会议报告 is dated, 报告 alone is any report (问题 is no thing dated).
  const before = tagged[last - 1];
  const compound = DOCUMENT_NOUNS.has(noun) && before?.tag.startsWith('n') ? before.word + noun : null;
  if (compound && deps.stats.df(compound) > 0) return [compound];
  return !PLACEHOLDERS.has(noun) && !deps.generic.has(noun) && deps.stats.df(noun) > 0 ? [noun, ...deps.synonyms(noun)] : [];
}

/**
 * What a question asks about, as Chinese forms ("what was the outcome" → 成果, 结果): the sentence that speaks
 * of it is where the answer is, more than the one that only names the event. Empty when the question's
 * wh-word asks for nothing named.
 */
export function askedThing(question: string, deps: SalientDeps): string[] {
  const after = ZH_ASKED_AFTER.exec(question)?.[1];
  const zh = after ?? ZH_ASKED_BEFORE.exec(question)?.[1];
  if (zh) {
    const words = deps.tokenizer.queryWords(zh);
    const noun = after ? words[0] : words.at(-1);
    // A placeholder run into the next character (哪些人去的 → 人去) asks for no named thing either.
    const placeholder = (w: string) => PLACEHOLDERS.has(w) || (deps.stats.df(w) === 0 && PLACEHOLDERS.has(w[0]!));
    return noun && noun.length >= 2 && !placeholder(noun) ? [noun, ...deps.synonyms(noun)] : [];
  }
  const en = EN_ASKED.exec(question);
  if (!en || ENGLISH_STOPWORDS.has(en[1]!.toLowerCase()) || EN_PLACEHOLDERS.has(en[1]!.toLowerCase())) return [];
  const terms = deps.bridge(en[1]!).terms.map((t) => normalizeText(t.term));
  return [...new Set([...terms, ...terms.flatMap((t) => deps.synonyms(t))])];
}
