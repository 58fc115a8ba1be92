/**
 * Hugging Face `tokenizer.json` tokenizers, run natively: the same ids, tokens and offsets as HF's own
 * `tokenizers` package, much faster.
 *
 *   const tok = Tokenizer.fromFile('tokenizer.json');
 *   const enc = tok.encode('Hello world!');   // { ids, typeIds, attentionMask, tokens, offsets, ... }
 *   const all = await tok.encodeBatch(texts); // tokenized in parallel off the JS thread
 *
 * Offsets are [start, end) in Unicode code points of the input, exactly as HF's Node binding reports
 * them (so a character outside the BMP counts once, not twice as in JS string indices). A lone
 * surrogate in a JS string reaches the tokenizer as U+FFFD, as it does in HF's binding.
 */
import { argumentError, checkTexts, describe } from './errors';
import { native } from './native';

export interface TokenizerEncodeOptions {
  /** Add the special tokens of the post-processor ([CLS] ... [SEP] for BERT). Default true. */
  addSpecialTokens?: boolean;
}

export interface Encoding {
  readonly ids: Uint32Array;
  readonly typeIds: Uint32Array;
  readonly attentionMask: Uint8Array;
  readonly specialTokensMask: Uint8Array;
  readonly tokens: string[];
  /** [start, end) of each token in the input, in Unicode code points; [0, 0] for added special tokens. */
  readonly offsets: Array<[number, number]>;
}

type Text = string | Uint8Array;

/** What the native side returns for a batch: every encoding back to back (`counts[i]` tokens each). */
interface NativeBatch {
  counts: Uint32Array;
  ids: Uint32Array;
  typeIds: Uint32Array;
  attentionMask: Uint8Array;
  specialTokensMask: Uint8Array;
  offsets: Uint32Array; // [start, end] pairs
  tokens: string; // all token strings joined
  tokenEnds: Uint32Array; // end of each token in `tokens`
}

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

  /** Tokenizes one text on the calling thread. */
  encode(text: Text, options: TokenizerEncodeOptions = {}): Encoding {
    checkText(text);
    return unpack(this.handle.encode(text, addSpecial(options)))[0];
  }

  /** Ids only (no tokens, no offsets): the fast path. */
  encodeIds(text: Text, options: TokenizerEncodeOptions = {}): Uint32Array {
    checkText(text);
    return this.handle.encodeIds(text, addSpecial(options));
  }

  /** Tokenizes many texts in parallel on the native thread pool. */
  async encodeBatch(texts: ReadonlyArray<Text>, options: TokenizerEncodeOptions = {}): Promise<Encoding[]> {
    checkTexts(texts);
    return unpack(await this.handle.encodeBatch(texts, addSpecial(options)));
  }

  /** Same as `encodeBatch`, on the calling thread only. */
  encodeBatchSync(texts: ReadonlyArray<Text>, options: TokenizerEncodeOptions = {}): Encoding[] {
    checkTexts(texts);
    return unpack(this.handle.encodeBatchSync(texts, addSpecial(options)));
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

function checkText(text: unknown): asserts text is Text {
  if (typeof text !== 'string' && !(text instanceof Uint8Array)) {
    throw argumentError(`text must be a string, got ${describe(text)}`);
  }
}

function addSpecial(options: TokenizerEncodeOptions): boolean {
  if (options === null || typeof options !== 'object') throw argumentError(`options must be an object, got ${describe(options)}`);
  const v = options.addSpecialTokens;
  if (v === undefined) return true;
  if (typeof v !== 'boolean') throw argumentError(`addSpecialTokens must be a boolean, got ${describe(v)}`);
  return v;
}

function unpack(batch: NativeBatch): Encoding[] {
  const out: Encoding[] = new Array(batch.counts.length);
  let start = 0;
  for (let i = 0; i < out.length; i++) {
    const n = batch.counts[i];
    out[i] = new BatchEncoding(batch, start, n);
    start += n;
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

  constructor(batch: NativeBatch, start: number, count: number) {
    this.#batch = batch;
    this.#start = start;
    this.#count = count;
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
      const { tokens, tokenEnds } = this.#batch;
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
