import type { Answer, Citation } from '../../retrieval/types.js';

function sourceLine(c: Citation, i: number): string {
  return `  [${i + 1}] ${c.label}`;
}

/** Plain-text rendering for terminals: the answer (which lists its sources), or the not-found line and what may be related. */
export function formatAnswer(answer: Answer): string {
  const en = answer.lang === 'en';
  const lines = [answer.answer.trim(), ''];
  if (answer.abstained && answer.related.length) {
    lines.push(en ? 'Possibly related:' : '可能相关：', ...answer.related.map(sourceLine));
  }
  for (const note of answer.notes) lines.push(`(${note})`);
  lines.push(`${en ? 'confidence' : '置信度'} ${answer.confidence.toFixed(2)}`);
  return lines.join('\n');
}

/** The JSON shape `npm run ask -- --json` promises to other tools. */
export function answerJson(answer: Answer) {
  return {
    answer: answer.answer,
    abstained: answer.abstained,
    confidence: answer.confidence,
    lang: answer.lang,
    citations: answer.citations.map((c) => ({
      source: c.source,
      paragraph: c.paragraph,
      recommendation: c.recommendation,
      label: c.label,
      quote: c.quote,
      score: c.score,
    })),
    related: answer.related.map((c) => ({ source: c.source, paragraph: c.paragraph, recommendation: c.recommendation, label: c.label })),
    notes: answer.notes,
  };
}
