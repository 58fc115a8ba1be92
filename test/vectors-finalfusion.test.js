'use strict';
// Every finalfusion file in ../shared/data (written by finalfusion's own tools) reads with the results
// finalfusion's test suites assert (finalfusion-EXPECTED.md, sections noted per test).
const assert = require('assert');
const { WordVectors } = require('../dist');
const E = require('./support/vectors-expected');

const open = (file, options) => WordVectors.openSync(file, options);

describe('vectors: finalfusion files', () => {
  it('§0/§10.1 reads the chunk layouts of every .fifu file', () => {
    const cases = [
      [E.RUST('similarity.fifu'), 41, 100, 'array'], [E.PY('similarity.fifu'), 41, 100, 'array'],
      [E.PY('embeddings.fifu'), 7, 10, 'array'], [E.PY('simple_vocab.fifu'), 43, 100, 'array'],
      [E.RUST('quantized.fifu'), 41, 100, 'quantized'], [E.PY('pq.fifu'), 41, 100, 'quantized'],
    ];
    for (const [file, words, dim, storage] of cases) {
      for (const mmap of [false, true]) {
        const wv = open(file, { mmap });
        assert.strictEqual(wv.info.format, 'finalfusion');
        assert.strictEqual(wv.info.words, words, file);
        assert.strictEqual(wv.dim, dim, file);
        assert.strictEqual(wv.info.storage, storage, file);
        assert.strictEqual(wv.info.mmap, mmap, file);
        assert.strictEqual(wv.info.subwords, null);
      }
    }
  });

  it('§3.1 rust similarity.fifu holds the raw similarity.bin vectors (read and mmap)', () => {
    const bin = open(E.RUST('similarity.bin'));
    for (const mmap of [false, true]) {
      const wv = open(E.RUST('similarity.fifu'), { mmap });
      assert.deepStrictEqual(wv.vocab, bin.vocab);
      const berlin = wv.embedding('Berlin');
      E.assertAllclose(Array.from(berlin.subarray(0, 5)), E.BERLIN_RAW_FIRST5, { what: 'Berlin raw' });
      // Raw rows are stored; times the word2vec norm they equal the unit rows of the word2vec read.
      bin.vocab.forEach((w, i) => {
        const raw = wv.embedding(w);
        const scaled = Array.from(bin.embedding(w), (x) => x * bin.norms[i]);
        E.assertAllclose(Array.from(raw), scaled, { atol: 1e-5, what: w });
      });
    }
  });

  it('§3.3 has no metadata and no norms', async () => {
    const wv = await WordVectors.open(E.RUST('similarity.fifu'));
    assert.strictEqual(wv.metadata, null);
    assert.strictEqual(wv.norms, null);
  });

  it('§8.1/§8.2 python similarity.fifu: Berlin top 40 and Stuttgart top 10', () => {
    for (const mmap of [false, true]) {
      const wv = open(E.PY('similarity.fifu'), { mmap });
      E.assertNeighbours(wv.similarity('Berlin', { k: 40 }), E.B40, E.B40_SCORES);
      E.assertNeighbours(wv.similarity('Stuttgart', { k: 10 }), E.S10, E.S10_SCORES);
      E.assertNeighbours(wv.similarity('Stuttgart'), E.S10); // default k = 10
    }
  });

  it('§8.3/§8.4 similarityByVector with Stuttgart\'s vector, without and with a skip set', () => {
    const wv = open(E.PY('similarity.fifu'));
    const v = wv.embedding('Stuttgart');
    const all = wv.similarityByVector(v, { k: 10 });
    assert.deepStrictEqual(all.map((r) => r.word), ['Stuttgart', ...E.S10.slice(0, 9)]);
    assert.ok(Math.abs(all[0].similarity - 1) < 1e-6);
    E.assertNeighbours(wv.similarityByVector(v, { k: 10, skip: ['Stuttgart'] }), E.S10, E.S10_SCORES);
    // Not normalized input: normalized first (finalfusion-rust behaviour).
    E.assertNeighbours(wv.similarityByVector(Array.from(v, (x) => 3 * x), { k: 10, skip: ['Stuttgart'] }), E.S10, E.S10_SCORES);
  });

  it('§8.5 rejects a query vector of the wrong length', () => {
    const wv = open(E.PY('similarity.fifu'));
    assert.throws(() => wv.similarityByVector(new Float32Array(1)), { code: 'ERR_EMBEDKIT_ARGUMENT' });
  });

  it('§9.2/§9.3/§9.7 embeddings.fifu: vocab, normalized storage (read and mmap)', () => {
    for (const mmap of [false, true]) {
      const wv = open(E.PY('embeddings.fifu'), { mmap });
      assert.deepStrictEqual(wv.vocab, E.EMB_WORDS);
      E.EMB_WORDS.forEach((w, i) => {
        E.assertAllclose(Array.from(wv.embedding(w)), E.unit(E.EMB_MATRIX[i]), { what: w });
        E.assertAllclose(Array.from(wv.row(i)), E.unit(E.EMB_MATRIX[i]), { what: `row ${i}` });
      });
    }
  });

  it('§9.4 embeddings.fifu: unknown words have no vector', () => {
    const wv = open(E.PY('embeddings.fifu'));
    assert.strictEqual(wv.embedding('OOV'), null);
    assert.strictEqual(wv.embedding('Something out of vocabulary'), null);
    assert.strictEqual(wv.embeddingWithNorm('Something out of vocabulary'), null);
    assert.ok(wv.embedding('one'));
    assert.strictEqual(wv.similarity('OOV'), null);
  });

  it('§9.5/§9.6 embeddings.fifu: the NdNorms chunk the header does not list is read, bit for bit', () => {
    const wv = open(E.PY('embeddings.fifu'));
    assert.deepStrictEqual(Array.from(wv.norms), E.TEST_NORMS.map(Math.fround));
    E.EMB_WORDS.forEach((w, i) => assert.strictEqual(wv.embeddingWithNorm(w).norm, Math.fround(E.TEST_NORMS[i])));
  });

  it('§9.1 the finalfusion, text, text-with-dims and word2vec files agree', () => {
    const fifu = open(E.PY('embeddings.fifu'));
    for (const f of ['embeddings.txt', 'embeddings.dims.txt', 'embeddings.w2v']) {
      const other = open(E.PY(f));
      assert.deepStrictEqual(other.vocab, E.EMB_WORDS, f);
      for (const w of E.EMB_WORDS) E.assertAllclose(Array.from(other.embedding(w)), Array.from(fifu.embedding(w)), { what: `${f} ${w}` });
    }
    // embeddings.w2v already holds unit vectors, so its norms are about 1.
    for (const n of open(E.PY('embeddings.w2v')).norms) assert.ok(Math.abs(n - 1) < 1e-6);
  });

  it('§10.3/§10.4 simple_vocab.fifu: Paris first; read and mmap agree', () => {
    const a = open(E.PY('simple_vocab.fifu'));
    const b = open(E.PY('simple_vocab.fifu'), { mmap: true });
    assert.strictEqual(a.vocab[0], 'Paris');
    assert.strictEqual(a.embedding('definitely in vocab'), null);
    for (let i = 0; i < a.info.rows; i++) assert.deepStrictEqual(a.row(i), b.row(i));
  });

  it('§11.1 analogy Paris : Frankreich :: Berlin : ? (top 40, scores)', () => {
    const wv = open(E.PY('simple_vocab.fifu'));
    E.assertNeighbours(wv.analogy(['Paris', 'Frankreich', 'Berlin'], { k: 40 }), E.A40, E.A40_SCORES);
  });

  it('§11.2-§11.11 analogy masks (exclusions) follow finalfusion', () => {
    const wv = open(E.PY('simple_vocab.fifu'));
    const top1 = (q, mask) => wv.analogy(q, { k: 1, mask })[0];
    // skip = {Paris}: a and c removed, b allowed.
    assert.strictEqual(top1(['Paris', 'Frankreich', 'Paris'], [true, false, true]).word, 'Frankreich');
    const def = top1(['Paris', 'Frankreich', 'Paris']);
    assert.strictEqual(def.word, 'Russland');
    assert.ok(Math.abs(def.similarity - 0.721359) < 1e-6);
    assert.strictEqual(top1(['Frankreich', 'Frankreich', 'Frankreich'], [false, false, false]).word, 'Frankreich');
    assert.strictEqual(top1(['Frankreich', 'Frankreich', 'Frankreich']).word, 'Russland');
    assert.strictEqual(top1(['Paris', 'Frankreich', 'Paris'], [false, false, false]).word, 'Frankreich');
    assert.strictEqual(top1(['Paris', 'Frankreich', 'Paris'], [false, true, false]).word, 'Russland'); // §11.9: skip {Frankreich}
    assert.strictEqual(wv.analogy(['Paris', 'OOV', 'Paris'], { k: 1 }), null); // §11.6
  });

  it('§12.1/§12.3/§12.5 pq.fifu reconstructs close to the normalized vectors (read and mmap agree)', () => {
    const ref = open(E.PY('similarity.fifu'));
    const a = open(E.PY('pq.fifu'));
    const b = open(E.PY('pq.fifu'), { mmap: true });
    assert.deepStrictEqual(a.vocab, ref.vocab);
    for (const w of a.vocab) {
      assert.deepStrictEqual(a.embedding(w), b.embedding(w));
      E.assertAllclose(Array.from(a.embedding(w)), Array.from(ref.embedding(w)), { atol: 0.05, what: w });
    }
    E.assertAllclose(Array.from(a.embedding('Berlin')), Array.from(ref.embedding('Berlin')), { atol: 0.03, what: 'Berlin' });
  });

  it('§5.1 rust quantized.fifu: norm x centroids approximates the raw vectors', () => {
    const bin = open(E.RUST('similarity.bin'));
    for (const mmap of [false, true]) {
      const q = open(E.RUST('quantized.fifu'), { mmap });
      assert.deepStrictEqual(q.vocab, bin.vocab);
      // EXPECTED (derived): largest absolute error 0.888 against the raw rows, 0.048 after normalizing.
      bin.vocab.forEach((w, i) => {
        const rec = Array.from(q.embedding(w));
        E.assertAllclose(rec, Array.from(bin.embedding(w), (x) => x * bin.norms[i]), { atol: 0.8885, rtol: 0, what: w });
        E.assertAllclose(E.unit(rec), Array.from(bin.embedding(w)), { atol: 0.0485, rtol: 0, what: w });
      });
    }
  });

  it('§6.1/§6.2 quantized_storage.bin (a bare QuantizedArray chunk): rows reconstruct row·100 + col, read and mmap equal', () => {
    for (const file of [E.RUST('quantized_storage.bin'), E.PY('quantized_storage.bin')]) {
      const a = open(file);
      const b = open(file, { mmap: true });
      assert.strictEqual(a.info.storage, 'quantized');
      assert.strictEqual(a.info.rows, 100);
      assert.strictEqual(a.info.words, 0);
      assert.strictEqual(b.info.mmap, true);
      E.assertAllclose(Array.from(a.row(0).subarray(0, 10)), [0, 1, 2, 3, 4, 5.0000005, 6, 7, 8, 9], { atol: 1e-6, what: 'row 0' });
      let worst = 0;
      for (let i = 0; i < 100; i++) {
        const r = a.row(i);
        assert.deepStrictEqual(r, b.row(i));
        r.forEach((x, j) => { worst = Math.max(worst, Math.abs(x - (i * 100 + j))); });
      }
      assert.ok(worst < 25.3, `largest error ${worst} (EXPECTED: 25.2)`);
    }
  });

  it('queries on quantized storage are refused (as finalfusion refuses them)', () => {
    const q = open(E.PY('pq.fifu'));
    assert.throws(() => q.similarity('Berlin'), { code: 'ERR_EMBEDKIT_UNSUPPORTED' });
  });
});
