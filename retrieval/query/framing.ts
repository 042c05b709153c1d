/**
 * The words of a question that point at the documents rather than at their content: "报告里说的", "这些文件中",
 * "according to the report", "what do the reports say". Every seed is a report, so 报告 matched in a paragraph
 * ("爱沙尼亚报告其…") is no evidence that it answers; the framing is left out of the terms searched for. What
 * identifies a document ("the 2008 Secretary-General's report") keeps its other words.
 */
const ZH_FRAMING = /(?:这些|该|这份|那份|本)?(?:报告|文件)(?!员)(?:里|中|上)(?:所)?(?:说|称|提到|指出|讲|写)?(?:的)?|(?:这些|该|这份|那份)(?:报告|文件)(?!员)/g;
const EN_FRAMING =
  /\b(?:reports?|documents?)\b(?= (?:say|says|said|mention|mentions|mentioned|state|states|stated|describe|describes|talk|talks)\b)|(?<=\b(?:according to|in|per|from|of) (?:the|these|this|that|its) (?:[\w'’-]+ ){0,4}?)(?:reports?|documents?)\b/gi;

/**
 * Nouns that, right after "what" or "which", name the kind of answer rather than a topic: "in what year" asks for
 * a date, "what share of" for a number. Searched for, they would ask for 年度 or 共享 in the paragraph.
 */
const EN_ANSWER_KIND = /(?<=\b(?:what|which) )(?:years?|months?|dates?|days?|deadlines?|share|proportion|percentage|sort|types?)(?![\w-])/gi;

/** Chat phrasing whose words would be searched for: "in the first place" is no 地方, "brought up" no 提高. */
const EN_FILLER = /\b(?:in the first place|to begin with|a bunch of|a lot of|lots of|brought up|bring up|brings up)\b/gi;

/** A yes/no question's closing "…没有？" ("开过会没有？") asks; it is not the word 没有 searched for. */
export const ZH_CLOSING_ASK = /(?<=[了过][\u4e00-\u9fff]{0,6})没有(?=[？?]?\s*$)/;

/** "是什么意思", "的意思是什么", "这个词意思是啥": asking what something means, not about a 意思 the documents would mention. */
const ZH_MEANING_ASK = /(?<=(?:什么|啥))意思|意思(?=是(?:什么|啥))/g;

export function withoutFraming(question: string): string {
  return question
    .replace(ZH_FRAMING, ' ')
    .replace(ZH_CLOSING_ASK, ' ')
    .replace(ZH_MEANING_ASK, ' ')
    .replace(EN_FRAMING, ' ')
    .replace(EN_ANSWER_KIND, ' ')
    .replace(EN_FILLER, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
