/**
 * The grounded prompt for LLM answers: the retrieved units with their labels, and rules that make every
 * claim checkable (a verbatim quote in 「」 and a [label] after each sentence).
 */
import type { Lang } from '../types.js';

export interface PromptUnit {
  label: string;
  text: string;
}

/** What the model must answer when the units do not answer the question; recognised in its reply. */
export const NO_ANSWER_TOKEN = 'NOT_FOUND';

export function systemPrompt(lang: Lang): string {
  const language = lang === 'zh' ? 'simplified Chinese' : 'English';
  return [
    'You answer questions about United Nations documents using ONLY the numbered excerpts the user gives you.',
    'Rules:',
    `1. Answer in ${language}, in at most 4 sentences.`,
    '2. Every sentence must contain a verbatim quote, copied character for character from one excerpt, between 「 and 」.',
    '3. Every sentence must end with the label of the excerpt it quotes, in square brackets, exactly as given, e.g. [CTOC/COP/2018/2, para. 44].',
    '4. Never cite a label that is not in the list, never quote text that is not in the cited excerpt, add nothing from your own knowledge.',
    `5. If the excerpts do not answer the question, reply with exactly ${NO_ANSWER_TOKEN} and nothing else.`,
  ].join('\n');
}

export function userPrompt(question: string, units: readonly PromptUnit[]): string {
  const excerpts = units.map((u) => `[${u.label}]\n${u.text}`).join('\n\n');
  return `Excerpts:\n\n${excerpts}\n\nQuestion: ${question}`;
}
