/**
 * Resolves a short elliptical follow-up ("and for smuggling of migrants?", "那偷运移民呢？",
 * "what about recommendation 3?") against the previous turn, so retrieval sees a whole question.
 * A question that stands on its own is returned unchanged.
 */

import type { Turn } from '../types.js';
import { escapeRegExp } from '../util/escape-regexp.js';

/** Cue + fragment. Only short fragments count: a long sentence after "and" is a new question. */
const EN_CUE =
  /^\s*(?:and\s+)?(?:what|how)\s+about\s+(?<a>.+?)\s*\??\s*$|^\s*(?:and|also|same)\s+(?:for|with|regarding|about|concerning)?\s*(?<b>.+?)\s*\??\s*$|^\s*what\s+of\s+(?<c>.+?)\s*\??\s*$/i;
/**
 * "偷运移民呢？" is elliptical on its own; "怎么样/如何" endings are only elliptical after a lead cue, because
 * "今天天气怎么样？" is a whole (off-topic) question that must not inherit the previous turn's topic.
 */
const ZH_CUE = /^\s*(?:那么?|还有|另外|至于|那么对于|对于)?\s*(?<a>.+?)\s*(?:的情况)?(?:呢|又如何)\s*[？?]?\s*$/;
const ZH_LEAD_CUE = /^\s*(?:那么?|还有|另外|至于|对于)\s*(?<a>.+?)\s*(?:的情况)?(?:怎么样|如何)?\s*[？?]?\s*$/;
/** A fragment that asks something itself ("and what did UNODC do?") is a new question, not an ellipsis. */
const EN_ASKS = /^(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|should|has|have|had|will|would)\b/i;
const ZH_ASKS = /什么|哪|多少|谁|何时|为什么|为何|怎样|怎么|是否|吗|几/;
const MAX_EN_WORDS = 7;
const MAX_ZH_CHARS = 16;

/**
 * Interchangeable topics of this corpus, in both languages: a follow-up naming one of them swaps it for
 * the one in the previous question. Longest forms first so `trafficking in persons` wins over `trafficking`.
 */
const TOPICS = [
  'trafficking in persons',
  'human trafficking',
  'smuggling of migrants',
  'migrant smuggling',
  'trafficking',
  'smuggling',
  '贩运人口',
  '人口贩运',
  '偷运移民',
  '移民偷运',
];

const REFERENCE = /(?:recommendation|建议|paragraph|para\.?)\s*\d+|第\s*\d+\s*段/i;
const YEAR = /(?:19|20)\d{2}/;
const EN_PLACE = /\bin\s+(?:the\s+)?(?:[A-Z][\w-]*)(?:\s+(?:of\s+)?[A-Z][\w-]*)*/;

function fragmentOf(question: string): string | null {
  const isZh = /[\u4e00-\u9fff]/.test(question);
  if (isZh) {
    if ([...question.trim()].length > MAX_ZH_CHARS) return null;
    const m = question.match(ZH_CUE) ?? question.match(ZH_LEAD_CUE);
    const fragment = m?.groups?.a?.trim();
    return fragment && !ZH_ASKS.test(fragment) ? fragment : null;
  }
  const m = question.match(EN_CUE);
  const fragment = (m?.groups?.a ?? m?.groups?.b ?? m?.groups?.c)?.trim();
  if (!fragment || EN_ASKS.test(fragment) || fragment.split(/\s+/).length > MAX_EN_WORDS) return null;
  return fragment;
}

/** Replaces in `previous` the phrase that plays the same role as `fragment`, or returns null. */
function substitute(previous: string, fragment: string): string | null {
  const wanted = TOPICS.find((t) => fragment.toLowerCase().includes(t));
  const present = TOPICS.find((t) => t !== wanted && new RegExp(escapeRegExp(t), 'i').test(previous));
  if (wanted && present) return previous.replace(new RegExp(escapeRegExp(present), 'i'), fragment);
  for (const slot of [REFERENCE, YEAR]) {
    const inFragment = fragment.match(slot);
    if (inFragment && slot.test(previous)) return previous.replace(slot, inFragment[0]);
  }
  // "and in Mexico?" or "what about Mexico?" after a question about a place.
  if (EN_PLACE.test(previous)) {
    if (/^in\s/i.test(fragment)) return previous.replace(EN_PLACE, fragment);
    if (/^(?:the\s+)?[A-Z]/.test(fragment)) return previous.replace(EN_PLACE, `in ${fragment}`);
  }
  return null;
}

export function resolveFollowUp(question: string, history: Turn[]): string {
  const last = history[history.length - 1];
  if (!last) return question;
  const fragment = fragmentOf(question);
  if (!fragment) return question;
  // The previous question may itself have been a follow-up.
  const previous = resolveFollowUp(last.question, history.slice(0, -1));
  return substitute(previous, fragment) ?? `${previous.replace(/[？?。.\s]+$/, '')} ${fragment}`;
}

/** "more", "展开", "详细一点", "tell me more": the user wants the rest of what was just cited. */
const MORE =
  /^\s*(?:(?:tell me |show |give me |any |can you give |say )?more(?: (?:detail|details|about (?:it|this|that)|on (?:it|this|that)|please))?|(?:more|further) details?|go on|(?:the )?full (?:text|paragraph)s?|请?展开(?:说说)?|详细(?:一点|一些|点|说说|些)?|更详细(?:一点|一些|点)?|具体(?:一点|一些|点|说说)|继续|全文|完整(?:内容|段落)?|还有呢)\s*[?？.。!！]*\s*$/i;

export function isMoreRequest(question: string): boolean {
  return MORE.test(question);
}

/** The document the conversation is about: the one the last answer quoted first. */
export function activeDocument(history: readonly Turn[]): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const first = history[i]!.answer?.passages[0]?.citations[0];
    if (first) return first.source;
  }
  return undefined;
}
