/**
 * Hugging Face `tokenizer.json` tokenizers, run natively: the same ids, tokens and offsets as HF's own
 * `tokenizers` package, much faster.
 *
 *   const tok = Tokenizer.fromFile('tokenizer.json');            // or await Tokenizer.fromPretrained('BAAI/bge-small-en-v1.5')
 *   const enc = tok.encode('Hello world!');                      // { ids, typeIds, attentionMask, tokens, offsets, ... }
 *   const qa = tok.encodePair('question?', 'a passage');          // [CLS] A [SEP] B [SEP] with type ids 0 / 1
 *   const batch = await tok.encodeBatch(texts, { padding: {}, truncation: { maxLength: 512 } });
 *   batch.tensors;                                               // { rows, cols, inputIds: BigInt64Array, ... } for ONNX
 *
 * Truncation and padding: like HF's encode, the `truncation` and `padding` of the tokenizer.json apply
 * unless an option overrides them (`null` turns one off). Truncation happens before the special tokens
 * are added, which count in maxLength; cut-off tokens become `overflowing` windows (`stride` tokens of
 * overlap). encodeIds / encodeIdsBatchSync (the ids-only fast path) never truncate or pad.
 *
 * Offsets are [start, end) in Unicode code points of the input, exactly as HF's Node binding reports
 * them (so a character outside the BMP counts once, not twice as in JS string indices). A lone
 * surrogate in a JS string reaches the tokenizer as U+FFFD, as it does in HF's binding.
 */
import * as path from 'path';
import { argumentError, checkTexts, describe } from './errors';
import { native } from './native';
import { resolveModelFolder, ResolveOptions } from './resolve';

export type TruncationStrategy = 'LongestFirst' | 'OnlyFirst' | 'OnlySecond' | 'longest_first' | 'only_first' | 'only_second';
export type Direction = 'right' | 'left' | 'Right' | 'Left';

export interface TruncationOptions {
  /** Tokens kept, special tokens included. Default 512. */
  maxLength?: number;
  /** Tokens repeated between consecutive overflow windows. Default 0. */
  stride?: number;
  /** Which sequence of a pair loses tokens. Default 'LongestFirst' (the longer one, token by token). */
  strategy?: TruncationStrategy;
  /** 'right' (default) keeps the first tokens, 'left' the last. */
  direction?: Direction;
}

export interface PaddingOptions {
  /** Pad to this length (HF's Fixed); without it, to the longest encoding of the batch. Never truncates. */
  maxLength?: number;
  /** Round the target length up to a multiple of this. */
  padToMultipleOf?: number;
  /** Defaults: 0, 0, '[PAD]', 'right' (HF's). */
  padId?: number;
  padTypeId?: number;
  padToken?: string;
  direction?: Direction;
}

export interface TokenizerEncodeOptions {
  /** Add the special tokens of the post-processor ([CLS] ... [SEP] for BERT). Default true. */
  addSpecialTokens?: boolean;
  /** A second sequence (question / passage, sentence pairs): encoded as HF's encode(text, pair). */
  pair?: Text;
  /** Default: the tokenizer.json's truncation (see `truncation`); null: none. */
  truncation?: TruncationOptions | null;
  /** Default: the tokenizer.json's padding (see `padding`); null: none. */
  padding?: PaddingOptions | null;
}

export interface BatchEncodeOptions extends Omit<TokenizerEncodeOptions, 'pair'> {
  /** Element type of `tensors`: 'int64' (BigInt64Array, default; what BERT-style ONNX models take) or 'int32'. */
  tensorType?: 'int64' | 'int32';
}

export interface Encoding {
  readonly ids: Uint32Array;
  readonly typeIds: Uint32Array;
  readonly attentionMask: Uint8Array;
  readonly specialTokensMask: Uint8Array;
  readonly tokens: string[];
  /** [start, end) of each token in the input, in Unicode code points; [0, 0] for added special tokens. */
  readonly offsets: Array<[number, number]>;
  /** Windows cut off by truncation (HF's getOverflowing()), each with its own special tokens. */
  readonly overflowing: Encoding[];
}

/** A batch as row-major [rows, cols] matrices, ready to be ONNX input tensors. Rows shorter than `cols`
 *  (a batch without padding) are padded on the padding side with the pad id (0 without padding),
 *  attention 0 and the pad type id. */
export interface BatchTensors<T extends BigInt64Array | Int32Array = BigInt64Array | Int32Array> {
  readonly rows: number;
  readonly cols: number;
  readonly dims: [number, number];
  readonly inputIds: T;
  readonly attentionMask: T;
  readonly tokenTypeIds: T;
}

/** encodeBatch's result: one Encoding per input, plus `tensors`. */
export type EncodedBatch = Encoding[] & { readonly tensors: BatchTensors };

type Text = string | Uint8Array;
type BatchInput = Text | readonly [Text, Text];

/** What the native side returns for a batch: every encoding back to back (`counts[i]` tokens each). */
interface NativeBatch {
  counts: Uint32Array;
  ids: Uint32Array;
  typeIds: Uint32Array;
  attentionMask: Uint8Array;
  specialTokensMask: Uint8Array;
  offsets: Uint32Array; // [start, end] pairs
  tokenBytes: Uint8Array; // all token strings joined, UTF-8
  tokenEnds: Uint32Array; // end of each token in the decoded `tokenBytes` (UTF-16 units)
  tokens?: string; // `tokenBytes` decoded, on the first read of any encoding's tokens
  overflowing?: NativeBatch; // all overflow windows, `overflowCounts[i]` for encoding i
  overflowCounts?: Uint32Array;
}

/** Options in the native form: undefined = the file's, null = none. */
interface NativeTruncation { maxLength: number; stride: number; strategy: string; direction: string }
interface NativePadding { strategy: string; length?: number; padToMultipleOf?: number; padId: number; padTypeId: number; padToken: string; direction: string }

export class Tokenizer {
  private readonly handle: any; // eslint-disable-line @typescript-eslint/no-explicit-any

  private constructor(handle: any) { // eslint-disable-line @typescript-eslint/no-explicit-any
    this.handle = handle;
  }

  /** Reads a tokenizer.json file. Errors: ERR_EMBEDKIT_NOT_FOUND, ERR_EMBEDKIT_FORMAT (malformed, with
   *  line and column), ERR_EMBEDKIT_UNSUPPORTED (a component this engine does not implement). */
  static fromFile(path: string): Tokenizer {
    if (typeof path !== 'string' || path.length === 0) throw argumentError(`path must be a file path, got ${describe(path)}`);
    return new Tokenizer(native.Tokenizer.fromFile(path));
  }

  /** Parses tokenizer.json text; `source` names it in error messages. */
  static fromString(json: string, source = 'tokenizer.json'): Tokenizer {
    if (typeof json !== 'string') throw argumentError(`json must be a string, got ${describe(json)}`);
    if (typeof source !== 'string') throw argumentError(`source must be a string, got ${describe(source)}`);
    return new Tokenizer(native.Tokenizer.fromString(json, source));
  }

  /** Loads `tokenizer.json` from a local folder, the Hugging Face cache or the hub (as models are
   *  resolved; see resolveModelFolder). */
  static async fromPretrained(idOrPath: string, options: ResolveOptions = {}): Promise<Tokenizer> {
    if (typeof idOrPath !== 'string' || idOrPath.length === 0) throw argumentError(`model must be a hub id or a folder path, got ${describe(idOrPath)}`);
    const folder = await resolveModelFolder(idOrPath, { required: ['tokenizer.json'] }, options);
    return Tokenizer.fromFile(path.join(folder, 'tokenizer.json'));
  }

  /** The tokenizer.json's truncation, or null. */
  get truncation(): Required<Omit<TruncationOptions, 'strategy' | 'direction'>> & { strategy: TruncationStrategy; direction: 'Right' | 'Left' } | null {
    return this.handle.getTruncation();
  }

  /** The tokenizer.json's padding (strategy 'BatchLongest' or 'Fixed' with `length`), or null. */
  get padding(): { strategy: 'BatchLongest' | 'Fixed'; length?: number; padToMultipleOf?: number; padId: number; padTypeId: number; padToken: string; direction: 'Right' | 'Left' } | null {
    return this.handle.getPadding();
  }

  /** Special tokens the post-processor adds to one sequence, or to a pair. */
  numSpecialTokensToAdd(pair = false): number {
    if (typeof pair !== 'boolean') throw argumentError(`pair must be a boolean, got ${describe(pair)}`);
    return this.handle.numSpecialTokensToAdd(pair);
  }

  /** Tokenizes one text (or a pair, with `pair`) on the calling thread. */
  encode(text: Text, options: TokenizerEncodeOptions = {}): Encoding {
    checkText(text);
    const add = addSpecial(options);
    const pair = options.pair;
    if (pair !== undefined && pair !== null) checkText(pair, 'pair');
    const truncation = this.nativeTruncation(options.truncation, pair !== undefined && pair !== null, add);
    return unpack(this.handle.encode(text, add, pair ?? undefined, truncation, nativePadding(options.padding)))[0];
  }

  /** HF's encode(first, second): `[CLS] first [SEP] second [SEP]` for BERT, type ids 0 then 1. */
  encodePair(first: Text, second: Text, options: Omit<TokenizerEncodeOptions, 'pair'> = {}): Encoding {
    checkText(second, 'second');
    return this.encode(first, { ...checkOptions(options), pair: second });
  }

  /** Ids only (no tokens, no offsets, no truncation or padding): the fast path. */
  encodeIds(text: Text, options: TokenizerEncodeOptions = {}): Uint32Array {
    checkText(text);
    return this.handle.encodeIds(text, addSpecial(options));
  }

  /** Tokenizes many texts, or [first, second] pairs, in parallel on the native thread pool. The result
   *  also carries the whole batch as matrices (`tensors`) for an ONNX model. */
  async encodeBatch(inputs: ReadonlyArray<BatchInput>, options: BatchEncodeOptions = {}): Promise<EncodedBatch> {
    const args = this.batchArguments(inputs, options);
    const batch: NativeBatch = await this.handle.encodeBatch(...args);
    return withTensors(unpack(batch), batch, args[5], options.tensorType);
  }

  /** Same as `encodeBatch`, on the calling thread only. */
  encodeBatchSync(inputs: ReadonlyArray<BatchInput>, options: BatchEncodeOptions = {}): EncodedBatch {
    const args = this.batchArguments(inputs, options);
    const batch: NativeBatch = this.handle.encodeBatchSync(...args);
    return withTensors(unpack(batch), batch, args[5], options.tensorType);
  }

  // [texts, addSpecial, pairs, hasPair, truncation, padding] for the native encodeBatch.
  private batchArguments(inputs: ReadonlyArray<BatchInput>, options: BatchEncodeOptions): [Text[], boolean, Text[] | undefined, Uint8Array | undefined, NativeTruncation | null | undefined, NativePadding | null | undefined] {
    if (!Array.isArray(inputs)) throw argumentError(`texts must be an array of strings or [first, second] pairs, got ${describe(inputs)}`);
    const add = addSpecial(options);
    if (options.tensorType !== undefined && options.tensorType !== 'int64' && options.tensorType !== 'int32') {
      throw argumentError(`tensorType must be 'int64' or 'int32', got ${describe(options.tensorType)}`);
    }
    const firsts: Text[] = new Array(inputs.length);
    let seconds: Text[] | undefined;
    let hasPair: Uint8Array | undefined;
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i];
      if (Array.isArray(input)) {
        if (input.length !== 2) throw argumentError(`texts[${i}] must be a string or a [first, second] pair, got an array of ${input.length}`);
        checkText(input[0], `texts[${i}][0]`);
        checkText(input[1], `texts[${i}][1]`);
        if (!seconds) {
          seconds = new Array(inputs.length).fill('');
          hasPair = new Uint8Array(inputs.length);
        }
        firsts[i] = input[0];
        seconds[i] = input[1];
        hasPair![i] = 1;
      } else {
        firsts[i] = input as Text;
      }
    }
    checkTexts(firsts);
    const truncation = this.nativeTruncation(options.truncation, seconds !== undefined, add);
    let padding = nativePadding(options.padding);
    if (padding === undefined) padding = this.handle.getPadding() ?? undefined;
    return [firsts, add, seconds, hasPair, truncation, padding];
  }

  // Explicit options checked as HF's setTruncation does (stride must leave room); undefined = the file's.
  private nativeTruncation(t: TruncationOptions | null | undefined, pair: boolean, add: boolean): NativeTruncation | null | undefined {
    const out = nativeTruncationOptions(t);
    if (out) {
      const n = add ? this.handle.numSpecialTokensToAdd(pair) : 0;
      if (out.maxLength >= n && out.maxLength - n < out.stride) {
        throw argumentError(`truncation.stride (${out.stride}) must be at most maxLength (${out.maxLength}) minus the ${n} special tokens`);
      }
    }
    return out;
  }

  /** Ids of many texts, back to back (`counts[i]` ids for text i), on the calling thread. */
  encodeIdsBatchSync(texts: ReadonlyArray<Text>, options: TokenizerEncodeOptions = {}): { ids: Uint32Array; counts: Uint32Array } {
    checkTexts(texts);
    return this.handle.encodeIdsBatchSync(texts, addSpecial(options));
  }

  /** Text of `ids`, as HF's decode: unknown ids are skipped, special tokens dropped when
   *  `skipSpecialTokens` (default true), then the file's decoder runs (none: tokens joined by spaces). */
  decode(ids: ArrayLike<number>, skipSpecialTokens = true): string {
    if (typeof skipSpecialTokens !== 'boolean') throw argumentError(`skipSpecialTokens must be a boolean, got ${describe(skipSpecialTokens)}`);
    return this.handle.decode(toIds(ids, 'ids'), skipSpecialTokens);
  }

  /** `decode` for many id lists, off the JS thread. */
  async decodeBatch(batch: ReadonlyArray<ArrayLike<number>>, skipSpecialTokens = true): Promise<string[]> {
    if (!Array.isArray(batch)) throw argumentError(`batch must be an array of id lists, got ${describe(batch)}`);
    if (typeof skipSpecialTokens !== 'boolean') throw argumentError(`skipSpecialTokens must be a boolean, got ${describe(skipSpecialTokens)}`);
    const lists = batch.map((ids, i) => toIds(ids, `batch[${i}]`));
    const counts = Uint32Array.from(lists, (l) => l.length);
    const flat = new Uint32Array(counts.reduce((a, b) => a + b, 0));
    let at = 0;
    for (const l of lists) {
      flat.set(l, at);
      at += l.length;
    }
    return this.handle.decodeBatch(flat, counts, skipSpecialTokens);
  }

  /** The id of a token (added tokens first, then the model's vocabulary), or null. */
  tokenToId(token: string): number | null {
    if (typeof token !== 'string') throw argumentError(`token must be a string, got ${describe(token)}`);
    return this.handle.tokenToId(token);
  }

  /** The token of an id, or null. */
  idToToken(id: number): string | null {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw argumentError(`id must be a non-negative integer, got ${String(id)}`);
    return this.handle.idToToken(id);
  }

  /** Vocabulary size; with added tokens (default) it is what HF's getVocabSize(true) reports. */
  vocabSize(withAddedTokens = true): number {
    if (typeof withAddedTokens !== 'boolean') throw argumentError(`withAddedTokens must be a boolean, got ${describe(withAddedTokens)}`);
    return this.handle.getVocabSize(withAddedTokens);
  }

  /** HF's name for vocabSize. */
  getVocabSize(withAddedTokens = true): number {
    return this.vocabSize(withAddedTokens);
  }
}

function toIds(ids: ArrayLike<number>, what: string): Uint32Array {
  if (ids instanceof Uint32Array) return ids;
  if (ids === null || typeof ids !== 'object' || typeof (ids as ArrayLike<number>).length !== 'number') {
    throw argumentError(`${what} must be an array of token ids, got ${describe(ids)}`);
  }
  const out = new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 0xffffffff) {
      throw argumentError(`${what}[${i}] must be a token id (an integer from 0 to 2^32-1), got ${String(id)}`);
    }
    out[i] = id;
  }
  return out;
}

function checkText(text: unknown, what = 'text'): asserts text is Text {
  if (typeof text !== 'string' && !(text instanceof Uint8Array)) {
    throw argumentError(`${what} must be a string, got ${describe(text)}`);
  }
}

function checkOptions<T>(options: T): T {
  if (options === null || typeof options !== 'object') throw argumentError(`options must be an object, got ${describe(options)}`);
  return options;
}

function count(v: unknown, what: string, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw argumentError(`${what} must be an integer from 0 to 2^32-1, got ${describe(v)}`);
  return v;
}

function direction(v: unknown, what: string): string {
  if (v === undefined || v === null) return 'Right';
  if (v === 'right' || v === 'Right') return 'Right';
  if (v === 'left' || v === 'Left') return 'Left';
  throw argumentError(`${what} must be 'right' or 'left', got ${describe(v)}`);
}

const STRATEGIES: Record<string, string> = {
  LongestFirst: 'LongestFirst', longest_first: 'LongestFirst',
  OnlyFirst: 'OnlyFirst', only_first: 'OnlyFirst',
  OnlySecond: 'OnlySecond', only_second: 'OnlySecond',
};

function nativeTruncationOptions(t: TruncationOptions | null | undefined): NativeTruncation | null | undefined {
  if (t === undefined || t === null) return t;
  if (typeof t !== 'object') throw argumentError(`truncation must be an object or null, got ${describe(t)}`);
  const strategy = t.strategy === undefined ? 'LongestFirst' : STRATEGIES[t.strategy as string];
  if (!strategy) throw argumentError(`truncation.strategy must be 'LongestFirst', 'OnlyFirst' or 'OnlySecond', got ${describe(t.strategy)}`);
  return {
    maxLength: count(t.maxLength, 'truncation.maxLength', 512),
    stride: count(t.stride, 'truncation.stride', 0),
    strategy,
    direction: direction(t.direction, 'truncation.direction'),
  };
}

function nativePadding(p: PaddingOptions | null | undefined): NativePadding | null | undefined {
  if (p === undefined || p === null) return p;
  if (typeof p !== 'object') throw argumentError(`padding must be an object or null, got ${describe(p)}`);
  if (p.padToken !== undefined && typeof p.padToken !== 'string') throw argumentError(`padding.padToken must be a string, got ${describe(p.padToken)}`);
  const fixed = p.maxLength !== undefined && p.maxLength !== null;
  return {
    strategy: fixed ? 'Fixed' : 'BatchLongest',
    length: fixed ? count(p.maxLength, 'padding.maxLength', 0) : undefined,
    padToMultipleOf: count(p.padToMultipleOf, 'padding.padToMultipleOf', 0),
    padId: count(p.padId, 'padding.padId', 0),
    padTypeId: count(p.padTypeId, 'padding.padTypeId', 0),
    padToken: p.padToken ?? '[PAD]',
    direction: direction(p.direction, 'padding.direction'),
  };
}

// Lays the batch out as [rows, cols] matrices, straight from the batch's flat buffers. The padding
// (given or the file's) says how rows shorter than the longest are filled; HF's encodings are only
// equal in length when the batch was padded.
function withTensors(encodings: Encoding[], batch: NativeBatch, padding: NativePadding | null | undefined, type: 'int64' | 'int32' | undefined): EncodedBatch {
  let cached: BatchTensors | undefined;
  Object.defineProperty(encodings, 'tensors', {
    enumerable: false,
    get(): BatchTensors {
      if (!cached) cached = buildTensors(batch, padding ?? null, type ?? 'int64');
      return cached;
    },
  });
  return encodings as EncodedBatch;
}

function buildTensors(batch: NativeBatch, padding: NativePadding | null, type: 'int64' | 'int32'): BatchTensors {
  const counts = batch.counts;
  const rows = counts.length;
  let cols = 0;
  for (let r = 0; r < rows; r++) if (counts[r] > cols) cols = counts[r];
  const size = rows * cols;
  const padId = padding ? padding.padId : 0;
  const padType = padding ? padding.padTypeId : 0;
  const left = padding !== null && padding.direction === 'Left';
  // int64 is written as two 32-bit halves (little-endian), which avoids a BigInt per element.
  const wide = type === 'int64';
  const ids = new Int32Array(wide ? 2 * size : size);
  const mask = new Int32Array(wide ? 2 * size : size);
  const types = new Int32Array(wide ? 2 * size : size);
  const step = wide ? 2 : 1;
  const srcIds = batch.ids;
  const srcMask = batch.attentionMask;
  const srcTypes = batch.typeIds;
  let from = 0;
  for (let r = 0; r < rows; r++) {
    const n = counts[r];
    const start = r * cols + (left ? cols - n : 0);
    for (let k = 0, at = start * step; k < n; k++, at += step) {
      ids[at] = srcIds[from + k];
      mask[at] = srcMask[from + k];
      types[at] = srcTypes[from + k];
    }
    if (n < cols && (padId !== 0 || padType !== 0)) {
      const padStart = r * cols + (left ? 0 : n);
      for (let k = 0; k < cols - n; k++) {
        const at = (padStart + k) * step;
        ids[at] = padId;
        types[at] = padType;
      }
    }
    from += n;
  }
  if (wide) {
    // Each value is its low half with a zero high half: an unsigned 32-bit id read as int64.
    if (!LITTLE_ENDIAN) {
      const widen = (a: Int32Array): BigInt64Array => BigInt64Array.from({ length: size }, (_, i) => BigInt(a[2 * i] >>> 0));
      return { rows, cols, dims: [rows, cols], inputIds: widen(ids), attentionMask: widen(mask), tokenTypeIds: widen(types) };
    }
    return { rows, cols, dims: [rows, cols], inputIds: new BigInt64Array(ids.buffer), attentionMask: new BigInt64Array(mask.buffer), tokenTypeIds: new BigInt64Array(types.buffer) };
  }
  return { rows, cols, dims: [rows, cols], inputIds: ids, attentionMask: mask, tokenTypeIds: types };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function addSpecial(options: TokenizerEncodeOptions): boolean {
  checkOptions(options);
  const v = options.addSpecialTokens;
  if (v === undefined) return true;
  if (typeof v !== 'boolean') throw argumentError(`addSpecialTokens must be a boolean, got ${describe(v)}`);
  return v;
}

const NO_WINDOWS: Encoding[] = Object.freeze([]) as unknown as Encoding[];

function unpack(batch: NativeBatch): Encoding[] {
  const out: Encoding[] = new Array(batch.counts.length);
  const windows = batch.overflowing && batch.overflowing.counts.length > 0 ? unpack(batch.overflowing) : [];
  let start = 0;
  let w = 0;
  for (let i = 0; i < out.length; i++) {
    const n = batch.counts[i];
    const c = batch.overflowCounts ? batch.overflowCounts[i] : 0;
    out[i] = new BatchEncoding(batch, start, n, c > 0 ? windows.slice(w, w + c) : NO_WINDOWS);
    start += n;
    w += c;
  }
  return out;
}

/** One encoding of a batch: views into the batch's buffers, materialized on first access. */
class BatchEncoding implements Encoding {
  readonly #batch: NativeBatch;
  readonly #start: number;
  readonly #count: number;
  #tokens?: string[];
  #offsets?: Array<[number, number]>;
  readonly overflowing: Encoding[];

  constructor(batch: NativeBatch, start: number, count: number, overflowing: Encoding[]) {
    this.#batch = batch;
    this.#start = start;
    this.#count = count;
    this.overflowing = overflowing;
  }

  get ids(): Uint32Array {
    return this.#batch.ids.subarray(this.#start, this.#start + this.#count);
  }

  get typeIds(): Uint32Array {
    return this.#batch.typeIds.subarray(this.#start, this.#start + this.#count);
  }

  get attentionMask(): Uint8Array {
    return this.#batch.attentionMask.subarray(this.#start, this.#start + this.#count);
  }

  get specialTokensMask(): Uint8Array {
    return this.#batch.specialTokensMask.subarray(this.#start, this.#start + this.#count);
  }

  get tokens(): string[] {
    if (!this.#tokens) {
      const batch = this.#batch;
      if (batch.tokens === undefined) batch.tokens = Buffer.from(batch.tokenBytes.buffer, batch.tokenBytes.byteOffset, batch.tokenBytes.byteLength).toString('utf8');
      const { tokens, tokenEnds } = batch;
      const out: string[] = new Array(this.#count);
      let from = this.#start === 0 ? 0 : tokenEnds[this.#start - 1];
      for (let i = 0; i < this.#count; i++) {
        const to = tokenEnds[this.#start + i];
        out[i] = tokens.slice(from, to);
        from = to;
      }
      this.#tokens = out;
    }
    return this.#tokens;
  }

  get offsets(): Array<[number, number]> {
    if (!this.#offsets) {
      const flat = this.#batch.offsets;
      const out: Array<[number, number]> = new Array(this.#count);
      for (let i = 0, j = 2 * this.#start; i < this.#count; i++, j += 2) out[i] = [flat[j], flat[j + 1]];
      this.#offsets = out;
    }
    return this.#offsets;
  }

  /** A plain object with every field (for JSON and for printing). */
  toJSON(): { ids: number[]; typeIds: number[]; attentionMask: number[]; specialTokensMask: number[]; tokens: string[]; offsets: Array<[number, number]> } {
    return {
      ids: Array.from(this.ids),
      typeIds: Array.from(this.typeIds),
      attentionMask: Array.from(this.attentionMask),
      specialTokensMask: Array.from(this.specialTokensMask),
      tokens: this.tokens,
      offsets: this.offsets,
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): object {
    return { ids: this.ids, typeIds: this.typeIds, attentionMask: this.attentionMask, specialTokensMask: this.specialTokensMask, tokens: this.tokens, offsets: this.offsets };
  }
}
