/**
 * Reranking with cross-encoders through onnxruntime: each (query, document) pair is tokenized with
 * the tokenizer's pair template (token_type_ids 0 for the query part, 1 for the document), and the
 * score is logits[:, 0], optionally passed through a sigmoid.
 *
 *   const ce = await TextCrossEncoder.fromPretrained('Xenova/ms-marco-MiniLM-L-6-v2');
 *   const scores = await ce.rerank('query', docs);   // Float32Array, one score per document
 */
import { argumentError, checkTexts, describe } from './errors';
import { loadOnnxModel, OnnxModelInfo, OnnxSessionOptions, readBatchSize } from './onnx-model';
import { ONNX_MODELS, OnnxModelDescription } from './onnx-registry';

export interface RerankOptions {
  /** Scores through 1/(1+e^-x). Default false (raw logits, as FastEmbed). */
  sigmoid?: boolean;
  /** Pairs per tokenization chunk. Default 64. */
  batchSize?: number;
  /** Upper bound of padded tokens per onnxruntime run. Default 16384. */
  maxBatchTokens?: number;
}

export const DEFAULT_CROSS_ENCODER_MODEL = 'Xenova/ms-marco-MiniLM-L-6-v2';

export class TextCrossEncoder {
  private readonly handle: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly info: OnnxModelInfo;
  readonly description?: OnnxModelDescription;

  private constructor(handle: any, info: OnnxModelInfo, description?: OnnxModelDescription) { // eslint-disable-line @typescript-eslint/no-explicit-any
    this.handle = handle;
    this.info = info;
    this.description = description;
  }

  static listSupportedModels(): OnnxModelDescription[] {
    return ONNX_MODELS.filter((m) => m.task === 'rerank').map((m) => ({ ...m, prefixes: { ...m.prefixes } }));
  }

  static async fromPretrained(folderOrId: string = DEFAULT_CROSS_ENCODER_MODEL, options: OnnxSessionOptions = {}): Promise<TextCrossEncoder> {
    const loaded = await loadOnnxModel(folderOrId, 'rerank', options);
    return new TextCrossEncoder(loaded.handle, loaded.info, loaded.entry);
  }

  /** One score per document, in document order. */
  async rerank(query: string, documents: ReadonlyArray<string | Uint8Array>, options: RerankOptions = {}): Promise<Float32Array> {
    if (typeof query !== 'string' && !ArrayBuffer.isView(query)) throw argumentError(`query must be a string, got ${describe(query)}`);
    checkTexts(documents, 'documents');
    if (options === null || typeof options !== 'object') throw argumentError(`options must be an object, got ${describe(options)}`);
    if (options.sigmoid !== undefined && typeof options.sigmoid !== 'boolean') throw argumentError(`sigmoid must be a boolean`);
    const batchSize = readBatchSize(options.batchSize, 64);
    const maxBatchTokens = options.maxBatchTokens ?? 16384;
    if (!Number.isInteger(maxBatchTokens) || maxBatchTokens < 1) throw argumentError(`maxBatchTokens must be a positive integer`);
    return this.handle.rerank(query, documents, batchSize, maxBatchTokens, options.sigmoid === true);
  }
}
