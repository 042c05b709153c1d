/**
 * What kind of answer a question asks for, in either language: a count, a date, a place, a person or body, a
 * list, a definition, a reason, a yes/no — or nothing recognisable ('other'). The answer layer prefers the
 * sentence that carries that kind of fact next to the question's terms.
 */
import type { AnswerType, QueryAnalysis } from '../types.js';
import { chineseNumeralValue, englishCardinal } from './bridge/english.js';
import { ZH_CLOSING_ASK } from './framing.js';

/**
 * A word between "which/what" and the noun it asks for; a modal or "do" there ("what lever can governments use")
 * makes the noun the subject of the question, not what it asks for.
 */
export const BEFORE_ASKED_NOUN = String.raw`(?:(?!(?:can|could|do|does|did|should|would|will|must|may|might)\b)[\w-]+ )`;

/** First match wins: "how many countries" is a count, not a list; "why … where" is a reason. */
const PATTERNS: [AnswerType, RegExp][] = [
  // Days and months asked with 几 are dates (哪几天, 几月几日), not counts; a resolution's or a document's 几号 is its
  // number.
  ['date', /哪几天|几月几[日号]|(?<!(?:决议|决定|文件|报告|议程|项目|条|款|段)[是的为]?|第)几号|哪几年/],
  [
    'count',
    /\bhow (?:many|much)\b|\bnumber of\b|\bhow large\b|\bhow big\b|\bwhat (?:share|percentage|proportion)\b|多少|(?<![哪那这好十前去近])几(?![乎月号百千万十])[个名人次项种所家国份场起届位年天]?|数量|人数|数目|比例/i,
  ],
  ['reason', /\bwhy\b|\bfor what reason\b|\bwhat (?:was|is|were|are) the reasons?\b|\bhow come\b|为什么|为何|为啥|干[嘛吗](?![了的])|原因|何故|出于什么|理由/i],
  [
    'date',
    /\bwhen\b|\b(?:what|which) (?:years?|months?|dates?|days?|periods?|deadlines?)\b|\b(?:cut-?off |closing |opening |start |end |due )?date\b|\bdeadline\b|\bsince when\b|何时|什么时候|啥时候?|哪会儿|几时|哪一?年|哪些年|哪天|哪一?天|几月|哪个月|哪几天|什么日期|日期|什么时间/i,
  ],
  [
    'name',
    /\bwhat(?:'s| is| was| were| are) the names? of\b|\b(?:the|its|their|his|her|full|official|campaign|programme|program|project|operation|initiative|platform|body|group|fund|database) names?(?: of (?:the|this|that) [\w\s.'’-]{1,40})?\s*\?*\s*$|^\s*names? of (?:the|this|that) [\w\s.'’-]{1,40}\?*\s*$|\bwhat(?:'s| is| was) (?:his|her|their|its) name\b|\bwhat (?:is|was) .{1,40} called\b|\bnamed what\b|\b(?:which|what) (?:decision|resolution|document)\b|哪(?:一|个)?(?:项|份)?(?:决定|决议|文件)|叫什么名字|叫什么|名字是什么|名称是什么|什么名字|姓名/i,
  ],
  [
    'place',
    /\bwhere\b|\b(?:in|at) (?:what|which) (?:[a-z-]+ )?(?:city|country|place|venue|location|town|region)\b|\b(?:which|what) (?:cities|towns|places|locations|ports)\b|\bwhich (?:[a-z-]+ )?(?:city|venue|location|town)\b|哪里|何地|在哪(?![\d几些一二三四五六七八九十])|哪个(?:城市|地方|地点)|哪(?:些|几个)(?:城市|地方|地点|港口)|(?:分布|设)在哪|什么地方|哪座城市|什么城市/i,
  ],
  [
    'person_body',
    /\bwho\b|\bwhom\b|\bwhose\b|\b(?:which|what) (?:(?!(?:kind|type|sort)s?\b)[a-z][\w.-]* ){0,2}?(?:organi[sz]ation|agency|agencies|body|bodies|government|entity|entities|person|official|partner|company|institution|ministry|department|authority|committee|member state|state|country|panellist|panelist|speaker|chair)\b|谁|哪几位|哪国|哪(?![些几])(?:个|家|位|一)?(?:[\u4e00-\u9fff]{1,4}?(?=机构|组织))?(?:机构|组织|国家|政府|实体|人|部门|部委|部|伙伴|企业|公司|单位|成员国|会员国|代表)|由哪/i,
  ],
  // "What are the key areas / main measures of …" asks for several things, not what one thing is.
  [
    'list',
    /\bwhat (?:are|were) the (?:\w+ )?(?:areas|elements|measures|steps|ways|types|kinds|components|priorities|topics|themes|issues|challenges|activities|tools|points|groups)\b/i,
  ],
  [
    'definition',
    /^\s*what (?:exactly |precisely |really |actually |basically )?(?:is|are|was|were) (?:the |an? )?[\w\s.'’-]{1,60}\??\s*$|\bwhat does .*? (?:mean|stand for|aim)\b|\bwhat does (?![^?]*\b(?:suggest|recommend|propose|say|want|ask|expect|urge|call|help|should|must|would|could|will|can|to)\b)[^?]*? do\b|\bdefin(?:e|ition)\b|\bmeaning of\b|\b(?:aim|purpose|goal|objective)s? of\b|\b(?:meant|supposed|intended|designed|set up) to (?:achieve|accomplish|do)\b|什么是|是(?:个|一个|一种)?什么|指什么|何谓|含义|宗旨|目的是什么|目标是什么|是为了什么|为的是什么|是干什么的|是做什么的|(?:是)?(?:用来)?干[嘛吗]的|是(?:个)?啥/i,
  ],
  // What someone said or presented: the content after "X介绍了…", not the sentence naming X.
  [
    'statement',
    /\bwhat did .{1,60}\b(?:say|said|tell|told|talk about|present|describe|report|mention|highlight|stress|explain|propose|suggest)\b|\bwhat was .{1,40}(?:said|presented|reported)\b|(?:说|讲|谈|介绍|提到|表示|强调|报告|指出|提出|描述)了(?:些)?什么|(?:说|讲|谈)(?:了)?(?:哪些|什么)/i,
  ],
  [
    'list',
    new RegExp(
      String.raw`\b(?:which|what) ${BEFORE_ASKED_NOUN}{0,3}?(?!(?:is|was|does|has|this|its|us|as|thus|plus)\b)[a-z]{2,}s\b|\bname (?:some|a few|several|all|any)\b|\blist\b|\bwhat kinds? of\b|\bwhat types? of\b|哪些|哪几|有哪|哪\s*\d+\s*[个项名位家所]|包括什么|列出|包括哪|都(?:是|有)些?什么|有些什么`,
      'i',
    ),
  ],
  [
    'yesno',
    // 能不能 and 可不可以 open polite requests ("能不能告诉我…做了什么"), not yes/no questions; nor does "can you name…".
    new RegExp(
      String.raw`^\s*(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b(?!\s+you\s+(?:please\s+)?(?:name|list|tell(?!\s+(?:me\s+|us\s+)?(?:whether|if)\b)|give|show|explain|describe|summari[sz]e)\b)|是否|有没有|有无|是不是|会不会|要不要|${ZH_CLOSING_ASK.source}|吗[？?]?\s*$`,
      'i',
    ),
  ],
];

/** "Which 14 countries", "all 19 countries", "which nine languages": how many items the asker expects. */
const LIST_OF_N_EN =
  /\b(?:which|what(?:\s+(?:are|were))?|(?:list|name)(?:\s+all)?)\s+(?:the\s+)?(\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen)\s+(?:[\w.-]+\s+){0,2}?[a-z-]{3,}s\b/i;
/** "…in the 13 countries of the Global Action. Which countries are those?": the count said before the question. */
const THE_N_EN = /\bthe (\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen) (?:[\w.-]+ ){0,2}?[a-z-]{3,}s\b/i;
const ASKS_WHICH_EN = /\b(?:which|what) (?:[\w-]+ )?(?:are|were) (?:they|those|these|them)\b|\b(?:list|name) them\b/i;
/** 哪13个国家, 19个国家都是哪些. */
const LIST_OF_N_ZH =
  /哪\s*(\d{1,3}|[一两二三四五六七八九十]+)\s*[个项名位家所种国条]|(?<![第\d一两二三四五六七八九十])(\d{1,3}|[一两二三四五六七八九十]+)\s*[个项名位家所种条][\u4e00-\u9fff]{1,8}?(?:都是哪些|是哪些|有哪些|都有哪些|分别是|都有谁|是谁)/;

/** How many items a question asks to be named, when it says (at least two); null otherwise. */
export function askedListSize(question: string): number | null {
  const zh = LIST_OF_N_ZH.exec(question);
  const written = zh?.[1] ?? zh?.[2];
  const en = LIST_OF_N_EN.exec(question)?.[1] ?? (ASKS_WHICH_EN.test(question) ? THE_N_EN.exec(question)?.[1] : undefined);
  const n = written !== undefined ? (/^\d+$/.test(written) ? Number(written) : chineseNumeralValue(written)) : englishCardinal(en ?? '');
  return n !== null && n >= 2 && n < 1000 ? n : null;
}

/** What someone did or what came of it, asked without a kind of fact: the telling is the answer. */
const DID_WHAT =
  /\bwhat (?:did|has|have) .{1,60}?\b(?:do|done|achieve|achieved|accomplish|accomplished)\b|\bwhat came (?:out )?of\b|\bhow (?:did|has|have|does) .{1,60}?\b(?:help|helped|support|supported|assist|assisted|respond|responded|work|worked|tackle|tackled|address|addressed|deal|dealt|handle|handled|contribute|contributed)\b|做了(?:些)?(?:什么|哪些)|开展了(?:哪些|什么)|取得了(?:哪些|什么)|是(?:怎么|如何)[\u4e00-\u9fff]{0,4}的|怎么做的|干[嘛吗]了|干了(?:啥|什么)/i;

/** A "why" asked of someone's view ("why did Blagg think…", 为什么她认为…): the reasons are what they went on to say. */
const WHY_THEY_THOUGHT =
  /\bwhy (?:did|does|do|would) .{1,80}?\b(?:think|thought|believe|say|argue|consider|feel|find|see)\b|为什么.{0,30}(?:认为|觉得|主张|强调|说)/i;

/** Whether a question asks what someone said or did, or thought, which a report tells over several sentences. */
export function asksNarrative(question: string, type: AnswerType): boolean {
  return type === 'statement' || (type === 'other' && DID_WHAT.test(question)) || (type === 'reason' && WHY_THEY_THOUGHT.test(question));
}

/** What a question asks for, as both readings of it (Chinese terms, English words) record it. */
export function questionKind(question: string): Pick<QueryAnalysis, 'answerType' | 'narrative' | 'listSize'> {
  const listSize = askedListSize(question);
  const answerType = typeFor(question, listSize);
  return { answerType, narrative: asksNarrative(question, answerType), listSize };
}

/**
 * Chinese asks where the question word stands (often at the end): the first pattern that matches wins. English
 * asks with the word that opens its clause: "Who … when drafting policies?" asks who, not when, so the match that
 * starts first wins, the pattern order breaking ties.
 */
export function detectAnswerType(question: string): AnswerType {
  return typeFor(question, askedListSize(question));
}

function typeFor(question: string, listSize: number | null): AnswerType {
  const type = typeByPattern(question);
  // "What are the 13 countries…", "can you list all 19…": a question naming how many items it wants asks for them.
  return (type === 'definition' || type === 'yesno' || type === 'other') && listSize !== null ? 'list' : type;
}

/** Another question word beside 几: then 几位发言者, 几个国家 are "a few speakers", "several countries". */
const ASKS_OTHERWISE = /什么|哪(?!几)|谁|怎|如何|为何|为什么|是否/;

function typeByPattern(question: string): AnswerType {
  if (/[\u4e00-\u9fff]/.test(question)) {
    // 几 is "a few" only beside another question word of its own clause: in "开过几次会？在哪开的？" it asks a count.
    const asked = question
      .split(/(?<=[？?。！!])/)
      .map((clause) => (ASKS_OTHERWISE.test(clause) && !/多少/.test(clause) ? clause.replace(/(?<!哪)几(?=[个名位项种次家国])/g, '') : clause))
      .join('');
    for (const [type, pattern] of PATTERNS) if (pattern.test(asked)) return type;
    return 'other';
  }
  let best: { type: AnswerType; at: number } = { type: 'other', at: Infinity };
  for (const [type, pattern] of PATTERNS) {
    const at = question.search(pattern);
    if (at >= 0 && at < best.at) best = { type, at };
  }
  return best.type;
}
