/**
 * An answer as plain text (terminal chat, `npm run ask`, the `answer` field of `ask --json`) and as the JSON
 * that `ask --json` promises other tools. Discord renders the same passages as embeds (bot/discord).
 */
import type { Answer, AnswerNote, Citation, DocumentMeta, Engine, Lang, Passage } from '../../retrieval/index.js';
import { shownLabel } from './citation-text.js';
import { keyTermsLine } from './key-terms.js';
import { strings } from './strings.js';

/** The documents' metadata by id, to name a report beside its symbol in the sources list. */
export type MetaOf = (source: string) => DocumentMeta | undefined;

function passageText(p: Passage, lang: Answer['lang']): string {
  const s = strings(lang);
  const labels = p.citations.map((c) => shownLabel(c, lang));
  // An LLM claim keeps the model's sentence, its labels after it; an extractive passage is the quote alone.
  return p.claim !== undefined ? `${p.claim}${labels.map(s.marker).join('')}` : s.passage(p.quote, labels);
}

/** The cited paragraph's other language versions, offered after its source: ` · also in Chinese https://…`. */
export function versionsText(c: Citation, lang: Lang): string {
  return c.versions.map((v) => ` · ${strings(lang).alsoIn(v.lang)}${v.url ? ` ${v.url}` : ''}`).join('');
}

/**
 * "Sources:" with each cited unit once; a symbol says little to most readers, so the report is named beside it,
 * and the link to its official text follows.
 */
export function sourcesList(answer: Answer, metaOf: MetaOf): string[] {
  const s = strings(answer.lang);
  const seen = new Set<string>();
  const items = answer.passages
    .flatMap((p) => p.citations)
    .flatMap((c) => {
      if (seen.has(c.unitKey)) return [];
      seen.add(c.unitKey);
      const meta = metaOf(c.source);
      const label = shownLabel(c, answer.lang);
      const link = `${c.url ? ` ${c.url}` : ''}${versionsText(c, answer.lang)}`;
      if (!meta || meta.symbol === null) return [`- ${label}${link}`];
      return [answer.lang === 'zh' ? `- ${label}（${meta.shortTitle.zh}）${link}` : `- ${label} (${meta.shortTitle.en})${link}`];
    });
  return [`${s.sources}${answer.lang === 'zh' ? '：' : ':'}`, ...items];
}

const namesMissingUnit = (note: AnswerNote) => note.code === 'reference-not-found';

/**
 * What a not-found answer says first: that the paragraph or recommendation the question names does not exist
 * (with the valid range), else the not-found line.
 */
export function notFoundHeadline(answer: Answer): string {
  const s = strings(answer.lang);
  const missing = answer.notes.filter(namesMissingUnit);
  return missing.length ? missing.map(s.note).join('\n') : s.notFound;
}

/**
 * The notes shown after the answer: all of them, less those a not-found headline already says. When the headline
 * is that the named paragraph does not exist, the words of that reference ("CTOC", "999") are not reported again
 * as words the documents do not mention.
 */
export function trailingNotes(answer: Answer): AnswerNote[] {
  if (answer.outcome !== 'not-found') return answer.notes;
  const headlined = answer.notes.some(namesMissingUnit);
  return answer.notes.filter((n) => !namesMissingUnit(n) && !(headlined && n.code === 'not-mentioned'));
}

/**
 * Each passage once (parallel passages that read the same are shown once), with its key-term line under it
 * in an English answer. `text` words one passage for the medium (plain text here, escaped Markdown in Discord).
 */
export function passageLines(answer: Answer, text: (p: Passage) => string, terms: (line: string) => string = (line) => `  ${line}`): string[] {
  const shown = new Map<string, string | null>();
  for (const p of answer.passages) {
    const t = text(p);
    if (!shown.has(t)) shown.set(t, keyTermsLine(p, answer.lang));
  }
  return [...shown].flatMap(([t, line]) => (line ? [t, terms(line)] : [t]));
}

/** The answer itself: its passages and sources, or the not-found headline. */
export function answerText(answer: Answer, metaOf: MetaOf): string {
  if (answer.outcome === 'not-found') return notFoundHeadline(answer);
  return [...passageLines(answer, (p) => passageText(p, answer.lang)), '', ...sourcesList(answer, metaOf)].join('\n');
}

/** For terminals: the answer, what may be related when nothing was found, the notes and the confidence. */
export function formatAnswer(answer: Answer, metaOf: MetaOf): string {
  const s = strings(answer.lang);
  const lines = [answerText(answer, metaOf), ''];
  if (answer.outcome === 'not-found' && answer.related.length) {
    lines.push(
      `${s.possiblyRelated}${answer.lang === 'zh' ? '：' : ':'}`,
      ...answer.related.map((p, i) => `  [${i + 1}] ${shownLabel(p.citations[0]!, answer.lang)}${p.citations[0]!.url ? ` ${p.citations[0]!.url}` : ''}`),
    );
  }
  for (const note of trailingNotes(answer)) lines.push(`(${s.note(note)})`);
  lines.push(`${s.confidence} ${answer.confidence.toFixed(2)}`);
  return lines.join('\n');
}

/**
 * What JSON says of a citation: the unit, its label, the link to its document's official text, its status, the
 * language of the quoted version and the paragraph's other versions.
 */
const citationJson = (c: Citation) => ({
  source: c.source,
  paragraph: c.paragraph,
  recommendation: c.recommendation,
  label: c.label,
  url: c.url,
  status: c.status,
  lang: c.lang,
  versions: c.versions,
});

/** The JSON shape `npm run ask -- --json` promises to other tools. */
export function answerJson(answer: Answer, metaOf: MetaOf) {
  const s = strings(answer.lang);
  return {
    answer: answerText(answer, metaOf),
    abstained: answer.outcome === 'not-found',
    outcome: answer.outcome,
    confidence: answer.confidence,
    lang: answer.lang,
    citations: answer.passages.flatMap((p) => p.citations.map((c) => ({ ...citationJson(c), quote: p.quote, score: p.score }))),
    passages: answer.passages.map((p) => ({
      quote: p.quote,
      role: p.role,
      citations: p.citations.map((c) => ({ unitKey: c.unitKey, kind: c.kind, ...citationJson(c) })),
      // Key terms are for readers of English answers; a Chinese answer's list is empty.
      glosses: answer.lang === 'en' ? (p.glosses ?? []) : [],
    })),
    related: answer.related.flatMap((p) => p.citations.map(citationJson)),
    notes: answer.notes.map((n) => s.note(n)),
  };
}

/** `MetaOf` over an engine's documents. */
export function metaOfEngine(engine: Pick<Engine, 'documents'>): MetaOf {
  const metas = new Map(engine.documents().map((d) => [d.meta.source, d.meta]));
  return (source) => metas.get(source);
}
