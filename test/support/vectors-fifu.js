'use strict';
// Builds small finalfusion files chunk by chunk (layouts as finalfusion-rust writes them), so tests can
// exercise every vocab kind, padding case and malformed length without shipping binary fixtures.
const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); return b; };
const u64 = (v) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); return b; };
const str = (s) => { const b = Buffer.from(s, 'utf8'); return Buffer.concat([u32(b.length), b]); };
const f32s = (values) => Buffer.from(Float32Array.from(values).buffer);

class FifuBuilder {
  constructor(ids) {
    this.parts = [Buffer.from('FiFu'), u32(0), u32(ids.length), ...ids.map(u32)];
    this.length = this.parts.reduce((n, p) => n + p.length, 0);
  }
  push(buf) { this.parts.push(buf); this.length += buf.length; return this; }
  chunk(id, body) { return this.push(Buffer.concat([u32(id), u64(body.length), body])); }
  // Padding as finalfusion computes it: 4 - (pos mod 4), so 4 bytes when already aligned.
  static pad(pos) { return Buffer.alloc(4 - (pos % 4)); }
  simpleVocab(words) { return this.chunk(1, Buffer.concat([u64(words.length), ...words.map(str)])); }
  bucketVocab(words, minN, maxN, buckets, id = 3) {
    return this.chunk(id, Buffer.concat([u64(words.length), u32(minN), u32(maxN), u32(buckets), ...words.map(str)]));
  }
  explicitVocab(words, ngrams, minN, maxN) {
    return this.chunk(8, Buffer.concat([u64(words.length), u64(ngrams.length), u32(minN), u32(maxN), ...words.map(str),
      ...ngrams.map(([s, idx]) => Buffer.concat([str(s), u64(idx)]))]));
  }
  floretVocab(minN, maxN, buckets, hashes, seed, bow, eow) {
    return this.chunk(9, Buffer.concat([u32(minN), u32(maxN), u64(buckets), u32(hashes), u32(seed), str(bow), str(eow)]));
  }
  ndarray(rows, cols, values) {
    const fixed = Buffer.concat([u64(rows), u32(cols), u32(10)]);
    const pad = FifuBuilder.pad(this.length + 12 + fixed.length);
    return this.chunk(2, Buffer.concat([fixed, pad, f32s(values)]));
  }
  norms(values) {
    const fixed = Buffer.concat([u64(values.length), u32(10)]);
    const pad = FifuBuilder.pad(this.length + 12 + fixed.length);
    return this.chunk(6, Buffer.concat([fixed, pad, f32s(values)]));
  }
  metadata(text) { return this.chunk(5, Buffer.from(text, 'utf8')); }
  build() { return Buffer.concat(this.parts); }
}

module.exports = { FifuBuilder, u32, u64, str, f32s };
