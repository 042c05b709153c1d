import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { Embeddings } from '@langchain/core/embeddings';
import { compactTokenizer } from './compact-tokenizer.js';
import type { ModelProfile } from './model-profiles.js';
import { windowSpans } from './passage-windows.js';
import type { Span } from './worker-protocol.js';

/** Called after each batch with the number of texts embedded so far. */
export type EmbedProgress = (done: number, total: number) => void;

/** BERT's input length, for a model whose config names none. */
const DEFAULT_MAX_TOKENS = 512;

/**
 * The longest input the model takes, special tokens included: the smaller of its position table
 * (config.json `max_position_embeddings`) and its tokenizer's `model_max_length` (a huge sentinel when unset).
 */
function maxTokensOf(extractor: FeatureExtractionPipeline): number {
  const config = extractor.model.config as { max_position_embeddings?: number };
  const limits = [config.max_position_embeddings, (extractor.tokenizer as { model_max_length?: number }).model_max_length];
  const sane = limits.filter((n): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 1_000_000);
  return sane.length ? Math.min(...sane) : DEFAULT_MAX_TOKENS;
}

/**
 * A transformers.js feature-extraction model as a LangChain Embeddings: documents are embedded as passages,
 * queries as queries, each with the model's own prefix; vectors are pooled as the model was trained and
 * L2-normalised, so cosine similarity is a plain dot product.
 */
export class LocalEmbedder extends Embeddings {
  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly id: string,
    readonly dimension: number,
    readonly profile: ModelProfile,
    readonly batchSize: number,
    /** Tokens the model takes at once (its window), read from its config. */
    readonly maxTokens: number,
  ) {
    super({});
  }

  /** Runs one probe text so a model that loads but cannot run fails here, at start-up, not on the first question. */
  static async create(extractor: FeatureExtractionPipeline, id: string, profile: ModelProfile, batchSize: number): Promise<LocalEmbedder> {
    compactTokenizer(extractor.tokenizer);
    const probe = await extractor([`${profile.passagePrefix}probe`], { pooling: profile.pooling, normalize: true });
    const dimension = probe.dims.at(-1);
    if (!dimension) throw new Error(`model ${id} returned an empty embedding`);
    return new LocalEmbedder(extractor, id, dimension, profile, batchSize, maxTokensOf(extractor));
  }

  /** Tokens of a passage as the model sees it: prefix and special tokens included. */
  passageTokens(text: string): number {
    return this.extractor.tokenizer.encode(this.profile.passagePrefix + text).length;
  }

  /** Each text as windows that fit the model whole (one window for a text that fits), see passage-windows.ts. */
  windowsOf(texts: string[]): Span[][] {
    return texts.map((text) => windowSpans(text, (start, end) => this.passageTokens(text.slice(start, end)) <= this.maxTokens));
  }

  embedPassages(texts: string[], onProgress?: EmbedProgress): Promise<number[][]> {
    return this.embedAll(
      texts.map((t) => this.profile.passagePrefix + t),
      onProgress,
    );
  }

  embedQueries(texts: string[], onProgress?: EmbedProgress): Promise<number[][]> {
    return this.embedAll(
      texts.map((t) => this.profile.queryPrefix + t),
      onProgress,
    );
  }

  async passageWindows(texts: string[]): Promise<Span[][]> {
    return this.windowsOf(texts);
  }

  override embedDocuments(documents: string[]): Promise<number[][]> {
    return this.embedPassages(documents);
  }

  override async embedQuery(document: string): Promise<number[]> {
    const [vector] = await this.embedQueries([document]);
    return vector;
  }

  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }

  /**
   * Batches texts of similar length together (longest first) because each batch is padded to its longest
   * text: on paragraphs from 20 to 900 characters this saves most of the padding work. Results come back
   * in input order.
   */
  private async embedAll(texts: string[], onProgress?: EmbedProgress): Promise<number[][]> {
    const order = texts.map((_, i) => i).sort((a, b) => texts[b].length - texts[a].length);
    const out: number[][] = new Array(texts.length);
    onProgress?.(0, texts.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const batch = order.slice(start, start + this.batchSize);
      const tensor = await this.extractor(
        batch.map((i) => texts[i]),
        { pooling: this.profile.pooling, normalize: true },
      );
      const rows = tensor.tolist() as number[][];
      batch.forEach((i, j) => {
        out[i] = rows[j];
      });
      onProgress?.(Math.min(start + this.batchSize, texts.length), texts.length);
    }
    return out;
  }
}
