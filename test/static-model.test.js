'use strict';
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { StaticModel, Embeddings } = require('../dist');
const { RS_MODELS } = require('./support/paths');
const corpus = require('./support/corpus');

function relClose(actual, expected, rel, what) {
  for (let i = 0; i < expected.length; i++) {
    const tol = rel * Math.max(Math.abs(expected[i]), 1e-6);
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

function cosine(a, b) {
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return d / Math.sqrt(na * nb);
}

describe('StaticModel on the real model2vec-rs models', () => {
  const f32 = path.join(RS_MODELS, 'test-model-float32');
  let model;
  before(async () => {
    model = await StaticModel.fromPretrained(f32);
  });

  it('reads the model as published', () => {
    assert.strictEqual(model.dim, 2);
    assert.strictEqual(model.info.rows, 29528);
    assert.strictEqual(model.info.dtype, 'F32');
    assert.strictEqual(model.info.normalize, true);
    assert.strictEqual(model.info.layout, 'model2vec');
  });

  it('matches Python model2vec on "hello world" (embeddings_short.json)', async () => {
    const expected = JSON.parse(fs.readFileSync(path.join(RS_MODELS, 'embeddings_short.json'), 'utf8'));
    const emb = await model.encode(['hello world']);
    assert.ok(emb instanceof Embeddings);
    assert.strictEqual(emb.rows, 1);
    relClose(emb.row(0), expected[0], 1e-5, 'short');
  });

  it('matches Python model2vec on "hello" x1000, exercising truncation (embeddings_long.json)', async () => {
    const expected = JSON.parse(fs.readFileSync(path.join(RS_MODELS, 'embeddings_long.json'), 'utf8'));
    const text = Array(1000).fill('hello').join(' ');
    const emb = await model.encode([text]);
    relClose(emb.row(0), expected[0], 1e-5, 'long');
    assert.strictEqual(model.tokenIds(text).length, 512);
  });

  it('gives an all-zero row for an empty string and no rows for an empty list', async () => {
    const emb = await model.encode(['', 'hello']);
    assert.deepStrictEqual(Array.from(emb.row(0)), [0, 0]);
    assert.ok(emb.row(1).every((x) => Number.isFinite(x) && x !== 0));
    const none = await model.encode([]);
    assert.strictEqual(none.rows, 0);
    assert.strictEqual(none.data.length, 0);
  });

  it('encodeSync equals encode, and a single string gives one row', async () => {
    const texts = corpus.spread(corpus.wordnetGlosses(), 500);
    const a = await model.encode(texts);
    const b = model.encodeSync(texts);
    assert.deepStrictEqual(a.data, b.data);
    const one = await model.encode(texts[3]);
    assert.deepStrictEqual(Array.from(one.row(0)), Array.from(a.row(3)));
  });

  it('f16 and i8 models agree with f32 (cosine > 0.99, as model2vec-rs tests within 10%)', async () => {
    const texts = corpus.spread(corpus.wordnetGlosses(), 200);
    const ref = await model.encode(texts);
    for (const name of ['test-model-float16', 'test-model-int8']) {
      const other = await StaticModel.fromPretrained(path.join(RS_MODELS, name));
      assert.strictEqual(other.info.dtype, name.endsWith('16') ? 'F16' : 'I8');
      const emb = await other.encode(texts);
      for (let i = 0; i < texts.length; i++) {
        if (ref.row(i).every((x) => x === 0)) continue;
        assert.ok(cosine(ref.row(i), emb.row(i)) > 0.99, `${name} text ${i}`);
      }
    }
  });

  it('loads the Sentence-Transformers layout with the same vectors', async () => {
    const st = await StaticModel.fromPretrained(path.join(RS_MODELS, 'test-model-sentence-transformers'));
    assert.strictEqual(st.info.layout, 'sentence-transformers');
    const texts = corpus.spread(corpus.wordnetGlosses(), 100);
    const a = await model.encode(texts);
    const b = await st.encode(texts);
    relClose(b.data, a.data, 1e-5, 'st');
  });

  it('reads normalize from config_sentence_transformers.json, and defaults to false as model2vec does', async () => {
    const st = await StaticModel.fromPretrained(path.join(RS_MODELS, 'test-model-sentence-transformers'));
    assert.strictEqual(st.normalize, true); // its config says {"normalize": true}
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-st-'));
    for (const f of ['model.safetensors', 'tokenizer.json']) fs.copyFileSync(path.join(RS_MODELS, 'test-model-sentence-transformers', f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'config_sentence_transformers.json'), '{}');
    assert.strictEqual((await StaticModel.fromPretrained(dir)).normalize, false);
    fs.rmSync(dir, { recursive: true });
  });

  it('finds the nested Sentence-Transformers layout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-st-'));
    const src = path.join(RS_MODELS, 'test-model-sentence-transformers');
    fs.mkdirSync(path.join(dir, '0_StaticEmbedding'));
    fs.copyFileSync(path.join(src, 'config_sentence_transformers.json'), path.join(dir, 'config_sentence_transformers.json'));
    for (const f of ['model.safetensors', 'tokenizer.json']) fs.copyFileSync(path.join(src, f), path.join(dir, '0_StaticEmbedding', f));
    const st = await StaticModel.fromPretrained(dir);
    assert.strictEqual(st.info.layout, 'sentence-transformers-nested');
    fs.rmSync(dir, { recursive: true });
  });

  it('encodeAsSequence returns per-token rows with no limit by default', async () => {
    const text = Array(600).fill('hello').join(' ');
    const [seq, empty] = await model.encodeAsSequence([text, '']);
    assert.strictEqual(seq.rows, 600);
    assert.strictEqual(empty.rows, 0);
    const sync = model.encodeAsSequenceSync([text], { maxLength: 10 });
    assert.strictEqual(sync[0].rows, 10);
    assert.deepStrictEqual(Array.from(sync[0].row(0)), Array.from(seq.row(0)));
  });

  it('rows are views of one native buffer (no copy)', async () => {
    const emb = await model.encode(['a', 'b', 'c']);
    assert.strictEqual(emb.row(1).buffer, emb.data.buffer);
    assert.strictEqual(emb.row(2).byteOffset, emb.data.byteOffset + 2 * emb.dim * 4);
  });

  it('a missing folder is ERR_EMBEDKIT_NOT_FOUND naming the path', async () => {
    await assert.rejects(StaticModel.fromPretrained('/nonexistent/model/folder'), (err) => {
      assert.strictEqual(err.code, 'ERR_EMBEDKIT_NOT_FOUND');
      assert.match(err.message, /nonexistent/);
      return true;
    });
  });
});
