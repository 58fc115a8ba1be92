'use strict';
// Python model2vec 0.10.0's own outputs (test/fixtures/static, made by scripts/fixtures/static_references.py)
// on models it distilled and quantized in every dtype, on the shipped default model and on the real
// model2vec-rs models: the native engine must give the same vectors and pool the same token ids.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { StaticModel } = require('../dist');
const { ROOT, FIXTURES } = require('./support/paths');

const DIR = path.join(FIXTURES, 'static');
const texts = JSON.parse(fs.readFileSync(path.join(DIR, 'texts.json'), 'utf8'));

// Python returns float16 for float16 models (rounded), so those compare at float16 precision; vocabulary-
// quantized models multiply by float64 weights, where float32 accumulation differs by ~2e-6.
function tolerance(ref) {
  if (ref.dtype_of_python_output === 'float16') return 1e-3;
  // float64 models and float64 weights: Python sums in float64, we in float32 (tables are narrowed at load).
  if (ref.has_weights || ref.embedding_dtype === 'float64') return 1e-5;
  return 1e-6;
}

function modelPath(ref) {
  // The rs references name ../shared/data relative to the repository root.
  return path.resolve(ROOT, ref.model);
}

describe('StaticModel vs Python model2vec 0.10.0 (committed references)', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.encode.json')).sort();
  it('has references for every dtype, vocabulary quantization, the default model and the rs models', () => {
    for (const name of ['m2v-f32', 'm2v-f16', 'm2v-i8', 'm2v-f64', 'm2v-bf16', 'm2v-vq-f32', 'm2v-vq-f16', 'm2v-f32-nonorm', 'default-model', 'rs-float32']) {
      assert.ok(files.includes(`${name}.encode.json`), name);
    }
  });

  for (const file of files) {
    it(`encode agrees on ${texts.length} texts: ${file.replace('.encode.json', '')}`, async () => {
      const ref = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
      const model = await StaticModel.fromPretrained(modelPath(ref));
      assert.strictEqual(model.dim, ref.dim);
      assert.strictEqual(model.normalize, ref.normalize);
      assert.strictEqual(model.info.hasWeights, ref.has_weights);
      assert.strictEqual(model.info.hasMapping, ref.has_mapping);
      assert.strictEqual(model.info.medianTokenLength, ref.median_token_length);
      const emb = await model.encode(texts);
      const tol = tolerance(ref);
      let worst = 0;
      for (let i = 0; i < texts.length; i++) {
        const row = emb.row(i);
        for (let d = 0; d < ref.dim; d++) {
          const diff = Math.abs(row[d] - ref.vectors[i][d]);
          worst = Math.max(worst, diff);
          assert.ok(diff <= tol, `text ${i} dim ${d}: ${row[d]} vs ${ref.vectors[i][d]} (tolerance ${tol})`);
        }
      }
      const sync = model.encodeSync(texts);
      assert.deepStrictEqual(sync.data, emb.data);
    });
  }

  it('pools exactly the token ids Python pools (pre-cut, truncation, then unknown-token removal)', async () => {
    const tokens = JSON.parse(fs.readFileSync(path.join(DIR, 'tokens.json'), 'utf8'));
    let checked = 0;
    for (const entry of tokens.tokenizers) {
      // Every model sharing this tokenizer must pool the same ids; check the first of them.
      const model = await StaticModel.fromPretrained(path.resolve(ROOT, entry.used_by[0]));
      for (let i = 0; i < texts.length; i++) {
        assert.deepStrictEqual(Array.from(model.tokenIds(texts[i])), entry.ids[i], `${entry.used_by[0]}: ids of text ${i}`);
        checked++;
      }
    }
    assert.ok(checked >= texts.length);
  });

  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.sequence.json')).sort()) {
    it(`encodeAsSequence agrees: ${file.replace('.sequence.json', '')}`, async () => {
      const ref = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
      const model = await StaticModel.fromPretrained(modelPath(ref));
      const seqs = await model.encodeAsSequence(texts.slice(0, ref.n_texts));
      const tol = tolerance({ ...ref, dtype_of_python_output: ref.dtype_of_python_output_per_text[0] });
      seqs.forEach((seq, i) => {
        assert.strictEqual(seq.rows, ref.sequences[i].length, `rows of text ${i}`);
        for (let t = 0; t < seq.rows; t++) {
          const row = seq.row(t);
          ref.sequences[i][t].forEach((v, d) => assert.ok(Math.abs(row[d] - v) <= tol, `text ${i} token ${t} dim ${d}: ${row[d]} vs ${v}`));
        }
      });
    });
  }
});
