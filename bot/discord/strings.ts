import { detectLang } from '../../retrieval/analyze-query.js';
import type { Lang } from '../../retrieval/types.js';

/** Everything the bot says around document text, in the language of the question (or the user's client). */
const STRINGS = {
  en: {
    sources: 'Sources',
    possiblyRelated: 'Possibly related',
    continued: (name: string) => `${name} (cont.)`,
    notFound: 'Not found in these documents.',
    confidence: 'confidence',
    feedbackThanks: 'Thanks, your feedback was recorded.',
    feedbackMissing: 'This message has no answer to rate.',
    rateLimited: (limit: number, seconds: number) =>
      `You are asking too fast: at most ${limit} requests per minute. Try again in ${seconds} s.`,
    busy: 'The bot is busy answering other questions. Please try again in a moment.',
    failed: 'Something went wrong while answering. The error was logged; please try again.',
    shuttingDown: 'The bot is restarting. Please try again in a minute.',
    emptyQuestion: 'Ask a question after mentioning me, e.g. “What does UNODC do against trafficking in persons?”',
    unknownDocument: (ref: string) => `Unknown or ambiguous document “${ref}”. Pick one from the list, or see /sources.`,
    paragraphRange: (name: string, first: number, last: number) =>
      `${name} has paragraphs ${first}–${last}. Choose a number in that range.`,
    noRecommendations: 'No document has numbered recommendations.',
    recommendationsTitle: (page: number, pages: number) => `Recommendations (page ${page}/${pages})`,
    documentsTitle: (count: number) => `Documents (${count})`,
    documentStats: (paragraphs: number, first: number, last: number, recommendations: number) =>
      `${paragraphs} paragraphs (${first}–${last}) · ${recommendations} recommendations`,
    searchTitle: (query: string) => `Search: ${query}`,
    noResults: 'No paragraph matches this search.',
    score: 'score',
    noCitations: 'No paragraph citation found in this message (e.g. “CTOC/COP/2018/2, para. 44”, “建议 6”, “¶44”).',
    moreCitations: (n: number) => `…and ${n} more cited paragraph(s), not quoted here.`,
    previous: 'Previous',
    next: 'Next',
  },
  zh: {
    sources: '来源',
    possiblyRelated: '可能相关',
    continued: (name: string) => `${name}（续）`,
    notFound: '这些文件中没有找到答案。',
    confidence: '置信度',
    feedbackThanks: '谢谢，已记录您的反馈。',
    feedbackMissing: '这条消息没有可评价的回答。',
    rateLimited: (limit: number, seconds: number) => `提问太快了：每分钟最多 ${limit} 次。请在 ${seconds} 秒后再试。`,
    busy: '机器人正忙于回答其他问题，请稍后再试。',
    failed: '回答时出错，错误已记录，请再试一次。',
    shuttingDown: '机器人正在重启，请一分钟后再试。',
    emptyQuestion: '请在提及我之后提出问题，例如“毒品和犯罪问题办公室如何打击贩运人口？”',
    unknownDocument: (ref: string) => `未知或不明确的文件“${ref}”。请从列表中选择，或使用 /sources 查看。`,
    paragraphRange: (name: string, first: number, last: number) => `${name} 的段落编号为 ${first}–${last}，请在此范围内选择。`,
    noRecommendations: '没有文件含有编号的建议。',
    recommendationsTitle: (page: number, pages: number) => `建议（第 ${page}/${pages} 页）`,
    documentsTitle: (count: number) => `文件（${count} 份）`,
    documentStats: (paragraphs: number, first: number, last: number, recommendations: number) =>
      `${paragraphs} 段（${first}–${last}）· ${recommendations} 条建议`,
    searchTitle: (query: string) => `搜索：${query}`,
    noResults: '没有与此搜索匹配的段落。',
    score: '得分',
    noCitations: '这条消息中没有找到段落引用（例如“CTOC/COP/2018/2 第44段”“建议 6”“¶44”）。',
    moreCitations: (n: number) => `……另有 ${n} 处引用的段落未在此引用。`,
    previous: '上一页',
    next: '下一页',
  },
} satisfies Record<Lang, unknown>;

export type Strings = (typeof STRINGS)['en'];

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

/** The language a message is written in, by the engine's rule, so a reply's framing never disagrees with the answer it frames. */
export const langOfText: (text: string) => Lang = detectLang;

/** For commands without free text, the user's Discord client language decides. */
export function langOfLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
