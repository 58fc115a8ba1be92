/**
 * embedkit: text to vectors, natively. See README.md.
 */
export { Embeddings } from './embeddings';
export { StaticModel, DEFAULT_MODEL_PATH } from './static-model';
export type { StaticModelOptions, EncodeOptions, StaticModelInfo } from './static-model';
export { Tokenizer } from './tokenizer';
export { TextEmbedding, DEFAULT_TEXT_EMBEDDING_MODEL } from './text-embedding';
export type { TextEmbeddingOptions, EmbedOptions } from './text-embedding';
export { TextCrossEncoder, DEFAULT_CROSS_ENCODER_MODEL } from './text-cross-encoder';
export type { RerankOptions } from './text-cross-encoder';
export { ONNX_MODELS } from './onnx-registry';
export type { OnnxModelDescription, PrefixTemplates } from './onnx-registry';
export type { OnnxSessionOptions, OnnxModelInfo, ExecutionProvider, GraphOptimizationLevel } from './onnx-model';
export { WordVectors } from './word-vectors';
export type { VectorsFormat, WordVectorsOpenOptions, WordSimilarity, WordVectorsInfo, QueryOptions, AnalogyOptions } from './word-vectors';
export type { VectorsWriteFormat, WordVectorsSaveOptions } from './word-vectors';
export type { Encoding, TokenizerEncodeOptions, BatchEncodeOptions, TruncationOptions, PaddingOptions, BatchTensors, EncodedBatch, TruncationStrategy, Direction } from './tokenizer';
export { resolveModelFolder } from './resolve';
export type { ResolveOptions, ModelFiles } from './resolve';
export { setThreads, getThreads, simdLevel } from './runtime';
export { blas } from './blas';
export type { BlasBackend, BlasInfo } from './blas';
export { embedkitError } from './errors';
export type { EmbedkitError, EmbedkitErrorCode } from './errors';
