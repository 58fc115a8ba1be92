'use strict';
// The fused single-query scan (kernels/dot_rows_top_k: dot products and top-k in one pass) against the
// blocked scan (dot_rows / a BLAS GEMM into a block of scores, then the same SIMD threshold filter):
// identical scores and order for row counts and dimensions that hit every tail (groups of 16/8/4 rows,
// masked lanes), k larger than the vocabulary, k = 0, exact ties (broken by word, as finalfusion does),
// skipped words and NaN rows; at every SIMD level; and `auto` sending one query to the fused kernel and
// batches to the library's sgemm (blas.info().singleQuery / .batch).
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const support = require('./support/blas-backends'); // sets EMBEDKIT_BLAS_PATH first
const { blas, WordVectors } = require('../dist');

const { loaded } = support.backends(blas);
const libraries = loaded.filter((n) => n !== 'builtin');

// Deterministic values (no Math.random: failures reproduce).
function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

// A word2vec binary file (word2vec.c's format). Rows listed in `dups` copy an earlier row (exact ties);
// `nanRow` gets a NaN.
function writeWord2vec(file, n, dim, seed, { dups = {}, nanRow = -1 } = {}) {
  const rnd = lcg(seed);
  const rows = [];
  const parts = [Buffer.from(`${n} ${dim}\n`)];
  for (let i = 0; i < n; i++) {
    const v = dups[i] !== undefined ? rows[dups[i]] : Float32Array.from({ length: dim }, rnd);
    if (i === nanRow) v[0] = Number.NaN;
    rows.push(v);
    // Names not in row order, so word order and row order differ for ties.
    parts.push(Buffer.from(`w${((i * 7919) % 100003).toString(36)}_${i} `), Buffer.from(v.buffer, v.byteOffset, v.byteLength), Buffer.from('\n'));
  }
  fs.writeFileSync(file, Buffer.concat(parts));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-vec-fused-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const SHAPES = [];
for (const dim of [1, 7, 8, 15, 16, 17, 33, 300]) for (const rows of [1, 3, 4, 5, 15, 16, 17, 33, 70]) SHAPES.push({ dim, rows });
SHAPES.push({ dim: 300, rows: 4099 }, { dim: 47, rows: 20011 });

// Runs in a child process so EMBEDKIT_SIMD can pick each kernel level: for every shape, the answers of
// the fused scan (one query) and of the blocked scan (a batch of two queries), on the builtin backend.
const CHILD = `
  const { WordVectors, blas } = require(${JSON.stringify(path.resolve(__dirname, '..', 'dist'))});
  const { files, ks } = JSON.parse(process.argv[1]);
  blas.use('builtin');
  const out = files.map((f) => {
    const wv = WordVectors.openSync(f, { format: 'word2vec' });
    const q = [wv.vocab[0], wv.vocab[wv.vocab.length - 1]];
    return ks.map((k) => ({
      one: [wv.similarity(q[0], { k }), wv.similarity(q[1], { k })],
      batch: wv.similarityBatchSync(q, { k }),
      vec: wv.similarityByVector(wv.row(0), { k, skip: [q[1]] }),
    }));
  });
  process.stdout.write(JSON.stringify(out));`;

describe('vectors: fused single-query scan', function () {
  this.timeout(300000);
  const files = [];

  before(() => {
    SHAPES.forEach(({ dim, rows }, i) => {
      const file = path.join(dir, `s${dim}x${rows}.bin`);
      // Every 5th row from the 3rd on repeats an earlier one: exact ties across group boundaries.
      const dups = {};
      for (let r = 3; r < rows; r += 5) dups[r] = r % 3;
      writeWord2vec(file, rows, dim, 1000 + i, { dups });
      files.push(file);
    });
  });

  after(() => blas.use('auto'));

  for (const level of ['', 'avx2', 'baseline']) {
    it(`fused and blocked scans agree exactly, every tail, k > rows, k = 0, ties by word (EMBEDKIT_SIMD=${level || 'native'})`, () => {
      const ks = [0, 1, 10, 100];
      const out = JSON.parse(execFileSync(process.execPath, ['-e', CHILD, JSON.stringify({ files, ks })], {
        env: { ...process.env, EMBEDKIT_SIMD: level }, maxBuffer: 1 << 28 }).toString());
      SHAPES.forEach(({ dim, rows }, fi) => {
        ks.forEach((k, ki) => {
          const { one, batch, vec } = out[fi][ki];
          const what = `dim ${dim} rows ${rows} k ${k}`;
          assert.deepStrictEqual(one, batch, `${what}: fused vs blocked`);
          assert.strictEqual(one[0].length, Math.min(k, rows - 1), `${what}: length (the query word is left out)`);
          assert.strictEqual(vec.length, Math.min(k, rows - 1), `${what}: by vector, the last word skipped`);
          for (const list of [...one, vec]) {
            for (let i = 1; i < list.length; i++) {
              const [a, b] = [list[i - 1], list[i]];
              assert.ok(a.similarity > b.similarity || (a.similarity === b.similarity && Buffer.compare(Buffer.from(a.word), Buffer.from(b.word)) < 0),
                `${what}: order at ${i}: ${JSON.stringify(a)} then ${JSON.stringify(b)}`);
            }
          }
        });
      });
    });
  }

  it('a NaN in the matrix is an ERR_EMBEDKIT_RUNTIME error on both scans (finalfusion refuses to rank NaN)', () => {
    const file = path.join(dir, 'nan.bin');
    writeWord2vec(file, 37, 19, 7, { nanRow: 21 });
    const wv = WordVectors.openSync(file, { format: 'word2vec' });
    for (const name of ['builtin', 'auto', ...libraries]) {
      blas.use(name);
      assert.throws(() => wv.similarity(wv.vocab[0], { k: 3 }), { code: 'ERR_EMBEDKIT_RUNTIME' }, name);
      assert.throws(() => wv.similarityBatchSync([wv.vocab[0], wv.vocab[1]], { k: 3 }), { code: 'ERR_EMBEDKIT_RUNTIME' }, name);
    }
  });

  describe('auto', () => {
    before(function () {
      if (libraries.length === 0) {
        console.log('      (skipped: no BLAS library loads here; run scripts/test-setup/blas.sh)');
        this.skip();
      }
    });

    it('one query runs on the fused builtin kernel, batches on the library sgemm; named backends run both', () => {
      const info = blas.use('auto');
      assert.strictEqual(info.auto, true);
      assert.notStrictEqual(info.backend, 'builtin');
      // The fused kernel needs AVX2 or AVX-512 (what the addon's dispatcher reports for the static kernels).
      assert.strictEqual(info.singleQuery, 'builtin');
      assert.strictEqual(info.batch, info.backend);
      // An OpenBLAS that did not recognise this CPU (its generic Prescott kernels on an AVX2/AVX-512 machine)
      // is passed over for the next library that loads.
      const openblas = blas.probe('openblas');
      if (openblas && / Prescott /.test(openblas.detail) && loaded.includes('blis')) assert.strictEqual(info.backend, 'blis');
      else assert.strictEqual(info.backend, libraries[0]);
      for (const name of loaded) {
        const named = blas.use(name);
        assert.strictEqual(named.auto, false);
        assert.strictEqual(named.singleQuery, name);
        assert.strictEqual(named.batch, name);
      }
    });

    it('auto answers equal the builtin fused scan (one query) and the library (batches)', () => {
      const file = path.join(dir, 'auto.bin');
      const dups = {};
      for (let r = 10; r < 30011; r += 997) dups[r] = r - 7;
      writeWord2vec(file, 30011, 300, 99, { dups });
      const wv = WordVectors.openSync(file, { format: 'word2vec' });
      const words = wv.vocab.filter((_, i) => i % 1999 === 0 || i % 997 === 10);
      blas.use('builtin');
      const builtinOne = words.map((w) => wv.similarity(w, { k: 25 }));
      const builtinBatch = wv.similarityBatchSync(words, { k: 25 });
      assert.deepStrictEqual(builtinBatch, builtinOne, 'builtin batch = builtin single (identical arithmetic)');
      const autoInfo = blas.use('auto');
      assert.deepStrictEqual(words.map((w) => wv.similarity(w, { k: 25 })), builtinOne, 'auto single = builtin fused');
      const autoBatch = wv.similarityBatchSync(words, { k: 25 });
      blas.use(autoInfo.backend);
      const libBatch = wv.similarityBatchSync(words, { k: 25 });
      assert.deepStrictEqual(autoBatch, libBatch, `auto batch = ${autoInfo.backend} batch`);
      // The library's sums round differently: scores within 2e-5 of the builtin ones, ties still by word.
      words.forEach((w, i) => {
        libBatch[i].forEach((r, j) => assert.ok(Math.abs(r.similarity - builtinOne[i][j].similarity) <= 2e-5, `${w}[${j}]`));
      });
      blas.use('auto');
    });
  });
});
