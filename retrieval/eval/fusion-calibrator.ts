/**
 * The index store's calibrator: runs the labelled questions that apply to this corpus through the engine's own
 * retriever (both rankings, the dense one whatever its weight) and answerer, and hands them to calibrateFusion.
 * Retrieval and answering only: the corpus is not embedded again, only the questions are.
 */
import type { TextEmbedder } from '../../embeddings/index.js';
import type { Corpus } from '../corpus/load-corpus.js';
import type { DenseIndex } from '../index/dense-index.js';
import { CANDIDATE_DEPTH, type FusionSetting, fuseToUnits } from '../index/fusion.js';
import type { Calibrator } from '../index/index-store.js';
import type { KeywordIndex } from '../index/keyword-index.js';
import type { Retriever } from '../index/retriever.js';
import { normalizeQuestion } from '../query/normalize.js';
import type { Answer, QueryAnalysis, ScoredUnit, Unit } from '../types.js';
import { type CalibrationQuestion, calibrateFusion, FUSION_VERSION } from './calibrate-fusion.js';
import { applicableItems, type CalibrationSet } from './calibration-set.js';

/** What calibration needs of the engine's components over the indexes being calibrated. */
export interface CalibrationComponents {
  retriever: Retriever;
  unit: (key: string) => Unit | undefined;
  /** The engine's extractive answer to `question` from these results, verified. */
  answer: (question: string, analysis: QueryAnalysis, results: ScoredUnit[]) => Answer;
}

export interface CalibratorDeps {
  set: CalibrationSet;
  corpus: Corpus;
  /** Answers carry this many units, as the engine's. */
  k: number;
  components: (keyword: KeywordIndex, dense: DenseIndex, embedder: TextEmbedder) => CalibrationComponents;
}

function paragraphsOf(corpus: Corpus): (source: string, paragraph: number) => boolean {
  const known = new Set(corpus.documents.flatMap((d) => d.units.filter((u) => u.kind === 'paragraph').map((u) => `${u.source}#${u.paragraph}`)));
  return (source, paragraph) => known.has(`${source}#${paragraph}`);
}

export function fusionCalibrator({ set, corpus, k, components }: CalibratorDeps): Calibrator {
  return {
    version: FUSION_VERSION,
    questionSet: set.id,
    async run(keyword, dense, embedder) {
      const parts = components(keyword, dense, embedder);
      const questions: CalibrationQuestion[] = [];
      for (const item of applicableItems(set.items, paragraphsOf(corpus))) {
        const text = normalizeQuestion(item.question).text;
        if (!text) continue;
        const lists = await parts.retriever.rankedLists(text, {}, true);
        // A question the dense side did not answer would count as a loss for it: the calibration would be wrong.
        if (!lists.dense) throw new Error(`the embedding model did not embed the question "${item.id}"`);
        questions.push({ item, key: set.keys.get(item.id), lists, text });
      }
      const answer = async (q: CalibrationQuestion, setting: FusionSetting) =>
        parts.answer(q.text, q.lists.analysis, fuseToUnits(q.lists, setting, parts.unit, Math.min(k, CANDIDATE_DEPTH)));
      return calibrateFusion({ model: embedder.id, questionSet: set.id, questions, unit: parts.unit, answer });
    },
  };
}
