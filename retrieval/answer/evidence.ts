/**
 * Whether a piece of text carries the kind of fact a question asks for, and which facts: the numbers with
 * what they count, the dates, the names, the items of a list. A "how many" question is answered by a number
 * that counts the asked thing, not by the sentence that repeats the question's words; "why" by a cause.
 */
import { normalizeText, type Tokenizer } from '../query/tokenize.js';
import type { QueryAnalysis } from '../types.js';
import { escapeRegExp } from '../util/escape-regexp.js';

export interface Evidence {
  /** 0..1: how clearly the text carries the asked kind of fact (1 for kinds that need no particular form). */
  strength: number;
  /** The facts of that kind in the text that the question does not already state, normalized. */
  facts: string[];
}

const NUMERAL = '(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百千万]+)';
const MEASURE =
  '(?:多|余|多万|万)?(?:个|名|人|次|项|种|所|家|国|份|场|起|届|位|倍|%|条|批|部|篇|期|组|类|轮|天|周|星期|小时|美元|欧元|法域|例|宗|国家|成员国|缔约国|缔约方|会员国)';
const COUNT = new RegExp(`(?:逾|超过|近|约|共|总共|达)?${NUMERAL}${MEASURE}`, 'g');
/** An explicit "none" answers a "how many" question: 未发生任何…, 没有报告…, 无一. */
const NONE = /没有(?:发现|发生|报告|查明|任何)|未(?:发现|发生|报告|查明|有|曾)|并无|无一|零起|不存在任何/;
const YEAR_LIKE = /^(?:19|20)\d{2}$/;
const DATE =
  /(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?(?:(?:和|至|-|–)\d{1,2}日)?)?|\d{1,2}月\d{1,2}日(?:(?:和|至|-|–)\d{1,2}日)?|(?:19|20)\d{2}[-–](?:19|20)?\d{2}年?/g;
const LIST_SEPARATORS = /[、；;]|[(（][a-z一二三四五六七八九十ivx]{1,3}[)）]/g;
const DEFINES = /是一[个项种份]|旨在|是指|即为|目的是|宗旨是|宗旨在于|负责|的目标是|用于|致力于|作为.{0,20}的/;
const CAUSE = /由于|因为|因此|为了|旨在|以便|鉴于|为此|目的是|原因是|原因在于|以期|从而|以确保|以帮助|以加强/;
const PERSON_MARK = /(?:女士|先生|阁下|博士|教授)/;
/** Bodies and office-holders named by what they are (荷兰移民和归化局, 国家报告员): an answer to "who". */
const BODY =
  /[\u4e00-\u9fff]{2,}(?:局|部|署|厅|委员会|办公室|办事处|组织|机构|中心|基金会|协会|联盟|网络|小组|工作组|警察|宪兵|法院|检察院|政府|议会|银行|公司|集团|大学|学院|报告员|主席|代表|大使|部长|专员|秘书长|主任)/g;
/** Places named by what they are (机场, 边境, 使馆): an answer to "where" as much as a place name. */
const SITE =
  /(?:在|于|到|赴|前往)[\u4e00-\u9fff]{0,8}(?:机场|港口|边境|口岸|学校|医院|使馆|领事馆|办事处|网站|车站|城市|地区|省|州|市|县|岛|总部|营地|中心|任务|特派团)/g;
/** Names in quotation marks or title marks: “诉讼会诊”, 《…》. */
const QUOTED = /[“《「][^”》」]{2,40}[”》」]/g;
const LATIN_NAME = /[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+)+/g;
const NAME_TAGS = new Set(['nr', 'nrt', 'nt', 'nz', 'ns']);
const PLACE_TAGS = new Set(['ns']);

/** Normalized words of the question, to tell a new fact from one the question already states. */
function asked(analysis: QueryAnalysis): string {
  return [normalizeText(analysis.question), ...analysis.groups.flatMap((g) => g.members.map((m) => m.term))].join(' ');
}

function newOnes(found: Iterable<string>, question: string): string[] {
  return [...new Set([...found].filter((f) => f && !question.includes(f)))];
}

function countEvidence(text: string, analysis: QueryAnalysis, question: string): Evidence {
  const facts: string[] = [];
  let counted = false;
  for (const m of text.matchAll(COUNT)) {
    const digits = m[0].match(/\d+/)?.[0];
    // A year is not a count, and neither is a number the question itself gives.
    if (digits && YEAR_LIKE.test(digits) && text.slice(m.index + m[0].length - 1, m.index + m[0].length) === '年') continue;
    if (question.includes(m[0])) continue;
    facts.push(m[0]);
    const after = text.slice(m.index, m.index + m[0].length + 12);
    if (analysis.counted.some((c) => after.includes(c))) counted = true;
  }
  if (NONE.test(text)) facts.push('none');
  if (facts.length === 0) return { strength: 0, facts };
  // An amount of money must come with its currency; other counts are plausible without the counted noun.
  const uncounted = analysis.counted.includes('美元') ? 0.2 : 0.7;
  return { strength: counted || analysis.counted.length === 0 ? 1 : uncounted, facts };
}

function nameFacts(raw: string, text: string, tags: Set<string>, tokenizer: Tokenizer): string[] {
  const names = tokenizer
    .tag(text)
    .filter((t) => tags.has(t.tag) && t.word.length >= 2)
    .map((t) => t.word);
  if (tags !== PLACE_TAGS) names.push(...(raw.match(LATIN_NAME) ?? []).map(normalizeText));
  return names;
}

/** Sentences (and `；` items) of a text that name something the question names: where its facts are about it. */
function relevantPart(raw: string, analysis: QueryAnalysis): string {
  const members = analysis.groups.flatMap((g) => g.members.map((m) => m.term));
  if (members.length === 0) return raw;
  return raw
    .split(/(?<=[。！？；!?;])/)
    .filter((s) => {
      const t = normalizeText(s);
      return members.some((m) => t.includes(m));
    })
    .join('');
}

/** Kinds whose facts count only next to the question's terms: a year in another sentence dates something else. */
const LOCAL_TYPES = new Set(['count', 'date', 'place', 'name', 'person_body']);

export function typeEvidence(raw: string, analysis: QueryAnalysis, tokenizer: Tokenizer): Evidence {
  const local = LOCAL_TYPES.has(analysis.answerType) ? relevantPart(raw, analysis) : raw;
  return evidenceIn(local, analysis, tokenizer);
}

function evidenceIn(raw: string, analysis: QueryAnalysis, tokenizer: Tokenizer): Evidence {
  const text = normalizeText(raw);
  const question = asked(analysis);
  switch (analysis.answerType) {
    case 'count':
      return countEvidence(text, analysis, question);
    case 'date': {
      const facts = newOnes(text.match(DATE) ?? [], question);
      return { strength: facts.length ? 1 : 0, facts };
    }
    case 'place': {
      // A place where something happened, not any place named: 在埃及卢克索举行, 派往意大利.
      const located = nameFacts(raw, text, PLACE_TAGS, tokenizer).filter((p) =>
        new RegExp(`(?:在|于|赴|到|前往|派往|派驻)[^，。；]{0,10}${escapeRegExp(p)}|${escapeRegExp(p)}[^，。；]{0,6}(?:举行|召开|举办)`).test(text),
      );
      const facts = newOnes([...located, ...(text.match(SITE) ?? [])], question);
      return { strength: facts.length ? 1 : 0, facts };
    }
    case 'name': {
      // A name asked for is a name given: a person's, a Latin one, or one in quotation or title marks.
      const people = tokenizer
        .tag(text)
        .filter((t) => t.tag === 'nr' || t.tag === 'nrt' || t.tag === 'nz')
        .map((t) => t.word);
      const facts = newOnes([...people, ...(raw.match(LATIN_NAME) ?? []).map(normalizeText), ...(text.match(QUOTED) ?? [])], question);
      return { strength: facts.length ? 1 : 0, facts };
    }
    case 'person_body': {
      const facts = newOnes([...nameFacts(raw, text, NAME_TAGS, tokenizer), ...(text.match(BODY) ?? []), ...(text.match(QUOTED) ?? [])], question);
      const strength = facts.length ? 1 : PERSON_MARK.test(text) ? 0.7 : 0;
      return { strength, facts };
    }
    // Lists, definitions and reasons are often written without the marks looked for: their absence weighs less.
    case 'list': {
      const items = text
        .split(LIST_SEPARATORS)
        .map((s) => s.trim())
        .filter((s) => s.length >= 2);
      const separators = text.match(LIST_SEPARATORS)?.length ?? 0;
      return { strength: separators >= 2 ? 1 : separators === 1 ? 0.75 : 0.5, facts: newOnes(items, question) };
    }
    case 'definition': {
      // A passage that says what the thing is, or one that keeps coming back to it, explains it; a passing
      // mention ("几位发言者…加入蓝心运动") does not.
      const mentions = Math.max(0, ...analysis.groups.map((g) => Math.max(...g.members.map((m) => text.split(m.term).length - 1))));
      return { strength: DEFINES.test(text) ? 1 : mentions >= 2 ? 0.8 : 0.5, facts: [] };
    }
    case 'reason':
      return { strength: CAUSE.test(text) ? 1 : 0.5, facts: [] };
    // Nothing particular to look for: neither for nor against.
    default:
      return { strength: 0.5, facts: [] };
  }
}
