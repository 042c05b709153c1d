/**
 * Whether a piece of text carries the kind of fact a question asks for, and which facts: the numbers with
 * what they count, the dates, the names, the items of a list. A "how many" question is answered by a number
 * that counts the asked thing, not by the sentence that repeats the question's words; "why" by a cause.
 */
import { countriesNamed } from '../query/countries.js';
import { PERSON_TITLES } from '../query/proper-names.js';
import { CURRENCY } from '../query/salient.js';
import { normalizeText, type Tokenizer } from '../query/tokenize.js';
import type { CorpusStats, Lang, QueryAnalysis } from '../types.js';
import { escapeRegExp } from '../util/escape-regexp.js';
import { askedText, COUNTRY_ASKED, type Evidence, everywhere, newOnes, PEOPLE_ASKED, YEAR, YEARS } from './evidence-common.js';
import { englishEvidence } from './evidence-en.js';

export { type Evidence, LOCAL_TYPES } from './evidence-common.js';

const NUMERAL = '(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百千万]+)';
const MEASURE =
  '(?:多|余|多万|万)?(?:个|名|人|次|项|种|所|家|国|份|场|起|届|位|倍|%|条|批|部|篇|期|组|类|轮|天|周|星期|小时|美元|欧元|法域|例|宗|国家|成员国|缔约国|缔约方|会员国)';
const COUNT = new RegExp(`(?:逾|超过|近|约|共|总共|达)?${NUMERAL}${MEASURE}`, 'g');
/** An explicit "none" answers a "how many" question: 未发生任何…, 没有报告…, 无一. */
const NONE = /没有(?:发现|发生|报告|查明|任何)|未(?:发现|发生|报告|查明|有|曾)|并无|无一|零起|不存在任何/;
const DATE =
  /(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?(?:(?:和|至|-|–)\d{1,2}日)?)?|\d{1,2}月\d{1,2}日(?:(?:和|至|-|–)\d{1,2}日)?|(?:19|20)\d{2}[-–](?:19|20)?\d{2}年?/g;
/** Asking a date finer than a year: the month, the day. */
const ASKS_MONTH = /几月|哪个月|\b(?:which|what) month\b/i;
/** A question that asks the day is not answered by the month ("on which days in May 2017" of "2017年5月"). */
const ASKS_DAY = /几号|哪一?[天日]|几日|哪几天|什么日期|具体日期|\b(?:which|what) (?:day|days|date|dates)\b|\bon which days?\b|\bexact date/i;
/** A date that states its year. */
const YEAR_IN_DATE = /^(?:19|20)\d{2}/;
const LIST_SEPARATORS = /[、；;]|[(（][a-z一二三四五六七八九十ivx]{1,3}[)）]/g;
const PART_OF = /作为[^，,。]{0,30}的(?:一|组成)?部分/;
const DEFINES =
  /是[^，,。；;]{0,30}(?:机构|组织|机制|平台|网络|文书|方案|小组|论坛|运动)(?=[，,。；;]|$)|是一[个项种份]|旨在|是指|即为|目的是|宗旨是|宗旨在于|负责|的目标是|用于|致力于|作为.{0,20}的/;
/**
 * A purpose clause after a comma counts as the reason too ("会员国应…进行研究，以制定或调整预防战略", "…，使检察官能够
 * 分享…"), but not 以 that starts a name or another word (以色列, 以往, 以至于, 以书面形式), nor the 为了 of 成为了
 * ("became"). 基于 and 出于 are left out: in these reports they mostly qualify ("基于互联网的平台", "出于剥削目的").
 */
const CAUSE =
  /由于|因为|(?<![成作称认视分改转变沦])为了|旨在|以便|鉴于|考虑到|原因是|原因在于|原因之一|目的是|以期|以确保|以帮助|以加强|以免|以避免|为避免|[，,]\s*以(?![及上下来后前外内此其色往至致书英中])|[，,]\s*(?:使|让)(?:其|他们|她们|各国|会员国|检察官|受害者|被害人)?(?:能够|可以|得以|更好)|对[^。；]{1,20}(?:尤为|至关|十分|非常|特别)?重要/g;
/** A "why" asked of a state (hard, so few, so many), and a text giving a cause rather than a purpose. */
const DIFFICULTY_ASKED = /难|不易|不容易|那么少|这么少|那么低|那么多|这么多|那么高|\b(?:hard|difficult|so (?:few|little|low|many|much|high)|scarce)\b/i;
const STATE_CAUSE = /由于|因为|鉴于|原因|所以|因此|因而|导致|造成|缺乏|缺少|不足/;
/** Share of a cause clause the question's own words may fill before the clause is only the question restated. */
const RESTATED = 0.6;

/**
 * Whether the text gives a cause the question does not already state: asked why lacking data hinders the work,
 * "由于缺乏可靠的数据，这项工作受到了阻碍" restates the question, and the cause is in the next sentence.
 */
function givesCause(text: string, analysis: QueryAnalysis): boolean {
  const terms = analysis.groups.flatMap((g) => g.members.map((m) => m.term));
  return [...text.matchAll(CAUSE)].some((m) => {
    const clause = text
      .slice(m.index + m[0].length)
      .split(/[，。；,;]/)[0]!
      .replace(/的/g, '');
    // Each character once: 人口贩运, 人口 and 贩运 cover the same four.
    const covered = new Set<number>();
    for (const t of terms) for (let i = clause.indexOf(t); i >= 0; i = clause.indexOf(t, i + 1)) for (let j = 0; j < t.length; j++) covered.add(i + j);
    return clause.length === 0 || covered.size / clause.length < RESTATED;
  });
}

/** "因此", "为此" point back to a cause: one within the text has its cause before it in the text… */
const CONSEQUENCE = /(?<=.)(?:因此|为此|从而|所以)/s;
/** …one that opens the text has it outside: what follows is the consequence, not the reason. */
const OPENS_WITH_CONSEQUENCE = /^(?:因此|为此|从而|所以)/;
const TITLES = `(?:${PERSON_TITLES.join('|')})`;
const PERSON_MARK = new RegExp(TITLES);
/**
 * A Chinese name written with its title: 孟庆甜女士, not the word before it ("…和孟庆甜女士", "副主任孟庆甜女士"). Two
 * or three characters: a longer run takes in the character before.
 */
const TITLED_NAME = new RegExp(`((?![和与及由])[\u4e00-\u9fff]{2,3})${TITLES}`, 'g');
/** Groups of people, the answer to "who are most of the victims": 男子, 妇女和女童, 无人陪伴的未成年人. */
const PEOPLE = /男子|男性|妇女|女性|女童|女孩|男孩|儿童|未成年人|青少年|成年人|移民|工人|劳工|家庭用人|难民|学生|官员|检察官|法官|警察/;
/**
 * Bodies and office-holders named by what they are (荷兰移民和归化局, 国家报告员): an answer to "who". A name does not run
 * over 的, 是, 在 and the like, and 部 of 部分 (一部分, 研究部分) or 局 of 局势 ends none.
 */
const BODY =
  /(?:(?![的是在了为由对与从])[\u4e00-\u9fff]){2,}?(?:局(?![势面限])|部(?!分)|署|厅|委员会|办公室|办事处|组织|机构|中心|基金会|协会|联盟|网络|小组|工作组|警察|宪兵|法院|检察院|政府|议会|银行|公司|集团|大学|学院|报告员|主席|代表|大使|部长|专员|秘书长|主任)/g;
/** Places named by what they are (机场, 边境, 使馆): an answer to "where" as much as a place name. */
const SITE =
  /(?:在|于|到|赴|前往)[\u4e00-\u9fff]{0,8}(?:机场|港口|边境|口岸|学校|医院|使馆|领事馆|办事处|网站|车站|城市|地区|省|州|市|县|岛|总部|营地|中心|任务|特派团)/g;
/** A numbered resolution or decision: 第 4/4 号决定, 第2388(2017)号决议. */
const INSTRUMENT = /第\d+(?:\/\d+|\(\d{4}\))号(?:决定|决议)/g;

/**
 * The kind of thing whose name a question asks ("the name of the … campaign", 那个运动叫什么), with the word the
 * documents write after such a name: a campaign's name is the one quoted before 运动, not 《偷运移民议定书》.
 */
const NAMED_KINDS: [asked: RegExp, noun: string][] = [
  [/\bcampaigns?\b|运动/i, '运动'],
  [/\bprojects?\b|项目/i, '项目'],
  [/\bprogrammes?\b|\bprograms?\b|方案/i, '方案'],
  [/\boperations?\b|行动/i, '行动'],
  [/\bdatabases?\b|数据库/i, '数据库'],
  [/\btoolkits?\b|工具包/i, '工具包'],
  [/\b(?:handbook|manual)s?\b|手册/i, '手册'],
];
/** A quoted name followed, within a few characters, by the kind of thing it names. */
const namedKind = (name: string, noun: string, text: string) => new RegExp(`${escapeRegExp(name)}[^，,。；;]{0,4}${noun}`).test(text);

const CITY_ASKED = /城市|\b(?:city|cities|town|towns)\b/i;
/** Seas, continents and regions, by their ending or as a compass part of one (北非, 中东, 东南亚). */
const REGION = /(?:海|洋|洲|地区|区域|半岛|之角)$|^[东西南北中]{1,2}(?:非|欧|亚|东)$/;

/** Where a meeting was held, whatever the place's name: 在尼亚美举行, 于日内瓦召开; not when (在即将举行的论坛上). */
const HELD_IN = /(?:在|于)(?!即将|将要|正在|近期|随后|此后|今后|同期)([\u4e00-\u9fff]{2,8}?)(?:举行|召开|举办|开幕|启动|成立)/g;
/** Names in quotation marks or title marks: “诉讼会诊”, 《…》. */
const QUOTED = /[“《「][^”》」]{2,40}[”》」]/g;
const LATIN_NAME = /[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)+/g;
/** jieba's tags for names: people, places, organisations, other proper nouns. */
export const NAME_TAGS: ReadonlySet<string> = new Set(['nr', 'nrt', 'nt', 'nz', 'ns']);

/**
 * "举办了一次讲习班", "一项成果": one plus a measure word is mostly the indefinite article, not the asked count —
 * unless something says it counts ("只举行过一次", "仅一名").
 */
const ARTICLE = /^一(?:个|次|项|名|场|份|种|位|批|部|篇|期|组|类|轮|家|所|条|届)$/;
/** A share or a multiple is an answer only to a question that asks for one. */
const SHARE = /%|倍/;
const SHARE_IN_WORDS =
  /一半(?:以上|以下)?|半数(?:以上)?|大多数|绝大多数|(?:[一二三四五六七八九十]|\d+)分之(?:[一二三四五六七八九十]|\d+)|百分之[一二三四五六七八九十百\d]+/g;
const SHARE_ASKED =
  /百分|比例|比率|多少倍|几倍|占多少|占比|所占|(?:增长|增加|上升|涨|提高|下降|减少|(?<![至最不差])[多少])了?多少|多出了?多少|涨幅|增幅|\b(?:percent|percentage|proportion|share|rate|ratio)\b|\bhow much (?:more|higher|less|lower)\b|\bby how much\b/i;
const COUNTS_ONE = /(?:只|仅|仅仅|过|共|总共|唯一)$/;

/** Whether the question states this number itself ("after training 200 officers, how many…"): it is not the answer. */
const asksWith = (question: string, digits: string) => new RegExp(`(?<![\\d.,])${digits}(?![\\d.,]\\d)`).test(question);

/** A number's phrase up to the noun its 的 modifies, within its clause: 23 个国家和一个区域性组织的答复. */
const COUNTED_PHRASE = /^[^，。；：,;:的]{0,16}的[\u4e00-\u9fff]{1,4}/;

/** Whether a text starts with a noun (jieba's n… tags). */
const countsNoun = (text: string, tokenizer: Tokenizer) => /^n/.test(tokenizer.tag(text)[0]?.tag ?? '');

function countEvidence(text: string, analysis: QueryAnalysis, question: string, tokenizer: Tokenizer): Evidence {
  const facts: string[] = [];
  let counted = false;
  for (const m of text.matchAll(COUNT)) {
    const digits = m[0].match(/\d+/)?.[0];
    // A year is not a count, and neither is a number the question itself gives.
    if (digits && YEAR.test(digits) && text.slice(m.index + m[0].length - 1, m.index + m[0].length) === '年') continue;
    // Neither is an ordinal: 第九次会议 is the ninth meeting, not nine of them.
    if (question.includes(m[0]) || (digits && asksWith(question, digits)) || text[m.index - 1] === '第') continue;
    // "Calls rose 76%" does not say how many calls there were, nor "数十名" (dozens) how many people.
    if ((SHARE.test(m[0]) && !SHARE_ASKED.test(analysis.question)) || text[m.index - 1] === '数') continue;
    const article = ARTICLE.test(m[0]) && !COUNTS_ONE.test(text.slice(Math.max(0, m.index - 3), m.index));
    facts.push(article ? `article:${m[0]}` : m[0]);
    // "A hotline" does not count hotlines.
    if (article) continue;
    // The counted noun follows the number (11个成员国), heads the 的 phrase the number starts (23个国家和一个区域性组织
    // 的答复; not a noun further on: "2名涉嫌…的嫌疑人并解救了受害者" counts suspects), or leads its clause
    // (学员来自…15个成员国中的11个).
    const after = text.slice(m.index, m.index + m[0].length + 12) + (COUNTED_PHRASE.exec(text.slice(m.index))?.[0] ?? '');
    const before =
      text
        .slice(Math.max(0, m.index - 16), m.index)
        .split(/[，。；,;]/)
        .at(-1) ?? '';
    // A noun right after the measure word is what the number counts: "受害者自愿信托基金资助了30个国家" counts countries.
    const leads = !countsNoun(text.slice(m.index + m[0].length, m.index + m[0].length + 6), tokenizer);
    if (analysis.counted.some((c) => after.includes(c) || (leads && before.includes(c)))) counted = true;
  }
  if (NONE.test(text)) facts.push('none');
  // A share asked is also given in words: 一半以上, 大多数, 三分之一.
  if (SHARE_ASKED.test(analysis.question)) facts.push(...(text.match(SHARE_IN_WORDS) ?? []));
  if (facts.length === 0) return { strength: 0, facts };
  if (facts.every((f) => f.startsWith('article:'))) return { strength: 0.35, facts: facts.map((f) => f.slice('article:'.length)) };
  const counts = facts.filter((f) => !f.startsWith('article:'));
  // An amount of money must come with its currency; other counts are plausible without the counted noun.
  const uncounted = analysis.counted.every((c) => CURRENCY.includes(c)) ? 0.2 : 0.6;
  return { strength: counted || analysis.counted.length === 0 ? 1 : uncounted, facts: counts };
}

const countriesIn = (text: string, question: string, tokenizer: Tokenizer) => newOnes(countriesNamed(text, tokenizer), question);

const JOINED = /[和及与]/;

/** Items of one sentence's enumeration: its separators' pieces, the last one joined by 和/及 counting two; "A和B" two. */
function enumerated(sentence: string): number {
  const pieces = sentence.split(LIST_SEPARATORS).filter((p) => p.trim().length >= 2);
  if (pieces.length >= 2) return pieces.length + (JOINED.test(pieces.at(-1)!) ? 1 : 0);
  return JOINED.test(sentence) ? 2 : 0;
}

/**
 * How many items a text names, at most, for a question asking for so many: the countries it names for "which
 * countries", its lines when it has several (an agenda), or its sentences' enumerations added up ("共有 21 个实体出席"
 * names none). It errs on the side of more, so that fewer than asked is surely fewer. Null when the text's language
 * is not read that way.
 */
export function itemsNamed(raw: string, analysis: QueryAnalysis, { tokenizer, lang }: EvidenceDeps): number | null {
  if (lang === 'en') return null;
  const text = normalizeText(raw);
  // Countries asked, only countries are the items: 国内和国际贩运 names two kinds of trafficking, no country.
  if (COUNTRY_ASKED.test(analysis.question)) return countriesIn(text, askedText(analysis, lang), tokenizer).length;
  const lines = text.split('\n').filter((l) => l.trim().length >= 2).length;
  const listed = text.split(/[。！？\n]/).reduce((sum, sentence) => sum + enumerated(sentence), 0);
  return Math.max(lines >= 2 ? lines : 0, listed);
}

/** Names the segmenter tags in the text, and Latin names as written. */
function nameFacts(raw: string, text: string, tokenizer: Tokenizer): string[] {
  const names = tokenizer
    .tag(text)
    .filter((t) => NAME_TAGS.has(t.tag) && t.word.length >= 2)
    .map((t) => t.word);
  return [...names, ...(raw.match(LATIN_NAME) ?? []).map(normalizeText)];
}

/** People named: a Chinese name only with its title (孟庆甜女士), as jieba tags many words as names (索引, 宣言). */
function peopleNamed(raw: string, text: string, question: string): Evidence {
  const titled = [...text.matchAll(TITLED_NAME)].map((m) => m[1]!);
  const facts = newOnes([...titled, ...(raw.match(LATIN_NAME) ?? []).map(normalizeText)], question);
  return { strength: facts.length ? 1 : 0, facts };
}

/** What evidence is read with: the segmenter (names), the index statistics (names found everywhere), the text's language. */
export interface EvidenceDeps {
  tokenizer: Tokenizer;
  stats: CorpusStats;
  lang: Lang;
}

/** A sentence speaking, anywhere in it, of something named before it: 该基金, 此举措, 其 (not 及其, 尤其, 其他). */
const REFERS_BACK = /该|此|(?<![及尤极])其(?![他它])|这/;

/**
 * Whether the text does the asked event to something else than the thing dated: "办公室是哪一年设立的" of
 * "自 2009 年以来，公安部建立了 DNA 数据库" (the verb's object is the database). A verb closing its clause may
 * still be the dated thing's, named in an earlier sentence ("…于 2009 年设立。").
 */
function doneToOther(text: string, analysis: QueryAnalysis): boolean {
  if (analysis.datedThing.length === 0 || analysis.datedThing.some((e) => text.includes(e)) || REFERS_BACK.test(text)) return false;
  return analysis.dated.some((verb) => new RegExp(`${escapeRegExp(verb)}了?\\s*[\\u4e00-\\u9fffA-Za-z]{2}`).test(text));
}
/** What a speaker (or a declaration's participants) does in saying something. */
const SAID = '(?:谈到|介绍|表示|强调|指出|提到|描述|概述|说明|认为|报告|建议|提议|呼吁|重申|承认|承诺|宣布|要求|说)';
/** A question asking where a body is based, and a text saying where one is. */
const SEAT_ASKED = /总部|设在哪|位于哪|\bheadquarter(?:s|ed)?\b|\bbased\b|\bseat of\b|\bhead office\b/i;
const SEAT = /总部|设在|设于|位于|驻/;
/** A question asking why something stopped, and a text saying something did. */
const CEASING_ASKED = /不再|停止|中止|终止|取消|撤销|放弃|\b(?:stop(?:ped|s)?|no longer|cease[ds]?|quit|cancel(?:l?ed|s)?|abandon(?:ed|s)?)\b/i;
const CEASES = /不再|停止|中止|终止|取消|撤销|放弃|结束|暂停/;
/** Evidence of a passage giving dates, none beside the asked event: below what states a fact. */
const OTHER_EVENT = 0.4;

/**
 * Roles a "who" question may ask about, and kinds of body, each with how the documents state it: who chaired a
 * meeting is not answered by a sentence naming who attended it, nor which ministry leads a committee by the
 * sentence that it was set up.
 */
const ROLES: { asked: RegExp; stated: RegExp }[] = [
  { asked: /主持|主席|\bchair(?:ed|s|ing|person)?\b|\bpresid(?:e|ed|es|ing)\b/i, stated: /主持|主席/ },
  { asked: /牵头|主导|率领|\blead(?:s|ing)?\b|\bled\b|\bhead(?:s|ed)\b|\bin charge\b/i, stated: /牵头|领导|主导|率领|负责|主管|为首|主席/ },
  // A ministry asked for is one named: 外交部, 内政部, not 部分 or the government at large.
  { asked: /部委|哪个部(?![分门])|\bministr(?:y|ies)\b/i, stated: /[\u4e00-\u9fff]部(?![分门])/ },
  { asked: /主办|东道|\b(?:co-?)?host(?:ed|s|ing)?\b/i, stated: /主办|东道|举办|承办|主持|召开|组织|协办/ },
  // Who sits on a body is answered by its make-up (由…的代表组成, 成员包括), not by what the body is for.
  {
    asked:
      /\bsits? on\b|\bsat on\b|\b(?:who's|is|are|was|were)(?: \w+)? on the\b|\bmembers?\b(?!\s+(?:states?|countries|nations))|\bmembership\b|\bmade up of\b|成员(?!国)|组成|由哪些/i,
    stated: /组成|成员(?!国|名额)/,
  },
  // What body was set up is answered where one is (成立了…小组), not by the bodies that met before it.
  { asked: /成立|设立|组建|创建|\b(?:set up|established|created|founded|formed)\b/i, stated: /成立|设立|建立|创建|组建/ },
  {
    asked: /资助|出资|供资|捐助|资金|出钱|给钱|\bfund(?:ed|s|ing)?\b|\bfinanc(?:ed|es|ing)\b|\bsponsor(?:ed|s|ing)?\b/i,
    stated: /资助|支助|出资|供资|捐助|捐款|捐赠|资金|经费|赞助|财政/,
  },
];
/** Evidence of a passage naming bodies or people, none in the asked role: it does not state who. */
const OTHER_ROLE = 0.3;

/** Whether a "who" question asks about a role the text never states. */
const roleUnstated = (text: string, question: string) => ROLES.some((r) => r.asked.test(question) && !r.stated.test(text));

export function typeEvidence(raw: string, analysis: QueryAnalysis, deps: EvidenceDeps): Evidence {
  if (deps.lang === 'en') return englishEvidence(raw, analysis, deps.stats);
  const text = normalizeText(raw);
  const evidence = chineseEvidence(raw, text, analysis, deps);
  // The date of something else than the asked event ("哪一年成立的") is none of it: "自 2015 年以来…一直是成员".
  const ofEvent = (analysis.dated.length === 0 || analysis.dated.some((e) => text.includes(e))) && !doneToOther(text, analysis);
  if (!ofEvent && evidence.strength > OTHER_EVENT) return { strength: OTHER_EVENT, facts: [] };
  if (analysis.answerType === 'person_body' && evidence.strength > OTHER_ROLE && roleUnstated(text, analysis.question))
    return { strength: OTHER_ROLE, facts: [] };
  return evidence;
}

/** `text` is `raw` normalized. */
function chineseEvidence(raw: string, text: string, analysis: QueryAnalysis, { tokenizer, stats, lang }: EvidenceDeps): Evidence {
  const question = askedText(analysis, lang);
  switch (analysis.answerType) {
    case 'count':
      return countEvidence(text, analysis, question, tokenizer);
    case 'date': {
      // A question that asks the month or the day is not answered by the year alone ("2017年几月份发布的" of "（2017 年）").
      const month = ASKS_MONTH.test(analysis.question);
      const day = ASKS_DAY.test(analysis.question);
      const finer = (d: string) => (!month || /月/.test(d)) && (!day || /日/.test(d));
      // Asked the month of something in a year the question gives ("2016年…几月份"), a month of another year dates
      // another event: "2017年12月" is not when the 2016 workshop was.
      // (Not the 2006 of resolution 2006/27.)
      const years = month || day ? (analysis.question.match(YEARS) ?? []) : [];
      const inYear = (d: string) => years.length === 0 || !YEAR_IN_DATE.test(d) || years.some((y) => d.startsWith(y));
      const facts = newOnes(
        (text.match(DATE) ?? []).filter((d) => finer(d) && inYear(d)),
        question,
      );
      return { strength: facts.length ? 1 : 0, facts };
    }
    case 'place': {
      // A place where something happened, not any place named: 在埃及卢克索举行, 派往意大利. What the verb marks as a
      // place is one whatever jieba tags it (派往阿富汗: 阿富汗 tagged as a person's name).
      // Asked the city, one named as a city is one wherever it stands (为圣萨尔瓦多市更新…); the country or the
      // region it is in ("在印度举办", 地中海) is not the answer. (The text is normalized: its ， is a ','.)
      const city = CITY_ASKED.test(analysis.question);
      const located = nameFacts(raw, text, tokenizer).filter((p) =>
        new RegExp(
          `(?:在|于|赴|到|前往|派往|派驻)[^，,。；;]{0,10}${escapeRegExp(p)}|${escapeRegExp(p)}[^，,。；;]{0,6}(?:举行|召开|举办)${city ? `|${escapeRegExp(p)}市` : ''}`,
        ).test(text),
      );
      const held = [...text.matchAll(HELD_IN)].map((m) => m[1]!);
      const wider = (f: string) => REGION.test(f) || countriesNamed(f, tokenizer).join('') === f;
      const facts = newOnes([...located, ...held, ...(text.match(SITE) ?? [])], question).filter((f) => !city || !wider(f));
      // Where a body is based is not where it held a meeting.
      if (facts.length && SEAT_ASKED.test(analysis.question) && !SEAT.test(text)) return { strength: OTHER_ROLE, facts: [] };
      return { strength: facts.length ? 1 : 0, facts };
    }
    case 'name': {
      if (PEOPLE_ASKED.test(analysis.question)) return peopleNamed(raw, text, question);
      // A name asked for is a name given: a person's, a Latin one, one in quotation or title marks, or the
      // number of a resolution or decision ("which decision" → 第4/4号决定).
      const people = tokenizer
        .tag(text)
        .filter((t) => t.tag === 'nr' || t.tag === 'nrt' || t.tag === 'nz')
        .map((t) => t.word);
      const facts = newOnes(
        [...people, ...(raw.match(LATIN_NAME) ?? []).map(normalizeText), ...(text.match(QUOTED) ?? []), ...(text.match(INSTRUMENT) ?? [])],
        question,
      );
      // Asked the name of a campaign (a project, a programme…), the name is the one written before that noun.
      const kind = NAMED_KINDS.find(([asked]) => asked.test(analysis.question))?.[1];
      if (kind && facts.length && !facts.some((f) => namedKind(f, kind, text))) return { strength: OTHER_ROLE, facts: [] };
      return { strength: facts.length ? 1 : 0, facts };
    }
    case 'person_body': {
      // "Which country" is answered by a country, not by the office that reported it.
      if (COUNTRY_ASKED.test(analysis.question)) {
        const facts = countriesIn(text, question, tokenizer).filter((f) => !everywhere(f, stats));
        return { strength: facts.length ? 1 : 0, facts };
      }
      // "Who were the panellists" is answered by people's names, not by the working group that heard them.
      if (PEOPLE_ASKED.test(analysis.question)) return peopleNamed(raw, text, question);
      const named = [...nameFacts(raw, text, tokenizer), ...(text.match(BODY) ?? []), ...(text.match(QUOTED) ?? [])];
      const facts = newOnes(named, question).filter((f) => !everywhere(f, stats));
      const strength = facts.length ? 1 : PERSON_MARK.test(text) || PEOPLE.test(text) ? 0.7 : 0;
      return { strength, facts };
    }
    // Lists, definitions and reasons are often written without the marks looked for: their absence weighs less.
    case 'list': {
      // "Which countries" is answered by countries named, not by "十六个阿拉伯国家派代表参加", which at least
      // counts them, unlike a text that speaks of no countries.
      if (COUNTRY_ASKED.test(analysis.question)) {
        const countries = countriesIn(text, question, tokenizer);
        const speaksOfCountries = /(?:\d|[一二两三四五六七八九十百几多数])\s*个[\u4e00-\u9fff]{0,4}?国家/.test(text);
        return { strength: countries.length >= 2 ? 1 : countries.length === 1 ? 0.6 : speaksOfCountries ? 0.2 : 0, facts: countries };
      }
      const items = text
        .split(LIST_SEPARATORS)
        .map((s) => s.trim())
        .filter((s) => s.length >= 2);
      const separators = text.match(LIST_SEPARATORS)?.length ?? 0;
      return { strength: separators >= 2 ? 1 : separators === 1 ? 0.75 : 0.5, facts: newOnes(items, question) };
    }
    case 'definition': {
      // What was done "as part of" the thing (作为全球举措的一部分，…目的是…) is a part's purpose, not the thing's.
      if (PART_OF.test(text)) return { strength: 0.5, facts: [] };
      // A passage that says what the thing is, or one that keeps coming back to it, explains it; a passing
      // mention ("几位发言者…加入蓝心运动") does not.
      const mentions = Math.max(0, ...analysis.groups.map((g) => Math.max(...g.members.map((m) => text.split(m.term).length - 1))));
      return { strength: DEFINES.test(text) ? 1 : mentions >= 2 ? 0.8 : 0.5, facts: [] };
    }
    case 'statement': {
      // A named speaker followed by what they said, or "她/他" carrying on with it.
      const speakers = analysis.salient.filter((e) => e.kind === 'name' && e.inCorpus).flatMap((e) => e.forms);
      // Without a named speaker "她介绍了…" may be anyone: no sign either way.
      if (speakers.length === 0) return { strength: 0.5, facts: [] };
      const pattern = new RegExp(`(?:${[...speakers.map(escapeRegExp), '她', '他'].join('|')})[^。；]{0,14}?${SAID}`);
      if (pattern.test(text)) return { strength: 1, facts: [] };
      // Named and silent (listed among those present), the speaker says nothing here; not named, the text may
      // still speak for them by name ("Chinese panellist" of 孟庆甜女士).
      return { strength: speakers.some((f) => text.includes(f)) ? 0.3 : 0.5, facts: [] };
    }
    case 'reason':
      // "Why did the fund stop…" of a text where nothing stops asks the cause of what the text does not say happened.
      if (CEASING_ASKED.test(analysis.question) && !CEASES.test(text)) return { strength: 0.3, facts: [] };
      if (OPENS_WITH_CONSEQUENCE.test(text) && !CONSEQUENCE.test(text)) return { strength: 0.5, facts: [] };
      // Why something is hard (为什么…那么难, "why so few") is a cause, not what someone did it for (旨在).
      if (DIFFICULTY_ASKED.test(analysis.question) && !STATE_CAUSE.test(text)) return { strength: 0.5, facts: [] };
      return { strength: givesCause(text, analysis) || CONSEQUENCE.test(text) ? 1 : 0.5, facts: [] };
    // Nothing particular to look for: neither for nor against.
    default:
      return { strength: 0.5, facts: [] };
  }
}
