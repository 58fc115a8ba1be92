/**
 * Dense text embeddings from transformer models through onnxruntime (native C API, no JS loops over
 * tensors). Each model pools and normalizes as its authors intended (lib/onnx-registry.ts).
 *
 *   const te = await TextEmbedding.fromPretrained('BAAI/bge-small-en-v1.5', { threads: 4 });
 *   for await (const batch of te.embed(docs, { batchSize: 256 })) batch.row(0);  // input order
 *   const all = await te.embedAll(docs);               // one Embeddings, input order
 *   await te.queryEmbed('what is X?');                 // the model's query template, if it has one
 *
 * Texts are sorted by length and batched so that each batch is padded only to its own longest; the
 * next batch is tokenized on the native pool while the current one runs.
 */
import { Embeddings } from './embeddings';
import { argumentError, checkTexts, describe } from './errors';
import { loadOnnxModel, OnnxModelInfo, OnnxSessionOptions, readBatchSize } from './onnx-model';
import { applyTemplate, ONNX_MODELS, OnnxModelDescription, Pooling } from './onnx-registry';

export interface TextEmbeddingOptions extends OnnxSessionOptions {
  /** Override the registry's (or a custom model's) pooling. */
  pooling?: Pooling;
  /** Override L2 normalization. */
  normalize?: boolean;
}

export interface EmbedOptions {
  /** Texts per yielded batch (embed) / per tokenization chunk (embedAll). Default 256. */
  batchSize?: number;
  /** Upper bound of padded tokens (texts x longest) per onnxruntime run. Default 16384. */
  maxBatchTokens?: number;
}

type Texts = string | ReadonlyArray<string | Uint8Array>;

export const DEFAULT_TEXT_EMBEDDING_MODEL = 'BAAI/bge-small-en-v1.5';
const DEFAULT_BATCH = 256;
const DEFAULT_BATCH_TOKENS = 16384;

export class TextEmbedding {
  private readonly handle: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The loaded model: dimension, pooling, providers in use, runtime, ... */
  readonly info: OnnxModelInfo;
  /** The registry entry, for models known by name. */
  readonly description?: OnnxModelDescription;

  private constructor(handle: any, info: OnnxModelInfo, description?: OnnxModelDescription) { // eslint-disable-line @typescript-eslint/no-explicit-any
    this.handle = handle;
    this.info = info;
    this.description = description;
  }

  /** Embedding models known by name (copies). */
  static listSupportedModels(): OnnxModelDescription[] {
    return ONNX_MODELS.filter((m) => m.task === 'embed').map((m) => ({ ...m, prefixes: { ...m.prefixes } }));
  }

  /** Loads a model by hub id (registry settings apply) or from a folder in the Hugging Face layout
   *  (tokenizer.json, config.json, onnx/model.onnx, ...): local folder, then the HF cache, then the hub. */
  static async fromPretrained(folderOrId: string = DEFAULT_TEXT_EMBEDDING_MODEL, options: TextEmbeddingOptions = {}): Promise<TextEmbedding> {
    const loaded = await loadOnnxModel(folderOrId, 'embed', options);
    return new TextEmbedding(loaded.handle, loaded.info, loaded.entry);
  }

  get dim(): number {
    return this.info.dim;
  }

  /** Yields one Embeddings per `batchSize` texts, in input order; the next batch is computed while
   *  the caller handles the current one. */
  async *embed(texts: Texts, options: EmbedOptions = {}): AsyncGenerator<Embeddings> {
    const list = asList(texts);
    const { batchSize, maxBatchTokens } = readOptions(options);
    const run = (start: number) => this.run(list.slice(start, start + batchSize), batchSize, maxBatchTokens);
    let pending: Promise<Embeddings> | undefined = list.length > 0 ? run(0) : undefined;
    for (let start = 0; start < list.length; start += batchSize) {
      const current = pending as Promise<Embeddings>;
      const next = start + batchSize;
      // Start the next batch once this one is done (never two at once: each already uses every core).
      pending = next < list.length ? current.then(() => run(next)) : undefined;
      pending?.catch(() => undefined); // reported when awaited; not unhandled if the caller stops early
      yield await current;
    }
  }

  /** All vectors in one Embeddings (rows in input order). */
  async embedAll(texts: Texts, options: EmbedOptions = {}): Promise<Embeddings> {
    const list = asList(texts);
    const { batchSize, maxBatchTokens } = readOptions(options);
    return this.run(list, batchSize, maxBatchTokens);
  }

  /** Queries with the model's query template applied (bge: its retrieval instruction; e5: 'query: '). */
  async queryEmbed(queries: string | ReadonlyArray<string>, options: EmbedOptions = {}): Promise<Embeddings> {
    return this.embedAll(withTemplate(queries, this.description?.prefixes.query, 'queries'), options);
  }

  /** Documents with the model's passage template applied (e5: 'passage: '; most models: none). */
  async passageEmbed(passages: string | ReadonlyArray<string>, options: EmbedOptions = {}): Promise<Embeddings> {
    return this.embedAll(withTemplate(passages, this.description?.prefixes.passage, 'passages'), options);
  }

  private async run(list: ReadonlyArray<string | Uint8Array>, batchSize: number, maxBatchTokens: number): Promise<Embeddings> {
    const out = await this.handle.embed(list, batchSize, maxBatchTokens);
    return new Embeddings(out.data, out.rows, out.dim);
  }
}

function asList(texts: Texts): ReadonlyArray<string | Uint8Array> {
  const list = typeof texts === 'string' ? [texts] : texts;
  checkTexts(list);
  return list;
}

function readOptions(options: EmbedOptions): { batchSize: number; maxBatchTokens: number } {
  if (options === null || typeof options !== 'object') throw argumentError(`options must be an object, got ${describe(options)}`);
  const batchSize = readBatchSize(options.batchSize, DEFAULT_BATCH);
  const maxBatchTokens = options.maxBatchTokens ?? DEFAULT_BATCH_TOKENS;
  if (!Number.isInteger(maxBatchTokens) || maxBatchTokens < 1) throw argumentError(`maxBatchTokens must be a positive integer, got ${String(maxBatchTokens)}`);
  return { batchSize, maxBatchTokens };
}

function withTemplate(texts: string | ReadonlyArray<string>, template: string | undefined, what: string): string[] {
  const list = typeof texts === 'string' ? [texts] : texts;
  if (!Array.isArray(list) || !list.every((t) => typeof t === 'string')) throw argumentError(`${what} must be a string or an array of strings`);
  return list.map((t) => applyTemplate(template, t));
}
