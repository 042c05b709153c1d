import type { Corpus } from '../retrieval/corpus/load-corpus.js';
import type { Unit } from '../retrieval/types.js';
import { sha256 } from '../retrieval/util/sha256.js';
import { seededRandom } from './synthetic-vectors.js';

/** Paragraphs per synthetic document: a long UN report. */
const UNITS_PER_DOCUMENT = 1000;

/** Sentences of the real units: the material synthetic units are assembled from. */
export function sentencesOf(texts: readonly string[]): string[] {
  return texts
    .flatMap((t) => t.split(/(?<=[。；！？])/))
    .map((s) => s.trim())
    .filter((s) => s.length >= 8);
}

/**
 * A corpus of `count` paragraphs of 2-6 sentences drawn at random from real sentences: the seeds' vocabulary and
 * term frequencies at any size. Real growth would also add vocabulary; reusing the seeds' makes postings lists
 * denser than a real corpus of that size would have, so keyword figures measured on it are on the slow side.
 */
export function synthesizeCorpus(sentences: readonly string[], count: number, seed: number): Corpus {
  if (sentences.length === 0) throw new RangeError('no sentences to assemble units from');
  const random = seededRandom(seed);
  const units: Unit[] = Array.from({ length: count }, (_, i) => {
    const n = 2 + Math.floor(random() * 5);
    const text = Array.from({ length: n }, () => sentences[Math.floor(random() * sentences.length)]).join('');
    const source = `synthetic_${Math.floor(i / UNITS_PER_DOCUMENT)}`;
    return { source, kind: 'paragraph', lang: 'zh', paragraph: (i % UNITS_PER_DOCUMENT) + 1, recommendation: null, section: [], text };
  });
  const sources = [...new Set(units.map((u) => u.source))];
  const documents = sources.map((source) => {
    const name = { zh: source, en: source };
    return {
      meta: {
        source,
        symbol: null,
        symbolSource: null,
        status: 'final' as const,
        title: name,
        shortTitle: name,
        body: null,
        session: null,
        agendaItem: null,
        date: null,
        languages: ['zh' as const],
        versioned: false,
      },
      units: units.filter((u) => u.source === source),
    };
  });
  return {
    documents,
    hashes: Object.fromEntries(sources.map((s) => [`${s}.txt`, sha256(`synthetic-${seed}-${count}-${s}`)])),
    files: Object.fromEntries(sources.map((s) => [`${s}.txt`, { source: s, lang: 'zh' as const }])),
  };
}
