/**
 * A batch of vectors: `rows` x `dim` float32 values in one Float32Array that views native memory
 * (no copy). `row(i)` is a view too, so holding one row keeps the whole batch alive.
 */
export class Embeddings {
  readonly rows: number;
  readonly dim: number;
  readonly data: Float32Array;

  constructor(data: Float32Array, rows: number, dim: number) {
    this.data = data;
    this.rows = rows;
    this.dim = dim;
  }

  /** Row i as a Float32Array view (no copy). */
  row(i: number): Float32Array {
    if (!Number.isInteger(i) || i < 0 || i >= this.rows) {
      throw new RangeError(`row ${i} is out of range (0..${this.rows - 1})`);
    }
    return this.data.subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** The rows as plain arrays (a copy), e.g. for JSON. */
  toArrays(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }

  *[Symbol.iterator](): IterableIterator<Float32Array> {
    for (let i = 0; i < this.rows; i++) yield this.row(i);
  }
}
