'use strict';
// The native engine against a plain-JS model2vec (HF tokenizer ids, float64 sums) on random models in
// every storage type, with and without weights, vocabulary mapping and normalization.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { StaticModel } = require('../dist');
const { RS_MODELS } = require('./support/paths');
const corpus = require('./support/corpus');
const { ReferenceStaticModel } = require('./support/static-reference');
const st = require('./support/safetensors');

const TOKENIZER = path.join(RS_MODELS, 'test-model-float32', 'tokenizer.json');

// Deterministic PRNG (mulberry32) so failures reproduce.
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function texts() {
  return [
    ...corpus.spread(corpus.wordnetGlosses(), 150),
    ...corpus.spread(corpus.spamAssassinEmails(), 40),
    ...corpus.hardUnicodeStrings(),
    Array(1000).fill('hello').join(' '),
  ];
}

/** Builds a model folder; returns { dir, reference } where reference widens stored values exactly. */
function buildModel({ dtype, rows, dim, vocab, withWeights, withMapping, normalize, seed }) {
  const random = rng(seed);
  const n = withMapping ? 64 : rows;
  const values = Array.from({ length: n * dim }, () => random() * 2 - 1);
  let bytes;
  let stored;
  switch (dtype) {
    case 'F32': bytes = st.f32Bytes(values); stored = Array.from(new Float32Array(values)); break;
    case 'F64': bytes = st.f64Bytes(values); stored = Array.from(new Float32Array(values)); break; // narrowed to f32 at load
    case 'F16': { const bits = values.map(st.f32ToF16Bits); bytes = st.u16Bytes(bits); stored = bits.map(st.f16BitsToF32); break; }
    case 'BF16': { const bits = values.map(st.f32ToBf16Bits); bytes = st.u16Bytes(bits); stored = bits.map(st.bf16BitsToF32); break; }
    case 'I8': { const ints = values.map((v) => Math.round(v * 127)); bytes = Buffer.from(new Int8Array(ints).buffer); stored = ints; break; }
    default: throw new Error(dtype);
  }
  const tensors = { embeddings: { dtype, shape: [n, dim], bytes } };
  let weights = null;
  let mapping = null;
  if (withWeights) {
    weights = Array.from({ length: vocab }, () => random() * 2);
    tensors.weights = { dtype: 'F64', shape: [vocab], bytes: st.f64Bytes(weights) };
    weights = Array.from(new Float32Array(weights)); // the engine keeps weights as f32
  }
  if (withMapping) {
    mapping = Array.from({ length: vocab }, () => Math.floor(random() * n));
    tensors.mapping = { dtype: 'I32', shape: [vocab], bytes: st.i32Bytes(mapping) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ek-rand-${dtype}-`));
  st.writeSafetensors(path.join(dir, 'model.safetensors'), tensors);
  fs.copyFileSync(TOKENIZER, path.join(dir, 'tokenizer.json'));
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ model_type: 'model2vec', normalize }));
  const table = { rows: n, dim, row: (r) => stored.slice(r * dim, (r + 1) * dim) };
  const reference = new ReferenceStaticModel(path.join(dir, 'tokenizer.json'), table, { weights, mapping, normalize });
  return { dir, reference };
}

describe('StaticModel vs a plain-JS model2vec on random models', function () {
  const vocab = 29528;
  const cases = [
    { dtype: 'F32', normalize: true },
    { dtype: 'F32', normalize: false },
    { dtype: 'F16', normalize: true },
    { dtype: 'BF16', normalize: false },
    { dtype: 'I8', normalize: true },
    { dtype: 'F64', normalize: false },
    { dtype: 'F32', normalize: true, withWeights: true },
    { dtype: 'F32', normalize: false, withWeights: true, withMapping: true },
    { dtype: 'F16', normalize: true, withWeights: true, withMapping: true },
  ];
  const inputs = texts();
  cases.forEach((c, index) => {
    const label = `${c.dtype}${c.withWeights ? ' +weights' : ''}${c.withMapping ? ' +mapping' : ''}${c.normalize ? ' normalized' : ''}`;
    it(`agrees within 1e-5 (${label})`, async () => {
      const dim = 19; // odd on purpose: exercises the SIMD tails
      const { dir, reference } = buildModel({ ...c, rows: vocab, dim, vocab, seed: 1000 + index });
      try {
        const model = await StaticModel.fromPretrained(dir);
        assert.strictEqual(model.info.dtype, c.dtype);
        assert.strictEqual(model.info.hasWeights, Boolean(c.withWeights));
        assert.strictEqual(model.info.hasMapping, Boolean(c.withMapping));
        const got = await model.encode(inputs);
        const want = await reference.encode(inputs);
        for (let i = 0; i < inputs.length; i++) {
          const row = got.row(i);
          const ids = await reference.ids(inputs[i]);
          assert.deepStrictEqual(Array.from(model.tokenIds(inputs[i])), ids, `ids of text ${i}`);
          const scale = c.normalize ? 1 : Math.max(1, ...Array.from(want[i], Math.abs));
          for (let d = 0; d < dim; d++) {
            assert.ok(Number.isFinite(row[d]), `text ${i} dim ${d} is not finite`);
            assert.ok(Math.abs(row[d] - want[i][d]) <= 1e-5 * scale, `text ${i} dim ${d}: ${row[d]} vs ${want[i][d]}`);
          }
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
