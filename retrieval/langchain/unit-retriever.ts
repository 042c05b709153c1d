/**
 * The corpus as a LangChain retriever: `invoke(question)` returns the best units as `Document`s whose
 * metadata carry everything needed to cite them (source, kind, paragraph, recommendation, label, unit key),
 * so a LangChain pipeline can plug these documents in and still cite to the paragraph.
 */
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { Lang, ScoredUnit, Unit, UnitKind } from '../types.js';
import { unitKey } from '../types.js';

export interface UnitMetadata {
  unitKey: string;
  source: string;
  kind: UnitKind;
  paragraph: number | null;
  recommendation: number | null;
  section: string[];
  /** Citation label in the retriever's language, e.g. `CTOC/COP/2018/2, para. 44`. */
  label: string;
  /** Retrieval score; comparable only within one result list. */
  score: number;
}

/** What the retriever needs: the engine satisfies it. */
export interface UnitSearch {
  search(query: string, opts?: { source?: string; k?: number }): Promise<ScoredUnit[]>;
  label(unit: Unit, lang: Lang): string;
}

export interface UnitRetrieverInput extends BaseRetrieverInput {
  engine: UnitSearch;
  /** Documents returned (default 5). */
  k?: number;
  /** Only this document (its id). */
  source?: string;
  /** Language of the labels in the metadata (default 'en'). */
  lang?: Lang;
}

export class UnitRetriever extends BaseRetriever<UnitMetadata> {
  lc_namespace = ['un_docs_bot', 'retrievers'];
  private readonly engine: UnitSearch;
  private readonly k: number;
  private readonly source: string | undefined;
  private readonly lang: Lang;

  constructor(fields: UnitRetrieverInput) {
    super(fields);
    this.engine = fields.engine;
    this.k = fields.k ?? 5;
    this.source = fields.source;
    this.lang = fields.lang ?? 'en';
  }

  async _getRelevantDocuments(query: string): Promise<Document<UnitMetadata>[]> {
    const results = await this.engine.search(query, { source: this.source, k: this.k });
    return results.map(({ unit, score }) => unitDocument(unit, this.engine.label(unit, this.lang), score));
  }
}

export function unitDocument(unit: Unit, label: string, score: number): Document<UnitMetadata> {
  return new Document({
    pageContent: unit.text,
    metadata: {
      unitKey: unitKey(unit),
      source: unit.source,
      kind: unit.kind,
      paragraph: unit.paragraph,
      recommendation: unit.recommendation,
      section: unit.section,
      label,
      score,
    },
  });
}
