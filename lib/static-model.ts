/**
 * Model2Vec static embeddings: a tokenizer and a table of token vectors, pooled by mean and
 * (if the model says so) L2-normalized — the same vectors Python `model2vec` computes.
 *
 *   const model = await StaticModel.fromPretrained('minishlab/potion-base-8M');
 *   const emb = await model.encode(['It is dangerous to go alone!']);
 *   emb.row(0); // Float32Array
 */
import * as path from 'path';
import { Embeddings } from './embeddings';
import { argumentError, checkTexts, describe } from './errors';
import { native } from './native';
import { resolveModelFolder, ResolveOptions, ModelFiles } from './resolve';

/** The model that ships inside the package (distilled from all-MiniLM-L6-v2; see its README). */
export const DEFAULT_MODEL_PATH = path.resolve(__dirname, '..', 'lib', 'default-model');

/** Files of a Model2Vec model, in the layouts model2vec accepts (native first). */
export const STATIC_MODEL_FILES: ModelFiles = {
  required: [],
  alternatives: [
    ['config.json', 'model.safetensors', 'tokenizer.json'],
    ['config_sentence_transformers.json', 'model.safetensors', 'tokenizer.json'],
    ['config_sentence_transformers.json', '0_StaticEmbedding/model.safetensors', '0_StaticEmbedding/tokenizer.json'],
  ],
  optional: ['modules.json'],
};

export interface StaticModelOptions extends ResolveOptions {
  /** Override the model's own `normalize` setting (config.json; model2vec's default is false). */
  normalize?: boolean;
}

export interface EncodeOptions {
  /** Token limit per text; null for none. Default: the model's config.json `max_length`, else 512
   *  (as model2vec). Texts are also pre-cut to maxLength x the vocabulary's median token length in
   *  characters, as model2vec does. */
  maxLength?: number | null;
  /** Texts per native call; only matters for `onProgress` granularity. Default: all at once. */
  batchSize?: number;
  /** Called after each batch with the number of texts done so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface StaticModelInfo {
  dim: number;
  rows: number;
  normalize: boolean;
  dtype: string;
  hasWeights: boolean;
  hasMapping: boolean;
  medianTokenLength: number;
  /** config.json's max_length (512 when absent), null for no limit. */
  defaultMaxLength: number | null;
  vocabSize: number;
  layout: string;
  folder: string;
  tokenizerPath: string;
}

type Texts = string | ReadonlyArray<string | Uint8Array>;

export class StaticModel {
  private readonly handle: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Facts about the loaded model (dimension, dtype, layout, ...). */
  readonly info: StaticModelInfo;

  private constructor(handle: any) { // eslint-disable-line @typescript-eslint/no-explicit-any
    this.handle = handle;
    this.info = handle.info();
  }

  /** Loads a model from a local folder, the Hugging Face cache, or the hub (in that order).
   *  With no argument, loads the default model that ships with embedkit. */
  static async fromPretrained(idOrPath: string = DEFAULT_MODEL_PATH, options: StaticModelOptions = {}): Promise<StaticModel> {
    if (typeof idOrPath !== 'string' || idOrPath.length === 0) {
      throw argumentError(`model must be a hub id or a folder path, got ${describe(idOrPath)}`);
    }
    const folder = await resolveModelFolder(idOrPath, STATIC_MODEL_FILES, options);
    return new StaticModel(await native.StaticModel.load(folder, loadOptions(options)));
  }

  /** Loads a model from a local folder on the calling thread. */
  static fromFolderSync(folder: string = DEFAULT_MODEL_PATH, options: { normalize?: boolean } = {}): StaticModel {
    if (typeof folder !== 'string' || folder.length === 0) throw argumentError(`folder must be a path, got ${describe(folder)}`);
    return new StaticModel(native.StaticModel.loadSync(path.resolve(folder), loadOptions(options)));
  }

  get dim(): number {
    return this.info.dim;
  }

  get normalize(): boolean {
    return this.info.normalize;
  }

  /** One vector per text, computed on the native thread pool. A single string gives one row. */
  async encode(texts: Texts, options: EncodeOptions = {}): Promise<Embeddings> {
    const list = asList(texts);
    const maxLength = readMaxLength(options, undefined);
    const batchSize = readBatchSize(options, list.length);
    if (batchSize >= list.length) {
      const out = await this.handle.encode(list, maxLength);
      options.onProgress?.(list.length, list.length);
      return new Embeddings(out.data, out.rows, out.dim);
    }
    // Batches write into one result so the caller still gets a single contiguous matrix.
    const data = new Float32Array(list.length * this.dim);
    for (let start = 0; start < list.length; start += batchSize) {
      const end = Math.min(list.length, start + batchSize);
      const out = await this.handle.encode(list.slice(start, end), maxLength);
      data.set(out.data, start * this.dim);
      options.onProgress?.(end, list.length);
    }
    return new Embeddings(data, list.length, this.dim);
  }

  /** Same as `encode`, on the calling thread (blocks the event loop; for scripts and small inputs). */
  encodeSync(texts: Texts, options: EncodeOptions = {}): Embeddings {
    const list = asList(texts);
    const out = this.handle.encodeSync(list, readMaxLength(options, undefined));
    return new Embeddings(out.data, out.rows, out.dim);
  }

  /** Per-token vectors (weights applied; no pooling, no normalization), one Embeddings per text.
   *  As in model2vec, there is no token limit unless `maxLength` is given. */
  async encodeAsSequence(texts: Texts, options: EncodeOptions = {}): Promise<Embeddings[]> {
    const list = asList(texts);
    return splitSequences(await this.handle.encodeSequence(list, readMaxLength(options, null)));
  }

  encodeAsSequenceSync(texts: Texts, options: EncodeOptions = {}): Embeddings[] {
    const list = asList(texts);
    return splitSequences(this.handle.encodeSequenceSync(list, readMaxLength(options, null)));
  }

  /** The token ids that make up a text's vector (no special tokens, unknown tokens dropped, truncated). */
  tokenIds(text: string, options: { maxLength?: number | null } = {}): Uint32Array {
    if (typeof text !== 'string' && !ArrayBuffer.isView(text)) throw argumentError(`text must be a string, got ${describe(text)}`);
    return this.handle.tokenIds(text, readMaxLength(options, undefined));
  }
}

function loadOptions(options: { normalize?: boolean }): { normalize?: boolean } {
  if (options.normalize !== undefined && typeof options.normalize !== 'boolean') {
    throw argumentError(`normalize must be a boolean, got ${describe(options.normalize)}`);
  }
  return options.normalize === undefined ? {} : { normalize: options.normalize };
}

function asList(texts: Texts): ReadonlyArray<string | Uint8Array> {
  const list = typeof texts === 'string' ? [texts] : texts;
  checkTexts(list);
  return list;
}

// undefined lets the native side use the model's own default.
function readMaxLength(options: { maxLength?: number | null }, fallback: number | null | undefined): number | null | undefined {
  if (options === null || typeof options !== 'object') throw argumentError(`options must be an object, got ${describe(options)}`);
  const value = options.maxLength === undefined ? fallback : options.maxLength;
  if (value === null || value === undefined) return value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw argumentError(`maxLength must be a non-negative integer or null, got ${String(value)}`);
  }
  return value;
}

function readBatchSize(options: EncodeOptions, total: number): number {
  if (options.batchSize === undefined) return options.onProgress ? Math.max(1024, Math.ceil(total / 100)) : Infinity;
  if (!Number.isInteger(options.batchSize) || options.batchSize <= 0) {
    throw argumentError(`batchSize must be a positive integer, got ${String(options.batchSize)}`);
  }
  return options.batchSize;
}

function splitSequences(out: { data: Float32Array; counts: Uint32Array; dim: number }): Embeddings[] {
  const result: Embeddings[] = [];
  let offset = 0;
  for (const count of out.counts) {
    result.push(new Embeddings(out.data.subarray(offset * out.dim, (offset + count) * out.dim), count, out.dim));
    offset += count;
  }
  return result;
}
