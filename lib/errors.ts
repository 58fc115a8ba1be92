/** Error codes every embedkit failure carries as `error.code`. */
export type EmbedkitErrorCode =
  | 'ERR_EMBEDKIT_ARGUMENT'
  | 'ERR_EMBEDKIT_IO'
  | 'ERR_EMBEDKIT_FORMAT'
  | 'ERR_EMBEDKIT_UNSUPPORTED'
  | 'ERR_EMBEDKIT_RUNTIME'
  | 'ERR_EMBEDKIT_NOT_FOUND'
  | 'ERR_EMBEDKIT_OFFLINE';

export interface EmbedkitError extends Error {
  code: EmbedkitErrorCode;
}

/** An Error with a stable `code`; the native addon throws the same shape. */
export function embedkitError(code: EmbedkitErrorCode | string, message: string, cause?: unknown): EmbedkitError {
  const error = new Error(message, cause === undefined ? undefined : { cause }) as EmbedkitError;
  error.code = code as EmbedkitErrorCode;
  return error;
}

export function argumentError(message: string): EmbedkitError {
  return embedkitError('ERR_EMBEDKIT_ARGUMENT', message);
}

/** Is `value` an array of strings or UTF-8 byte views? Throws ERR_EMBEDKIT_ARGUMENT naming the culprit. */
export function checkTexts(value: unknown, what = 'texts'): asserts value is ReadonlyArray<string | Uint8Array> {
  if (!Array.isArray(value)) throw argumentError(`${what} must be an array of strings, got ${describe(value)}`);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== 'string' && !ArrayBuffer.isView(v)) {
      throw argumentError(`${what}[${i}] is ${describe(v)}, expected a string`);
    }
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const t = typeof value;
  return t === 'object' ? 'an object' : t === 'undefined' ? 'undefined' : `a ${t}`;
}
