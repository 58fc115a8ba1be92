/**
 * The transformer models embedkit knows by name, in one place: for each, the ONNX file in its Hugging
 * Face repo, the pooling and normalization its authors intended (as FastEmbed's registry and the
 * models' sentence-transformers configs say), the maximum length, and the prefix templates that the
 * caller opts into with queryEmbed / passageEmbed. Sizes are those of the ONNX file, approximate.
 *
 * A model not listed here still loads by id or folder: its pooling then comes from the options, else
 * from its sentence-transformers `1_Pooling/config.json`, else CLS.
 */

export type Pooling = 'cls' | 'mean';
export type ModelTask = 'embed' | 'rerank';

export interface PrefixTemplates {
  /** Applied by queryEmbed; `{text}` stands for the query. */
  query?: string;
  /** Applied by passageEmbed; `{text}` stands for the document. */
  passage?: string;
}

export interface OnnxModelDescription {
  /** Hub id, matched case-insensitively. */
  model: string;
  task: ModelTask;
  /** Embedding dimension (embed) or number of logits (rerank). */
  dim: number;
  /** Pooling of the per-token output (embed models). */
  pooling?: Pooling;
  /** L2-normalized output (embed models). */
  normalization?: boolean;
  /** Tokens per text (pair for rerankers), special tokens included. */
  maxLength: number;
  /** Path of the ONNX file inside the repo. */
  onnxFile: string;
  prefixes: PrefixTemplates;
  license: string;
  /** Size of the ONNX file in GB (approximate). */
  sizeGB: number;
  description: string;
}

const BGE_QUERY = 'Represent this sentence for searching relevant passages: {text}';

export const ONNX_MODELS: readonly OnnxModelDescription[] = Object.freeze([
  // CLS pooling, normalized (FastEmbed's OnnxTextEmbedding).
  { model: 'BAAI/bge-small-en-v1.5', task: 'embed', dim: 384, pooling: 'cls', normalization: true, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: { query: BGE_QUERY }, license: 'mit', sizeGB: 0.13, description: 'English, 384 dims; FastEmbed\'s default model' },
  { model: 'BAAI/bge-base-en-v1.5', task: 'embed', dim: 768, pooling: 'cls', normalization: true, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: { query: BGE_QUERY }, license: 'mit', sizeGB: 0.44, description: 'English, 768 dims' },
  { model: 'BAAI/bge-large-en-v1.5', task: 'embed', dim: 1024, pooling: 'cls', normalization: true, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: { query: BGE_QUERY }, license: 'mit', sizeGB: 1.34, description: 'English, 1024 dims' },
  { model: 'Snowflake/snowflake-arctic-embed-xs', task: 'embed', dim: 384, pooling: 'cls', normalization: true, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: { query: BGE_QUERY }, license: 'apache-2.0', sizeGB: 0.09, description: 'English retrieval, 384 dims' },
  { model: 'Snowflake/snowflake-arctic-embed-s', task: 'embed', dim: 384, pooling: 'cls', normalization: true, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: { query: BGE_QUERY }, license: 'apache-2.0', sizeGB: 0.13, description: 'English retrieval, 384 dims' },
  { model: 'Snowflake/snowflake-arctic-embed-m', task: 'embed', dim: 768, pooling: 'cls', normalization: true, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: { query: BGE_QUERY }, license: 'apache-2.0', sizeGB: 0.44, description: 'English retrieval, 768 dims' },
  { model: 'Snowflake/snowflake-arctic-embed-m-v1.5', task: 'embed', dim: 768, pooling: 'cls', normalization: true, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: { query: BGE_QUERY }, license: 'apache-2.0', sizeGB: 0.44, description: 'English retrieval, 768 dims (Matryoshka)' },
  { model: 'Snowflake/snowflake-arctic-embed-l', task: 'embed', dim: 1024, pooling: 'cls', normalization: true, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: { query: BGE_QUERY }, license: 'apache-2.0', sizeGB: 1.34, description: 'English retrieval, 1024 dims' },
  { model: 'mixedbread-ai/mxbai-embed-large-v1', task: 'embed', dim: 1024, pooling: 'cls', normalization: true, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: { query: BGE_QUERY }, license: 'apache-2.0', sizeGB: 0.67, description: 'English, 1024 dims' },
  // Attention-masked mean, normalized (FastEmbed's PooledNormalizedEmbedding).
  { model: 'sentence-transformers/all-MiniLM-L6-v2', task: 'embed', dim: 384, pooling: 'mean', normalization: true, maxLength: 256, onnxFile: 'onnx/model.onnx', prefixes: {}, license: 'apache-2.0', sizeGB: 0.09, description: 'English, 384 dims, fast' },
  { model: 'sentence-transformers/all-MiniLM-L12-v2', task: 'embed', dim: 384, pooling: 'mean', normalization: true, maxLength: 256, onnxFile: 'onnx/model.onnx', prefixes: {}, license: 'apache-2.0', sizeGB: 0.13, description: 'English, 384 dims' },
  { model: 'thenlper/gte-base', task: 'embed', dim: 768, pooling: 'mean', normalization: true, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: {}, license: 'mit', sizeGB: 0.44, description: 'English, 768 dims' },
  { model: 'thenlper/gte-large', task: 'embed', dim: 1024, pooling: 'mean', normalization: true, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: {}, license: 'mit', sizeGB: 1.34, description: 'English, 1024 dims' },
  { model: 'jinaai/jina-embeddings-v2-small-en', task: 'embed', dim: 512, pooling: 'mean', normalization: true, maxLength: 8192, onnxFile: 'onnx/model.onnx', prefixes: {}, license: 'apache-2.0', sizeGB: 0.12, description: 'English, 512 dims, 8192 tokens' },
  { model: 'jinaai/jina-embeddings-v2-base-en', task: 'embed', dim: 768, pooling: 'mean', normalization: true, maxLength: 8192, onnxFile: 'onnx/model.onnx', prefixes: {}, license: 'apache-2.0', sizeGB: 0.52, description: 'English, 768 dims, 8192 tokens' },
  // Attention-masked mean, NOT normalized (FastEmbed's PooledEmbedding).
  { model: 'nomic-ai/nomic-embed-text-v1.5', task: 'embed', dim: 768, pooling: 'mean', normalization: false, maxLength: 8192, onnxFile: 'onnx/model.onnx', prefixes: { query: 'search_query: {text}', passage: 'search_document: {text}' }, license: 'apache-2.0', sizeGB: 0.52, description: 'English, 768 dims, 8192 tokens (Matryoshka)' },
  { model: 'sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2', task: 'embed', dim: 384, pooling: 'mean', normalization: false, maxLength: 128, onnxFile: 'onnx/model.onnx', prefixes: {}, license: 'apache-2.0', sizeGB: 0.47, description: 'Multilingual, 384 dims' },
  { model: 'intfloat/multilingual-e5-large', task: 'embed', dim: 1024, pooling: 'mean', normalization: false, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: { query: 'query: {text}', passage: 'passage: {text}' }, license: 'mit', sizeGB: 2.24, description: 'Multilingual, 1024 dims' },
  // Cross-encoders: score = logits[:, 0].
  { model: 'Xenova/ms-marco-MiniLM-L-6-v2', task: 'rerank', dim: 1, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: {}, license: 'apache-2.0', sizeGB: 0.09, description: 'MS MARCO cross-encoder, English' },
  { model: 'Xenova/ms-marco-MiniLM-L-12-v2', task: 'rerank', dim: 1, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: {}, license: 'apache-2.0', sizeGB: 0.13, description: 'MS MARCO cross-encoder, English' },
  { model: 'BAAI/bge-reranker-base', task: 'rerank', dim: 1, maxLength: 512, onnxFile: 'onnx/model.onnx', prefixes: {}, license: 'mit', sizeGB: 1.04, description: 'English and Chinese cross-encoder' },
  { model: 'jinaai/jina-reranker-v1-turbo-en', task: 'rerank', dim: 1, maxLength: 8192, onnxFile: 'onnx/model.onnx', prefixes: {}, license: 'apache-2.0', sizeGB: 0.15, description: 'English cross-encoder, 8192 tokens' },
] as OnnxModelDescription[]);

/** The registry entry for a hub id (case-insensitive), if any. */
export function findOnnxModel(id: string, task?: ModelTask): OnnxModelDescription | undefined {
  const key = id.toLowerCase();
  return ONNX_MODELS.find((m) => m.model.toLowerCase() === key && (task === undefined || m.task === task));
}

/** Applies a `{text}` template (no template: the text as is). */
export function applyTemplate(template: string | undefined, text: string): string {
  return template === undefined ? text : template.split('{text}').join(text);
}
