/**
 * How each embedding model must be driven. Getting these wrong does not fail loudly, it just retrieves worse:
 * e5 models were trained with `query: ` / `passage: ` prefixes and mean pooling, BGE with CLS pooling and
 * an instruction before queries only.
 */
export type Pooling = 'mean' | 'cls';

/** transformers.js dtypes we load; each picks one ONNX file in the model's onnx/ folder. */
export type ModelDtype = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4';

export interface ModelProfile {
  queryPrefix: string;
  passagePrefix: string;
  pooling: Pooling;
  dtype: ModelDtype;
}

const E5: ModelProfile = { queryPrefix: 'query: ', passagePrefix: 'passage: ', pooling: 'mean', dtype: 'q8' };
const PLAIN: ModelProfile = { queryPrefix: '', passagePrefix: '', pooling: 'mean', dtype: 'q8' };

const KNOWN: Record<string, ModelProfile> = {
  'Xenova/multilingual-e5-small': E5,
  'Xenova/multilingual-e5-base': E5,
  'Xenova/multilingual-e5-large': E5,
  // The committed test fixture stands in for multilingual-e5-small, so it is driven the same way.
  'tiny-random-bert': E5,
  'Xenova/bge-small-zh-v1.5': { queryPrefix: '为这个句子生成表示以用于检索相关文章：', passagePrefix: '', pooling: 'cls', dtype: 'q8' },
  'Xenova/paraphrase-multilingual-MiniLM-L12-v2': PLAIN,
};

/** Unknown models: any e5 variant gets e5 prefixes; anything else is used plainly (mean pooling, no prefixes). */
export function modelProfile(modelId: string): ModelProfile {
  return KNOWN[modelId] ?? (/(^|[/_-])e5-/i.test(modelId) ? E5 : PLAIN);
}

/** The ONNX file transformers.js reads for a dtype (its own naming: onnx/model<suffix>.onnx). */
export function onnxFileFor(dtype: ModelDtype): string {
  const suffix: Record<ModelDtype, string> = { fp32: '', fp16: '_fp16', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4' };
  return `onnx/model${suffix[dtype]}.onnx`;
}

/** Every file a feature-extraction pipeline needs; a folder holding all of them can be loaded without the network. */
export function requiredModelFiles(dtype: ModelDtype): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFileFor(dtype)];
}
