/** The operators' report as text: coverage gaps grouped by key terms, and every section in both languages. */
import { describe, expect, it } from 'vitest';
import { coverageGaps, keyTermsOf } from '../bot/shared/coverage-gaps.js';
import { formatReport } from '../bot/shared/operator-report.js';
import type { ReportData } from '../bot/store/index.js';

describe('coverage gaps', () => {
  it('takes the words the documents lack when the engine named them, else the question’s words without stop words', () => {
    expect(keyTermsOf({ question: '秘鲁有多少受害者？', gapTerms: ['秘鲁'] })).toEqual(['秘鲁']);
    expect(keyTermsOf({ question: 'What about forced marriage in Peru?', gapTerms: [] })).toEqual(['forced', 'marriage', 'peru']);
  });

  it('groups questions by the key term most of them share, named by the terms most of the group has, largest first', () => {
    const gaps = coverageGaps(
      [
        { question: 'What about forced marriage in Peru?', gapTerms: [] },
        { question: 'forced marriage statistics', gapTerms: [] },
        { question: 'forced marriage statistics', gapTerms: [] },
        { question: '秘鲁的强迫婚姻情况如何？', gapTerms: ['秘鲁'] },
        { question: '今天天气怎么样', gapTerms: [] },
      ],
      2,
    );
    expect(gaps).toEqual([
      { terms: ['forced', 'marriage', 'statistics'], questions: 3, examples: ['What about forced marriage in Peru?', 'forced marriage statistics'] },
      { terms: ['今天', '天气', '怎么'], questions: 1, examples: ['今天天气怎么样'] },
    ]);
  });
});

const DATA: ReportData = {
  total: 4,
  outcomes: { answered: 2, partial: 1, 'not-found': 1 },
  perDay: [{ day: '2026-11-30', questions: 4, notFound: 1 }],
  notFound: [{ question: '秘鲁有多少受害者？', gapTerms: ['秘鲁'] }],
  latencyMs: { p50: 4.25, p95: 120, p99: 130, max: 131 },
  votes: { up: 1, down: 2 },
  downVoted: [{ source: 's', kind: 'paragraph', paragraph: 44, recommendation: null, label: 'CTOC/COP/2018/2 第44段', down: 2, up: 1 }],
};

describe('formatReport', () => {
  it('prints totals, the not-found rate, days, gaps, down-voted citations and latency', () => {
    expect(formatReport(DATA, { days: 7, guildId: '42', lang: 'en' })).toBe(
      [
        'Questions of the last 7 day(s) in server 42',
        '4 question(s): 2 answered, 1 partial, 1 not found (not-found rate 25.0 %)',
        'Votes: 👍 1, 👎 2',
        'Latency (question to delivered answer): p50 4.3 ms, p95 120 ms, p99 130 ms, max 131 ms',
        '',
        'Questions per day',
        '  2026-11-30  4 (1 not found)',
        '',
        'Top not-found questions (coverage gaps), by key terms',
        '  秘鲁 — 1 question(s)',
        '    “秘鲁有多少受害者？”',
        '',
        'Most down-voted citations',
        '  CTOC/COP/2018/2 第44段 — 👎 2, 👍 1',
      ].join('\n'),
    );
  });

  it('in Chinese, and says so when there is nothing to report', () => {
    expect(formatReport(DATA, { days: 7, guildId: null, lang: 'zh' }).split('\n').slice(0, 2)).toEqual([
      '最近 7 天的提问（所有服务器）',
      '共 4 个问题：已回答 2，部分回答 1，未找到 1（未找到率 25.0 %）',
    ]);
    const empty = { ...DATA, total: 0, outcomes: { answered: 0, partial: 0, 'not-found': 0 }, perDay: [], notFound: [], latencyMs: null, downVoted: [] };
    expect(formatReport(empty, { days: 1, guildId: null, lang: 'en' })).toBe(
      'Questions of the last 1 day(s), all servers\nNo questions were logged in this period.',
    );
  });
});
