/**
 * Word vectors (finalfusion, word2vec, GloVe, fastText, floret): look up words, including unknown
 * words through subwords, and query nearest neighbours and analogies with finalfusion's rules.
 *
 *   const wv = await WordVectors.open('model.fifu', { mmap: true });
 *   wv.embedding('Berlin');                 // Float32Array, or null
 *   wv.similarity('Berlin', { k: 10 });     // [{ word, similarity }], the query word left out
 *   wv.analogy(['Paris', 'Frankreich', 'Berlin'], { k: 10 });
 */
import * as path from 'path';
import { Embeddings } from './embeddings';
import { argumentError, checkTexts, describe } from './errors';
import { native } from './native';

export type VectorsFormat = 'finalfusion' | 'word2vec' | 'word2vec-text' | 'glove' | 'fasttext' | 'fasttext-vec' | 'floret';

const FORMATS: readonly VectorsFormat[] = ['finalfusion', 'word2vec', 'word2vec-text', 'glove', 'fasttext', 'fasttext-vec', 'floret'];

export interface WordVectorsOpenOptions {
  /** The file's format; default: sniffed from the magic bytes, the extension, then the content. */
  format?: VectorsFormat;
  /** Keep finalfusion array / quantized storage in the mapped file instead of reading it (default false). */
  mmap?: boolean;
  /** word2vec, text and fastText files: replace ill-formed UTF-8 in words with U+FFFD (as finalfusion's
   *  lossy readers) instead of failing with ERR_EMBEDKIT_FORMAT (default false). */
  lossy?: boolean;
}

/** Formats `save` writes (fastText .bin models are read only). */
export type VectorsWriteFormat = 'finalfusion' | 'word2vec' | 'word2vec-text' | 'glove' | 'fasttext-vec' | 'floret';

const WRITE_FORMATS: readonly VectorsWriteFormat[] = ['finalfusion', 'word2vec', 'word2vec-text', 'glove', 'fasttext-vec', 'floret'];

export interface WordVectorsSaveOptions {
  /** Output format (default: finalfusion). finalfusion keeps everything: vocabulary with its subword
   *  scheme, storage (array or quantized), norms and metadata. word2vec, text and fastText .vec keep
   *  the words and their vectors only; floret text holds floret vectors only. */
  format?: VectorsWriteFormat;
  /** finalfusion: the Metadata chunk as TOML text (written as given, not validated); null leaves it
   *  out; default: the loaded file's own metadata. */
  metadata?: string | null;
  /** word2vec / text formats: multiply each word row by its stored norm (default true), so a file
   *  read with normalization is written back as it was (up to f32 rounding of x / n * n). With
   *  false, the unit rows are written (finalfusion-utils' default). */
  unnormalize?: boolean;
}

export interface WordSimilarity {
  word: string;
  /** Cosine similarity with the (normalized) query. */
  similarity: number;
}

export interface QueryOptions {
  /** How many neighbours (default 10). */
  k?: number;
}

export interface AnalogyOptions extends QueryOptions {
  /** mask[i] = true leaves query word i out of the answers (default [true, true, true], as finalfusion). */
  mask?: readonly [boolean, boolean, boolean];
}

export interface WordVectorsInfo {
  format: VectorsFormat;
  dim: number;
  /** Number of words (rows 0..words-1 of the storage). */
  words: number;
  /** Storage rows: words plus subword rows. */
  rows: number;
  storage: 'array' | 'quantized';
  mmap: boolean;
  /** Subword scheme for unknown words, or null when unknown words have no vector. */
  subwords: 'bucket' | 'fasttext' | 'explicit' | 'floret' | null;
  minN: number | null;
  maxN: number | null;
  subwordRows: number;
}

export class WordVectors {
  private readonly handle: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly info: WordVectorsInfo;
  private vocabCache?: readonly string[];

  private constructor(handle: any) { // eslint-disable-line @typescript-eslint/no-explicit-any
    this.handle = handle;
    this.info = handle.info();
  }

  /** Opens a vectors file; the reading runs on the native thread pool. */
  static async open(file: string, options: WordVectorsOpenOptions = {}): Promise<WordVectors> {
    return new WordVectors(await native.WordVectors.open(checkPath(file), openOptions(options)));
  }

  /** Same as `open`, on the calling thread. */
  static openSync(file: string, options: WordVectorsOpenOptions = {}): WordVectors {
    return new WordVectors(native.WordVectors.openSync(checkPath(file), openOptions(options)));
  }

  get dim(): number {
    return this.info.dim;
  }

  /** The words, in storage order (word i is row i). */
  get vocab(): readonly string[] {
    if (!this.vocabCache) this.vocabCache = Object.freeze(this.handle.vocab() as string[]);
    return this.vocabCache;
  }

  /** The metadata as written (TOML for finalfusion and fastText), or null. */
  get metadata(): string | null {
    return this.handle.metadata();
  }

  /** Per-word norms before normalization (finalfusion NdNorms; the normalizing readers keep them), or null. */
  get norms(): Float32Array | null {
    return this.handle.norms();
  }

  /** The word's vector: its own row, or for an unknown word the normalized sum of its subword rows;
   *  null when it has none. With `out` (a Float32Array of `dim` floats, reusable) the vector is written
   *  there and `out` returned, and nothing is allocated: Node spends 1-3 µs creating each new typed array
   *  of a few hundred floats, ten times the lookup. Without a vector, `out` is left as it was. */
  embedding(word: string, out?: Float32Array): Float32Array | null {
    if (out !== undefined) {
      if (!(out instanceof Float32Array)) throw argumentError(`out must be a Float32Array, got ${describe(out)}`);
      return this.handle.embeddingInto(checkWord(word), out) ? out : null;
    }
    const found = this.handle.embedding(checkWord(word));
    return found ? found.data : null;
  }

  /** The vector and its norm (the stored norm, 1 without norms, or the norm of the subword sum). */
  embeddingWithNorm(word: string): { embedding: Float32Array; norm: number } | null {
    const out = this.handle.embedding(checkWord(word));
    return out ? { embedding: out.data, norm: out.norm } : null;
  }

  /** One row per word (zeros where a word has no vector) and which words were found; on the native pool. */
  async embeddings(words: readonly string[]): Promise<{ embeddings: Embeddings; found: boolean[] }> {
    const joined = packWords(words);
    const out = joined === null ? undefined : await this.handle.embeddings(joined, words.length);
    return batchResult(out ?? (await this.handle.embeddings(words)));
  }

  embeddingsSync(words: readonly string[]): { embeddings: Embeddings; found: boolean[] } {
    const joined = packWords(words);
    const out = joined === null ? undefined : this.handle.embeddingsSync(joined, words.length);
    return batchResult(out ?? this.handle.embeddingsSync(words));
  }

  /** `embeddingsSync` into a caller's buffer (words.length * dim floats, reusable across calls): no
   *  allocation per call. Returns found[i] = 1 when words[i] has a vector (its row is zeros otherwise),
   *  written into `found` when given (a Uint32Array of words.length, reusable too). */
  embeddingsInto(words: readonly string[], out: Float32Array, found?: Uint32Array): Uint32Array {
    const joined = packWords(words);
    if (!(out instanceof Float32Array)) throw argumentError(`out must be a Float32Array, got ${describe(out)}`);
    if (found !== undefined && !(found instanceof Uint32Array)) throw argumentError(`found must be a Uint32Array, got ${describe(found)}`);
    return (joined === null ? undefined : this.handle.embeddingsIntoSync(joined, words.length, out, found)) ??
      this.handle.embeddingsIntoSync(words, out, found);
  }

  /** Storage row i as stored (reconstructed for quantized storage); subword rows follow the word rows. */
  row(i: number): Float32Array {
    return this.handle.row(i);
  }

  /** Storage rows of the word's n-grams (what an unknown word's vector sums). */
  subwordRows(word: string): number[] {
    return this.handle.subwordRows(checkWord(word));
  }

  /** Nearest words to `word` (the word itself left out); null when the word has no vector. */
  similarity(word: string, options: QueryOptions = {}): WordSimilarity[] | null {
    return this.handle.similaritySync(checkWord(word), readK(options));
  }

  /** `similarity` for many words, in parallel on the native pool. */
  async similarityBatch(words: readonly string[], options: QueryOptions = {}): Promise<(WordSimilarity[] | null)[]> {
    checkTexts(words, 'words');
    return this.handle.similarityBatch(words, readK(options));
  }

  similarityBatchSync(words: readonly string[], options: QueryOptions = {}): (WordSimilarity[] | null)[] {
    checkTexts(words, 'words');
    return this.handle.similarityBatchSync(words, readK(options));
  }

  /** Nearest words to a vector (normalized first); `skip` words are left out. */
  similarityByVector(vector: Float32Array | readonly number[], options: QueryOptions & { skip?: readonly string[] } = {}): WordSimilarity[] {
    const v = vector instanceof Float32Array ? vector : Array.isArray(vector) ? Float32Array.from(vector) : null;
    if (!v) throw argumentError(`vector must be a Float32Array or an array of numbers, got ${describe(vector)}`);
    if (options.skip !== undefined) checkTexts(options.skip, 'skip');
    return this.handle.similarityByVectorSync(v, readK(options), options.skip);
  }

  /** `analogy` for many [a, b, c] queries at once (one GEMM-shaped scan), on the native pool; entry i
   *  is null when a word of query i has no vector. */
  async analogyBatch(queries: readonly (readonly [string, string, string])[], options: AnalogyOptions = {}): Promise<(WordSimilarity[] | null)[]> {
    return this.handle.analogyBatch(flatTriples(queries), readK(options), readMask(options));
  }

  analogyBatchSync(queries: readonly (readonly [string, string, string])[], options: AnalogyOptions = {}): (WordSimilarity[] | null)[] {
    return this.handle.analogyBatchSync(flatTriples(queries), readK(options), readMask(options));
  }

  /** Writes the vectors to `file` atomically (a temporary file in the same folder, fsynced, then
   *  renamed: a failure never leaves a half-written file). Runs on the native thread pool. */
  async save(file: string, options: WordVectorsSaveOptions = {}): Promise<void> {
    await this.handle.save(checkPath(file), saveOptions(options));
  }

  /** Same as `save`, on the calling thread. */
  saveSync(file: string, options: WordVectorsSaveOptions = {}): void {
    this.handle.saveSync(checkPath(file), saveOptions(options));
  }

  /** a : b :: c : ? — nearest words to normalize(b - a + c). Null when a query word has no vector. */
  analogy(words: readonly [string, string, string], options: AnalogyOptions = {}): WordSimilarity[] | null {
    checkTexts(words, 'words');
    if (words.length !== 3) throw argumentError(`analogy needs three words [a, b, c], got ${words.length}`);
    const mask = options.mask ?? [true, true, true];
    if (!Array.isArray(mask) || mask.length !== 3 || mask.some((m) => typeof m !== 'boolean')) {
      throw argumentError('mask must be three booleans');
    }
    return this.handle.analogySync(words, readK(options), mask).results;
  }
}

function checkPath(file: unknown): string {
  if (typeof file !== 'string' || file.length === 0) throw argumentError(`path must be a file path, got ${describe(file)}`);
  return path.resolve(file);
}

function openOptions(options: WordVectorsOpenOptions): { format?: string; mmap: boolean; lossy: boolean } {
  if (options === null || typeof options !== 'object') throw argumentError(`options must be an object, got ${describe(options)}`);
  if (options.format !== undefined && !FORMATS.includes(options.format)) {
    throw argumentError(`format must be one of ${FORMATS.join(', ')}; got ${JSON.stringify(options.format)}`);
  }
  if (options.mmap !== undefined && typeof options.mmap !== 'boolean') throw argumentError('mmap must be a boolean');
  if (options.lossy !== undefined && typeof options.lossy !== 'boolean') throw argumentError('lossy must be a boolean');
  return { format: options.format, mmap: options.mmap ?? false, lossy: options.lossy ?? false };
}

function saveOptions(options: WordVectorsSaveOptions): { format: string; metadata?: string | null; unnormalize: boolean } {
  if (options === null || typeof options !== 'object') throw argumentError(`options must be an object, got ${describe(options)}`);
  const format = options.format ?? 'finalfusion';
  if (!WRITE_FORMATS.includes(format)) {
    const hint = (format as string) === 'fasttext' ? ' (fastText .bin models are read only; use fasttext-vec)' : '';
    throw argumentError(`format must be one of ${WRITE_FORMATS.join(', ')}; got ${JSON.stringify(format)}${hint}`);
  }
  if (options.metadata !== undefined && options.metadata !== null && typeof options.metadata !== 'string') {
    throw argumentError(`metadata must be a TOML string or null, got ${describe(options.metadata)}`);
  }
  if (options.unnormalize !== undefined && typeof options.unnormalize !== 'boolean') throw argumentError('unnormalize must be a boolean');
  const out: { format: string; metadata?: string | null; unnormalize: boolean } = { format, unnormalize: options.unnormalize ?? true };
  if (options.metadata !== undefined) out.metadata = options.metadata;
  return out;
}

function checkWord(word: unknown): string {
  if (typeof word !== 'string') throw argumentError(`word must be a string, got ${describe(word)}`);
  return word;
}

function readK(options: QueryOptions): number {
  const k = options.k ?? 10;
  if (!Number.isInteger(k) || k < 0) throw argumentError(`k must be a non-negative integer, got ${k}`);
  return k;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function batchResult(out: any): { embeddings: Embeddings; found: boolean[] } {
  // A plain loop: Array.from(typedArray, mapFn) goes through the iterator protocol, ~100 ns per word,
  // as much as the lookup itself.
  const flags = out.found as Uint32Array;
  const found: boolean[] = new Array(flags.length);
  for (let i = 0; i < flags.length; i++) found[i] = flags[i] !== 0;
  return { embeddings: new Embeddings(out.data, out.rows, out.dim), found };
}

function readMask(options: AnalogyOptions): [boolean, boolean, boolean] {
  const mask = options.mask ?? [true, true, true];
  if (!Array.isArray(mask) || mask.length !== 3 || mask.some((m) => typeof m !== 'boolean')) {
    throw argumentError('mask must be three booleans');
  }
  return [mask[0], mask[1], mask[2]];
}

function flatTriples(queries: readonly (readonly [string, string, string])[]): string[] {
  if (!Array.isArray(queries)) throw argumentError(`queries must be an array of [a, b, c] word triples, got ${describe(queries)}`);
  const flat: string[] = [];
  for (let i = 0; i < queries.length; i++) {
    const q = queries[i];
    if (!Array.isArray(q) || q.length !== 3 || q.some((w) => typeof w !== 'string')) {
      throw argumentError(`queries[${i}] must be three words [a, b, c]`);
    }
    flat.push(q[0], q[1], q[2]);
  }
  return flat;
}

// Batches of strings cross into native code as ONE string joined by U+0000 (one conversion instead of
// one per word; the native side splits it and answers undefined if a word itself held U+0000). Byte
// views (allowed, as checkTexts allows them) go as an array: null here. One pass checks the items.
function packWords(words: readonly (string | Uint8Array)[]): string | null {
  if (!Array.isArray(words)) throw argumentError(`words must be an array of strings, got ${describe(words)}`);
  let strings = true;
  for (let i = 0; i < words.length; i++) {
    const v = words[i];
    if (typeof v === 'string') continue;
    if (!ArrayBuffer.isView(v)) throw argumentError(`words[${i}] is ${describe(v)}, expected a string`);
    strings = false;
  }
  return strings ? words.join('\u0000') : null;
}
