import { beforeAll, describe, expect, it } from 'vitest';
import { strings } from '../bot/shared/strings.js';
import { extractiveAnswer } from '../retrieval/answer/extractive-answer.js';
import { unitLabel } from '../retrieval/answer/labels.js';
import { verifyCitations } from '../retrieval/answer/verify-citations.js';
import type { Answer, Citation, Passage } from '../retrieval/types.js';
import { unitKey } from '../retrieval/types.js';
import { type AnswerCorpus, loadAnswerCorpus } from './helpers/answer-corpus.js';
import { citationsOf, isNotFound, relatedOf, textOf } from './helpers/answers.js';

let corpus: AnswerCorpus;
beforeAll(async () => {
  corpus = await loadAnswerCorpus();
});

const answerTo = async (q: string) => extractiveAnswer(await corpus.retrieve(q), corpus.ctx);

function verify(answer: Answer) {
  const log: string[] = [];
  const verified = verifyCitations(answer, corpus.catalogue, (m) => log.push(m));
  return { verified, log };
}

/** A real extractive answer with at least two passages, to break one of them. */
async function twoPassageAnswer(): Promise<Answer> {
  const a = await answerTo('Which case law databases do the reports describe?');
  expect(a.passages.length).toBeGreaterThanOrEqual(2);
  return a;
}

/** The answer with passage i changed; a citation's numbers moved keep its key consistent (an honest but wrong citation). */
function withPassage(a: Answer, i: number, change: Partial<Passage> & { citation?: Partial<Citation> }): Answer {
  return {
    ...a,
    passages: a.passages.map((p, j) => {
      if (j !== i) return p;
      const { citation, ...rest } = change;
      const citations = citation ? p.citations.map((c) => ({ ...c, ...citation, unitKey: unitKey({ ...c, ...citation }) })) : p.citations;
      return { ...p, ...rest, citations };
    }),
  };
}

describe('verifyCitations', () => {
  it('passes real extractive answers unchanged, in both languages and on many questions', async () => {
    const questions = [
      '蓝心运动的全国学校作文比赛有多少学生参加？',
      'What does the Global Migration Group do?',
      '工作组关于国家转介机制的建议有哪些？',
      'Which countries said victims of trafficking are eligible for temporary visas?',
      '打击人口贩运全球举措的指导委员会由哪些组织组成？',
      'What is the capital of France?',
    ];
    for (const q of questions) {
      const answer = await answerTo(q);
      const { verified, log } = verify(answer);
      expect(log).toEqual([]);
      expect(verified).toEqual(answer);
    }
  });

  it('removes a passage whose quote was altered, logs it, and keeps the others', async () => {
    const a = await twoPassageAnswer();
    const broken = a.passages[1]!;
    const altered = withPassage(a, 1, { quote: `${broken.quote}（编造）` });
    const { verified, log } = verify(altered);
    expect(isNotFound(verified)).toBe(false);
    expect(verified.passages).toEqual(a.passages.filter((_, i) => i !== 1));
    expect(log).toHaveLength(broken.citations.length);
    expect(log[0]).toContain(broken.citations[0]!.label);
    expect(log[0]).toContain('not verbatim');
    expect(textOf(verified, corpus.metas)).toContain(a.passages[0]!.quote);
    expect(verified.notes).toEqual([{ code: 'citations-removed', count: broken.citations.length }]);
    expect(strings('en').note(verified.notes[0]!)).toBe(
      `Removed ${broken.citations.length} citation${broken.citations.length > 1 ? 's' : ''} that the documents do not support.`,
    );
  });

  it('rejects a true quote attributed to the wrong paragraph', async () => {
    const a = await twoPassageAnswer();
    const first = a.passages[0]!.citations[0]!;
    const moved = { paragraph: first.paragraph! + 1 };
    const wrongLabel = unitLabel(corpus.metas.get(first.source)!, { kind: first.kind, paragraph: moved.paragraph, recommendation: null }, a.lang);
    const { verified, log } = verify(withPassage(a, 0, { citation: { ...moved, label: wrongLabel } }));
    expect(citationsOf(verified).map((c) => c.label)).not.toContain(wrongLabel);
    expect(log.join('\n')).toContain('not verbatim');
  });

  it('rejects a citation of an unknown source or a paragraph that does not exist, and one whose key and numbers disagree', async () => {
    const a = await twoPassageAnswer();
    const n = citationsOf(a).length;
    const unknown = verify(withPassage(a, 0, { citation: { source: '999_nonexistent' } }));
    expect(unknown.log[0]).toContain('no such unit');
    expect(citationsOf(unknown.verified)).toHaveLength(n - a.passages[0]!.citations.length);
    const missing = verify(withPassage(a, 0, { citation: { paragraph: 999 } }));
    expect(missing.log[0]).toContain('no such unit');
    const first = a.passages[0]!.citations[0]!;
    const inconsistent = { ...a, passages: [{ ...a.passages[0]!, citations: [{ ...first, paragraph: first.paragraph! + 1 }] }] };
    expect(verify(inconsistent).log[0]).toContain('do not name unit');
  });

  it('rejects a fabricated label that names another paragraph than the one quoted', async () => {
    const a = await twoPassageAnswer();
    const first = a.passages[0]!;
    const fabricated = {
      ...a,
      passages: [{ ...first, citations: first.citations.map((c) => ({ ...c, label: c.label.replace(/\d+$/, '99') })) }, ...a.passages.slice(1)],
    };
    const { verified, log } = verify(fabricated);
    expect(log[0]).toContain('label does not name the cited unit');
    expect(verified.passages.map((p) => p.quote)).not.toContain(first.quote);
  });

  it('rejects a recommendation cited with the wrong holding paragraph, and quotes too short to mean anything', () => {
    const rec = corpus.unitsByKey.get('002_fd7eaa732a510636#r9')!;
    const good = corpus.catalogue.citation(rec, 'zh');
    const passage: Passage = { quote: rec.text, citations: [good], role: 'answer', score: 1 };
    const answer: Answer = { outcome: 'answered', confidence: 0.9, lang: 'zh', passages: [passage], related: [], notes: [] };
    expect(verify(answer).log).toEqual([]);
    const misplaced = { ...answer, passages: [{ ...passage, citations: [{ ...good, paragraph: 4 }] }] };
    expect(verify(misplaced).log[0]).toContain('is in paragraph 5, not 4');
    expect(verify({ ...answer, passages: [{ ...passage, quote: '会员' }] }).log[0]).toContain('too short');
  });

  it('turns an answer left with no valid citation into "not found" in the answer’s language', async () => {
    const a = await answerTo('蓝心运动的全国学校作文比赛有多少学生参加？');
    const broken = { ...a, passages: a.passages.map((p) => ({ ...p, quote: `${p.quote}（编造）` })) };
    const { verified, log } = verify(broken);
    expect(log).toHaveLength(citationsOf(a).length);
    expect(verified).toMatchObject({ outcome: 'not-found', passages: [], confidence: 0 });
    expect(textOf(verified, corpus.metas)).toBe(strings('zh').notFound);
    expect(verified.notes.map(strings('zh').note).join(' ')).toContain('已撤回');
  });

  it('removes unsupported "possibly related" entries of a not-found answer too', async () => {
    const a = await answerTo('What is the capital of France?');
    expect(isNotFound(a)).toBe(true);
    expect(a.related.length).toBeGreaterThan(1);
    const tampered = { ...a, related: a.related.map((r, i) => (i === 0 ? { ...r, quote: '法国的首都是巴黎。' } : r)) };
    const { verified, log } = verify(tampered);
    expect(relatedOf(verified)).toEqual(relatedOf(a).slice(1));
    expect(log).toHaveLength(1);
  });
});
