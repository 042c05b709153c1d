/**
 * The kind of answer a question asks for ("how many", "when") and whether a piece of evidence holds
 * anything of that kind.
 */

/**
 * Questions whose answer has a recognisable form, and that form: a count (a number with a measure word:
 * 62所, 1,200多名, 三种 — not an item number such as 项目 2, nor a year) or a date.
 */
const ANSWER_TYPES = [
  {
    type: 'quantity',
    asks: /\bhow (?:many|much)\b|\bnumber of\b|多少|几[个名人次项种所家国份场]/i,
    form: /(?:\d[\d,.]*|[一二两三四五六七八九十百千万]+)\s*(?:多|余)?\s*[个名人次项种所家国份起届位倍场万亿%]/,
  },
  {
    type: 'date',
    asks: /\bwhen\b|\bwhat year\b|\bwhich year\b|哪一?年|什么时候|何时|哪天|几月/i,
    form: /(?:19|20)\d{2}|\d+\s*[年月日]|[〇零一二三四五六七八九十]+\s*[年月日]/,
  },
] as const;

export type AnswerType = (typeof ANSWER_TYPES)[number]['type'];

/** The kind of answer the question asks for, when the evidence holds nothing of that kind. */
export function missingAnswerType(question: string, evidence: string): AnswerType | null {
  for (const t of ANSWER_TYPES) if (t.asks.test(question) && !t.form.test(evidence)) return t.type;
  return null;
}
