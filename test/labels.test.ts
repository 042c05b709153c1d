import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerText } from '../bot/shared/render-answer.js';
import { strings } from '../bot/shared/strings.js';
import { documentName, unitLabel } from '../retrieval/answer/labels.js';
import { documentUrl } from '../retrieval/corpus/links.js';
import type { Answer, DocumentMeta } from '../retrieval/types.js';
import { loadAnswerCorpus } from './helpers/answer-corpus.js';

const raw = JSON.parse(readFileSync('seeds/metadata.json', 'utf8')) as Record<string, Omit<DocumentMeta, 'source'>>;
const meta = (source: string): DocumentMeta => ({ source, ...raw[source]! });
const TIP = meta('000_8c987accfb8d7853');
const GIFT = meta('001_9a4ffc9ee25fcc75');
const WG = meta('002_fd7eaa732a510636');

const paragraph = (n: number) => ({ kind: 'paragraph' as const, paragraph: n, recommendation: null });

describe('labels', () => {
  it('names a document by its symbol where known, else by its short title in the language asked', () => {
    expect(documentName(TIP, 'zh')).toBe('CTOC/COP/2018/2');
    expect(documentName(TIP, 'en')).toBe('CTOC/COP/2018/2');
    expect(documentName(WG, 'zh')).toBe('贩运人口问题工作组报告草稿（2019）');
    expect(documentName(WG, 'en')).toBe('Draft report of the Working Group on Trafficking in Persons (2019)');
  });

  it('labels paragraphs, recommendations and summaries in Chinese and English', () => {
    expect(unitLabel(TIP, paragraph(44), 'zh')).toBe('CTOC/COP/2018/2 第44段');
    expect(unitLabel(TIP, paragraph(44), 'en')).toBe('CTOC/COP/2018/2, para. 44');
    const rec6 = { kind: 'recommendation' as const, paragraph: 4, recommendation: 6 };
    expect(unitLabel(WG, rec6, 'zh')).toBe('贩运人口问题工作组报告草稿（2019）建议 6');
    expect(unitLabel(WG, rec6, 'en')).toBe('Draft report of the Working Group on Trafficking in Persons (2019), recommendation 6');
    const summary = { kind: 'summary' as const, paragraph: null, recommendation: null };
    expect(unitLabel(GIFT, summary, 'zh')).toBe('打击人口贩运全球举措执行主任报告（2008）概要');
    expect(unitLabel(GIFT, summary, 'en')).toBe('UN.GIFT report of the Executive Director (2008), summary');
    expect(unitLabel(GIFT, paragraph(3), 'zh')).toBe('打击人口贩运全球举措执行主任报告（2008）第3段');
  });

  it('marks citations inline with 〔〕 in Chinese and [] in English', () => {
    expect(strings('zh').marker('CTOC/COP/2018/2 第44段')).toBe('〔CTOC/COP/2018/2 第44段〕');
    expect(strings('en').marker('CTOC/COP/2018/2, para. 44')).toBe('[CTOC/COP/2018/2, para. 44]');
  });

  it('lists each cited unit once in the sources, by unit and not by label text (para. 4 is not inside para. 44)', () => {
    const cite = (n: number) => ({
      unitKey: `${TIP.source}#p${n}`,
      kind: 'paragraph' as const,
      source: TIP.source,
      paragraph: n,
      recommendation: null,
      label: unitLabel(TIP, paragraph(n), 'en'),
      url: documentUrl(TIP, 'en'),
      status: TIP.status,
      lang: 'zh' as const,
      versions: [],
    });
    const answer: Answer = {
      outcome: 'answered',
      confidence: 1,
      lang: 'en',
      passages: [
        { quote: '甲乙丙丁', citations: [cite(44)], role: 'answer', score: 1 },
        { quote: '戊己庚辛', citations: [cite(4), cite(44)], role: 'answer', score: 1 },
      ],
      related: [],
      notes: [],
    };
    const sources = answerText(answer, (s) => (s === TIP.source ? TIP : undefined))
      .split('Sources:\n')[1]!
      .split('\n');
    expect(sources).toEqual([
      `- CTOC/COP/2018/2, para. 44 (${TIP.shortTitle.en}) https://undocs.org/en/CTOC/COP/2018/2`,
      `- CTOC/COP/2018/2, para. 4 (${TIP.shortTitle.en}) https://undocs.org/en/CTOC/COP/2018/2`,
    ]);
  });

  it('gives every unit of the seed corpus its own label in each language', async () => {
    const { units, metas } = await loadAnswerCorpus();
    for (const lang of ['zh', 'en'] as const) {
      const labels = units.map((u) => unitLabel(metas.get(u.source)!, u, lang));
      expect(new Set(labels).size).toBe(units.length);
    }
  });
});
