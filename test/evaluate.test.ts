import { describe, expect, it } from 'vitest';
import { parseEvalLines } from '../retrieval/eval/eval-input.js';
import { abstention, firstGoldRank, parseEvalFile, rankParagraphs, score } from '../retrieval/eval/evaluate.js';
import type { ScoredUnit, Unit } from '../retrieval/types.js';

const unit = (source: string, paragraph: number | null, kind: Unit['kind'] = 'paragraph', recommendation: number | null = null): ScoredUnit => ({
  unit: { source, kind, lang: 'zh', paragraph, recommendation, section: [], text: '' },
  score: 0,
});

describe('evaluation metrics', () => {
  it('ranks paragraphs, folding recommendations into their paragraph and skipping summaries', () => {
    const ranked = rankParagraphs([unit('d', 4, 'recommendation', 2), unit('d', null, 'summary'), unit('d', 4), unit('e', 1)]);
    expect(ranked).toEqual([
      { source: 'd', paragraph: 4 },
      { source: 'e', paragraph: 1 },
    ]);
  });

  it('finds the first gold paragraph among several gold entries', () => {
    const ranked = [
      { source: 'a', paragraph: 1 },
      { source: 'b', paragraph: 2 },
      { source: 'a', paragraph: 3 },
    ];
    expect(
      firstGoldRank(ranked, [
        { source: 'a', paragraph: 3 },
        { source: 'b', paragraph: 2 },
      ]),
    ).toBe(2);
    expect(firstGoldRank(ranked, [{ source: 'b', paragraph: 1 }])).toBeNull();
  });

  it('computes recall@k and MRR@10 over answerable questions only', () => {
    const item = (id: string, gold?: { source: string; paragraph: number }[]) => ({ id, lang: 'zh', question: id, gold });
    const outcomes = [
      { item: item('1', [{ source: 'a', paragraph: 1 }]), ranked: [{ source: 'a', paragraph: 1 }], abstained: false },
      {
        item: item('2', [{ source: 'a', paragraph: 9 }]),
        ranked: [2, 3, 4, 5, 6, 7, 9].map((p) => ({ source: 'a', paragraph: p })),
        abstained: true,
      },
      { item: item('3'), ranked: [], abstained: true },
    ];
    const s = score(outcomes);
    expect(s).toEqual({ n: 2, recall_at_1: 0.5, recall_at_5: 0.5, recall_at_10: 1, mrr_at_10: (1 + 1 / 7) / 2 });
    expect(abstention(outcomes)).toEqual({ unanswerable: 1, abstained_unanswerable: 1, answerable: 2, abstained_answerable: 1 });
  });

  it('rejects malformed eval lines by line number', () => {
    expect(() => parseEvalFile('{"id":"a","question":"q"}\n{oops}\n')).toThrow(/line 2/);
    expect(() => parseEvalFile('{"question":"q"}')).toThrow(/line 1 needs/);
    expect(parseEvalFile('\n{"id":"a","question":"q"}\n')[0].lang).toBe('unknown');
  });

  it('checks each line in full and lists every problem, not just the first', () => {
    const { lines, problems } = parseEvalLines(
      [
        '{"id":"a","question":"q","lang":"en"}',
        '[1]',
        '{"id":"","question":"q"}',
        '{"id":"d","question":"q","gold":{"source":"x"}}',
        '{"id":"e","question":"q","gold":[{"paragraph":3}]}',
      ].join('\n'),
    );
    expect(lines.map((l) => [l.line, l.item.id])).toEqual([[1, 'a']]);
    expect(problems).toEqual([
      { line: 2, code: 'not-an-object' },
      { line: 3, code: 'not-text', field: 'id' },
      { line: 4, code: 'gold-not-a-list' },
      { line: 5, code: 'gold-entry-shape', index: 0 },
    ]);
  });
});
