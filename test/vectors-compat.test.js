'use strict';
// word2vec binary and text, GloVe text and fastText .bin, read like finalfusion's compat readers
// (rows L2-normalized, norms kept), with the results of finalfusion-EXPECTED.md §1, §2, §4 and §7.
const assert = require('assert');
const { WordVectors } = require('../dist');
const E = require('./support/vectors-expected');

const open = (file, options) => WordVectors.openSync(file, options);

describe('vectors: word2vec, text and fastText files', () => {
  it('§1.1 similarity.bin: 41 words x 100, sniffed as word2vec', () => {
    const wv = open(E.RUST('similarity.bin'));
    assert.strictEqual(wv.info.format, 'word2vec');
    assert.strictEqual(wv.vocab.length, 41);
    assert.strictEqual(wv.dim, 100);
    assert.strictEqual(wv.vocab[0], 'Berlin');
    assert.deepStrictEqual(wv.vocab.slice(1), E.B40);
  });

  it('§1.3 keeps the original norms; norm x unit row = raw vector', () => {
    const wv = open(E.RUST('similarity.bin'));
    E.assertAllclose(Array.from(wv.norms), E.RAW_NORMS, { atol: 1e-5, what: 'norms' });
    const { embedding, norm } = wv.embeddingWithNorm('Berlin');
    E.assertAllclose(Array.from(embedding.subarray(0, 5), (x) => x * norm), E.BERLIN_RAW_FIRST5, { atol: 1e-6, what: 'Berlin' });
  });

  it('§1.4-§1.6 Berlin top 40 and top 10 (order and cosines)', async () => {
    const wv = await WordVectors.open(E.RUST('similarity.bin'));
    E.assertNeighbours(wv.similarity('Berlin', { k: 40 }), E.B40, E.B40_SCORES);
    E.assertNeighbours(wv.similarity('Berlin', { k: 10 }), E.B40.slice(0, 10), E.B40_SCORES.slice(0, 10));
    const [batched] = await wv.similarityBatch(['Berlin'], { k: 40 });
    E.assertNeighbours(batched, E.B40, E.B40_SCORES);
  });

  it('§1.7 similarityByVector with Berlin\'s own vector, no skip', () => {
    const wv = open(E.RUST('similarity.bin'));
    const r = wv.similarityByVector(wv.embedding('Berlin'), { k: 10 });
    assert.deepStrictEqual(r.map((x) => x.word), ['Berlin', ...E.B40.slice(0, 9)]);
    assert.ok(Math.abs(r[0].similarity - 0.99999994) < 2e-7);
  });

  it('§1.8 Stuttgart top 10', () => {
    E.assertNeighbours(open(E.RUST('similarity.bin')).similarity('Stuttgart', { k: 10 }), E.S10, E.S10_SCORES);
  });

  it('§1.9 batch lookup: found mask, repeated words equal single lookups', async () => {
    const wv = open(E.RUST('similarity.bin'));
    const words = ['Berlin', 'Bremen', 'Groningen', 'Bremen', 'Berlin', 'Amsterdam'];
    for (const { embeddings, found } of [await wv.embeddings(words), wv.embeddingsSync(words)]) {
      assert.deepStrictEqual(found, [true, true, false, true, true, false]);
      assert.strictEqual(embeddings.rows, 6);
      words.forEach((w, i) => {
        if (found[i]) assert.deepStrictEqual(embeddings.row(i), wv.embedding(w));
        else assert.ok(embeddings.row(i).every((x) => x === 0));
      });
    }
  });

  it('§2.1/§2.2 the text files (with and without header) equal the binary file bit for bit', () => {
    const bin = open(E.RUST('similarity.bin'));
    const nodims = open(E.RUST('similarity.nodims'));
    const dims = open(E.RUST('similarity.txt'));
    assert.strictEqual(nodims.info.format, 'glove');
    assert.strictEqual(dims.info.format, 'word2vec-text');
    for (const wv of [nodims, dims]) {
      assert.deepStrictEqual(wv.vocab, bin.vocab);
      assert.deepStrictEqual(wv.norms, bin.norms);
      for (const w of bin.vocab) assert.deepStrictEqual(wv.embedding(w), bin.embedding(w));
    }
    // The explicit formats read the same files.
    assert.deepStrictEqual(open(E.RUST('similarity.txt'), { format: 'fasttext-vec' }).norms, bin.norms);
    assert.deepStrictEqual(open(E.RUST('similarity.nodims'), { format: 'glove' }).norms, bin.norms);
  });

  it('§4.1 fastText über (known word): top 3 within 1e-6, top 5 derived', () => {
    const wv = open(E.PY('fasttext.bin'));
    assert.strictEqual(wv.info.format, 'fasttext');
    assert.strictEqual(wv.vocab.indexOf('über'), 61);
    const r = wv.similarity('über', { k: 5 });
    E.assertNeighbours(r, E.FT_UEBER_TOP5.map((x) => x[0]), E.FT_UEBER_TOP5.map((x) => x[1]), 1e-6);
  });

  it('§4.2 fastText unknown word through n-grams: top 3 within 1e-6, top 5 derived', () => {
    const wv = open(E.RUST('fasttext.bin'));
    assert.ok(!wv.vocab.includes('unknown'));
    E.assertNeighbours(wv.similarity('unknown', { k: 5 }), E.FT_UNKNOWN_TOP5.map((x) => x[0]), E.FT_UNKNOWN_TOP5.map((x) => x[1]), 1e-6);
  });

  it('§4 fastText: config, vocabulary, n-gram buckets of über, norms', () => {
    const wv = open(E.RUST('fasttext.bin'));
    assert.strictEqual(wv.dim, 50);
    assert.strictEqual(wv.info.words, 157);
    assert.strictEqual(wv.info.rows, 257);
    assert.strictEqual(wv.info.subwords, 'fasttext');
    assert.deepStrictEqual([wv.info.minN, wv.info.maxN], [3, 6]);
    assert.deepStrictEqual(wv.vocab.slice(0, 5), ['</s>', ',', '.', 'und', 'die']);
    assert.strictEqual(wv.vocab[156], 'Du');
    assert.deepStrictEqual(wv.subwordRows('über'), E.FT_UEBER_BUCKETS.map((b) => b + 157));
    E.assertAllclose(Array.from(wv.norms.subarray(0, 5)), E.FT_FIRST5_NORMS, { what: 'norms' });
    assert.match(wv.metadata, /^bucket = 100$/m);
    assert.match(wv.metadata, /^model = "skipgram"$/m);
  });

  it('§4.4/§4.5/§4.7 fastText lookups: ganz, iddqd, idspispopd, zwei; anz is bucket row 197', () => {
    const wv = open(E.RUST('fasttext.bin'));
    const words = ['ganz', 'iddqd', 'idspispopd', 'zwei'];
    const { embeddings, found } = wv.embeddingsSync(words);
    assert.deepStrictEqual(found, [true, true, true, true]);
    words.forEach((w, i) => assert.deepStrictEqual(embeddings.row(i), wv.embedding(w)));
    assert.ok(wv.vocab.includes('zwei'));
    assert.ok(!wv.vocab.includes('anz'));
    assert.ok(wv.subwordRows('anz').includes(197));
    // An unknown word's vector is the normalized sum of its n-gram rows.
    const rows = wv.subwordRows('iddqd');
    const sum = new Array(50).fill(0);
    for (const r of rows) wv.row(r).forEach((x, j) => { sum[j] += x; });
    E.assertAllclose(Array.from(wv.embedding('iddqd')), E.unit(sum), { atol: 1e-6, what: 'iddqd' });
  });

  it('§7.1/§7.3 invalid UTF-8 in words is ERR_EMBEDKIT_FORMAT (strict reads, as finalfusion)', () => {
    for (const f of ['utf8-incomplete.bin', 'utf8-incomplete.txt', 'utf8-incomplete.dims']) {
      assert.throws(() => open(E.RUST(f)), (err) => err.code === 'ERR_EMBEDKIT_FORMAT' && /UTF-8/.test(err.message), f);
    }
    assert.throws(() => open(E.PY('utf8-incomplete.txt'), { format: 'glove' }), { code: 'ERR_EMBEDKIT_FORMAT' });
  });

  it('§7.2/§7.4/§7.5 lossy reads replace the bad byte with one U+FFFD', () => {
    const words = ['meren', 'zee\uFFFDn', 'rivieren'];
    for (const dirOf of [E.RUST, E.PY]) {
      const bin = open(dirOf('utf8-incomplete.bin'), { lossy: true });
      assert.deepStrictEqual(bin.vocab, words);
      const h = Math.SQRT1_2;
      E.assertAllclose(Array.from(bin.embedding('zee\uFFFDn')), [h, 0, -h], { what: 'bin' });
      for (const f of ['utf8-incomplete.txt', 'utf8-incomplete.dims']) {
        const wv = open(dirOf(f), { lossy: true });
        assert.deepStrictEqual(wv.vocab, words, f);
        assert.strictEqual(wv.info.format, f.endsWith('.dims') ? 'word2vec-text' : 'glove');
        assert.deepStrictEqual(Array.from(wv.norms), [Math.fround(Math.SQRT2), Math.fround(Math.SQRT2), Math.fround(Math.SQRT2)]);
        E.assertAllclose(Array.from(wv.embedding('meren')), [-h, 0, h], { what: f });
      }
    }
  });

  it('SIMD paths (avx512, avx2, baseline) rank the same', () => {
    const { execFileSync } = require('child_process');
    const script = `const { WordVectors } = require(${JSON.stringify(require.resolve('../dist'))});
      const wv = WordVectors.openSync(${JSON.stringify(E.RUST('similarity.bin'))});
      process.stdout.write(JSON.stringify(wv.similarity('Berlin', { k: 40 })));`;
    const runs = ['baseline', 'avx2', ''].map((level) =>
      JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, EMBEDKIT_SIMD: level } }).toString()));
    for (const r of runs) E.assertNeighbours(r, E.B40, E.B40_SCORES);
  });
});
