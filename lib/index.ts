/**
 * embedkit: text to vectors, natively. See README.md.
 */
export { Embeddings } from './embeddings';
export { StaticModel, DEFAULT_MODEL_PATH } from './static-model';
export type { StaticModelOptions, EncodeOptions, StaticModelInfo } from './static-model';
export { Tokenizer } from './tokenizer';
export { WordVectors } from './word-vectors';
export type { VectorsFormat, WordVectorsOpenOptions, WordSimilarity, WordVectorsInfo, QueryOptions, AnalogyOptions } from './word-vectors';
export type { Encoding, TokenizerEncodeOptions, BatchEncodeOptions, TruncationOptions, PaddingOptions, BatchTensors, EncodedBatch, TruncationStrategy, Direction } from './tokenizer';
export { resolveModelFolder } from './resolve';
export type { ResolveOptions, ModelFiles } from './resolve';
export { setThreads, getThreads, simdLevel } from './runtime';
export { embedkitError } from './errors';
export type { EmbedkitError, EmbedkitErrorCode } from './errors';
