import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND } from '../retrieval/confidence.js';
import { extractiveAnswer } from '../retrieval/extractive-answer.js';
import { unitLabel } from '../retrieval/labels.js';
import type { Answer, Citation } from '../retrieval/types.js';
import { verifyCitations } from '../retrieval/verify-citations.js';
import { type AnswerCorpus, loadAnswerCorpus } from './helpers/answer-corpus.js';

let corpus: AnswerCorpus;
beforeAll(async () => {
  corpus = await loadAnswerCorpus();
});

function verify(answer: Answer) {
  const log: string[] = [];
  const verified = verifyCitations(answer, corpus.unitsByKey, (m) => log.push(m), corpus.metas);
  return { verified, log };
}

/** A real extractive answer with at least two citations, to break one of them. */
function twoCitationAnswer(): Answer {
  const a = extractiveAnswer(corpus.retrieve('What does the Global Migration Group do?'));
  expect(a.citations.length).toBeGreaterThanOrEqual(2);
  return a;
}

const withCitation = (a: Answer, i: number, change: Partial<Citation>): Answer => ({
  ...a,
  citations: a.citations.map((c, j) => (j === i ? { ...c, ...change } : c)),
});

describe('verifyCitations', () => {
  it('passes real extractive answers unchanged, in both languages and on many questions', () => {
    const questions = [
      '蓝心运动的全国学校作文比赛有多少学生参加？',
      'What does the Global Migration Group do?',
      '工作组关于国家转介机制的建议有哪些？',
      'Which countries said victims of trafficking are eligible for temporary visas?',
      '打击人口贩运全球举措的指导委员会由哪些组织组成？',
      'What is the capital of France?',
    ];
    for (const q of questions) {
      const answer = extractiveAnswer(corpus.retrieve(q));
      const { verified, log } = verify(answer);
      expect(log).toEqual([]);
      expect(verified).toEqual(answer);
    }
  });

  it('removes a citation whose quote was altered, logs it, and drops the answer line that relied on it', () => {
    const a = twoCitationAnswer();
    const broken = a.citations[1]!;
    const altered = withCitation(a, 1, { quote: broken.quote.replace('毒品和犯罪问题办公室', '联合国') });
    const { verified, log } = verify(altered);
    expect(verified.abstained).toBe(false);
    expect(verified.citations).toEqual(a.citations.filter((_, i) => i !== 1));
    expect(log).toHaveLength(1);
    expect(log[0]).toContain(broken.label);
    expect(log[0]).toContain('not verbatim');
    expect(verified.answer).not.toContain(broken.label);
    expect(verified.answer).toContain(a.citations[0]!.quote);
    expect(verified.notes).toEqual(['Removed 1 citation that the documents do not support.']);
  });

  it('rejects a true quote attributed to the wrong paragraph', () => {
    const a = twoCitationAnswer();
    const first = a.citations[0]!;
    const { verified, log } = verify(withCitation(a, 0, { paragraph: first.paragraph! + 1 }));
    expect(verified.citations.map((c) => c.label)).not.toContain(first.label);
    expect(log.join('\n')).toContain('not verbatim');
  });

  it('rejects a citation of an unknown source or a paragraph that does not exist', () => {
    const a = twoCitationAnswer();
    const unknown = verify(withCitation(a, 0, { source: '999_nonexistent' }));
    expect(unknown.log[0]).toContain('no such unit');
    expect(unknown.verified.citations).toHaveLength(a.citations.length - 1);
    const missing = verify(withCitation(a, 0, { paragraph: 999 }));
    expect(missing.log[0]).toContain('no such unit');
  });

  it('rejects a fabricated label that names another paragraph than the one quoted', () => {
    const a = twoCitationAnswer();
    const first = a.citations[0]!;
    const fabricated = withCitation(a, 0, { label: first.label.replace(/\d+$/, '99') });
    const { verified, log } = verify(fabricated);
    expect(log[0]).toContain('label does not name the cited unit');
    expect(verified.citations.map((c) => c.quote)).not.toContain(first.quote);
  });

  it('rejects a recommendation cited with the wrong holding paragraph, and quotes too short to mean anything', () => {
    const rec = corpus.unitsByKey.get('002_fd7eaa732a510636#r9')!;
    const meta = corpus.metas.get(rec.source)!;
    const good: Citation = { source: rec.source, paragraph: 5, recommendation: 9, label: unitLabel(meta, rec, 'zh'), quote: rec.text, score: 1 };
    const answer: Answer = { answer: `「${rec.text}」〔${good.label}〕`, abstained: false, confidence: 0.9, lang: 'zh', citations: [good], related: [], notes: [] };
    expect(verify(answer).log).toEqual([]);
    expect(verify({ ...answer, citations: [{ ...good, paragraph: 4 }] }).log[0]).toContain('is in paragraph 5, not 4');
    expect(verify({ ...answer, citations: [{ ...good, quote: '会员' }] }).log[0]).toContain('too short');
  });

  it('turns an answer left with no valid citation into an abstention in the answer’s language', () => {
    const a = extractiveAnswer(corpus.retrieve('蓝心运动的全国学校作文比赛有多少学生参加？'));
    const broken = { ...a, citations: a.citations.map((c) => ({ ...c, quote: `${c.quote}（编造）` })) };
    const { verified, log } = verify(broken);
    expect(log).toHaveLength(a.citations.length);
    expect(verified).toMatchObject({ abstained: true, answer: NOT_FOUND.zh, citations: [], confidence: 0 });
    expect(verified.notes.join(' ')).toContain('已撤回');
  });

  it('removes unsupported "possibly related" entries of an abstention too', () => {
    const a = extractiveAnswer(corpus.retrieve('What is the capital of France?'));
    expect(a.abstained).toBe(true);
    expect(a.related.length).toBeGreaterThan(1);
    const tampered = { ...a, related: a.related.map((r, i) => (i === 0 ? { ...r, quote: '法国的首都是巴黎。' } : r)) };
    const { verified, log } = verify(tampered);
    expect(verified.related).toEqual(a.related.slice(1));
    expect(log).toHaveLength(1);
  });
});
