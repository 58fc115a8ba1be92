'use strict';
// Similarity queries on every BLAS backend that loads here (OpenBLAS, BLIS, reference BLAS unpacked by
// scripts/test-setup/blas.sh; MKL if installed) give finalfusion's answers and the same answers as our
// builtin kernels: one query (GEMV) and batches (GEMM), exclusions, analogy masks, ties by word.
// Backends that do not load are listed visibly and skipped.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const support = require('./support/blas-backends'); // sets EMBEDKIT_BLAS_PATH first
const { blas, WordVectors } = require('../dist');
const E = require('./support/vectors-expected');
const { ROOT } = require('./support/paths');

const { loaded, skipped, cachePresent, cacheLib } = support.backends(blas);
const MUST_LOAD = ['openblas', 'blis', 'reference']; // what blas.sh installs

// A word2vec binary file (the format word2vec.c writes) with n random words, some rows duplicated under
// other words so that exact ties must be broken by word on every backend.
function writeRandomWord2vec(file, n, dim, seed) {
  let s = seed >>> 0;
  const rnd = () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296 - 0.5;
  };
  const parts = [Buffer.from(`${n} ${dim}\n`)];
  const rows = [];
  for (let i = 0; i < n; i++) {
    const dup = i >= 10 && i % 997 === 0 ? rows[i - 7] : null; // identical to an earlier row
    const v = dup || Float32Array.from({ length: dim }, rnd);
    rows.push(v);
    parts.push(Buffer.from(`w${i.toString(36)}_${(n - i) % 7} `), Buffer.from(v.buffer, v.byteOffset, v.byteLength), Buffer.from('\n'));
  }
  fs.writeFileSync(file, Buffer.concat(parts));
}

// Same answers up to float rounding: scores within tol; words equal except inside near-ties.
function assertSameResults(actual, expected, what, tol = 2e-5) {
  if (expected === null) return assert.strictEqual(actual, null, what);
  assert.strictEqual(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i].similarity - expected[i].similarity) <= tol, `${what}[${i}]: ${actual[i].similarity} vs ${expected[i].similarity}`);
    const nearTie = (j) => j >= 0 && j < expected.length && Math.abs(expected[j].similarity - expected[i].similarity) <= tol;
    if (!nearTie(i - 1) && !nearTie(i + 1) && i < expected.length - 1) assert.strictEqual(actual[i].word, expected[i].word, `${what}[${i}]`);
  }
}

describe('vectors: BLAS backends', function () {
  this.timeout(120000);
  let tmp;
  let big;

  before(() => {
    // Visible in the test output: which backends run here.
    console.log(`      BLAS backends loaded: ${loaded.join(', ')}; skipped (not installed): ${skipped.join(', ') || 'none'}` +
      (cachePresent ? '' : ` — ${cacheLib} is missing: run scripts/test-setup/blas.sh`));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'embedkit-blas-'));
    const file = path.join(tmp, 'random.bin');
    writeRandomWord2vec(file, 20000, 48, 12345);
    big = WordVectors.openSync(file, { format: 'word2vec' });
  });

  after(() => {
    blas.use('auto'); // the default, for the test files that run after this one
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the backends scripts/test-setup/blas.sh installs all load (or the setup did not run: said above)', function () {
    if (!cachePresent) this.skip();
    for (const name of MUST_LOAD) assert.ok(loaded.includes(name), `${name} should load from ${cacheLib}`);
    assert.ok(loaded.includes('builtin'));
  });

  it('info, use, probe and setThreads report and switch the backend', () => {
    for (const name of loaded) {
      const info = blas.use(name);
      assert.strictEqual(info.backend, name);
      assert.deepStrictEqual(blas.info(), info);
      assert.strictEqual(info.library === null, name === 'builtin');
      if (info.library) assert.ok(fs.existsSync(info.library), info.library);
      assert.ok(info.threads >= 1);
      blas.setThreads(1);
      assert.strictEqual(blas.info().threads, 1);
    }
    assert.throws(() => blas.use('atlas'), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    assert.throws(() => blas.setThreads(0), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    for (const name of skipped) assert.throws(() => blas.use(name), { code: 'ERR_EMBEDKIT_NOT_FOUND', message: new RegExp(name) });
    assert.deepStrictEqual(blas.available(), loaded);
  });

  for (const name of ['mkl', 'openblas', 'blis', 'reference', 'builtin']) {
    describe(`backend ${name}`, () => {
      before(function () {
        if (!loaded.includes(name)) {
          console.log(`      (skipped: ${name} does not load on this machine)`);
          this.skip();
        }
      });
      beforeEach(() => blas.use(name));

      it('finalfusion similarity and analogy answers (similarity.fifu, simple_vocab.fifu)', () => {
        for (const mmap of [false, true]) {
          const wv = WordVectors.openSync(E.PY('similarity.fifu'), { mmap });
          E.assertNeighbours(wv.similarity('Berlin', { k: 40 }), E.B40, E.B40_SCORES, 1e-5);
          E.assertNeighbours(wv.similarity('Stuttgart', { k: 10 }), E.S10, E.S10_SCORES, 1e-5);
          const [b, s] = wv.similarityBatchSync(['Berlin', 'Stuttgart', 'OOV'], { k: 40 });
          E.assertNeighbours(b, E.B40, E.B40_SCORES, 1e-5);
          E.assertNeighbours(s.slice(0, 10), E.S10, E.S10_SCORES, 1e-5);
          assert.strictEqual(wv.similarityBatchSync(['OOV'])[0], null);
        }
        const wv = WordVectors.openSync(E.PY('simple_vocab.fifu'));
        E.assertNeighbours(wv.analogy(['Paris', 'Frankreich', 'Berlin'], { k: 40 }), E.A40, E.A40_SCORES, 1e-5);
        const top1 = (q, mask) => wv.analogyBatchSync([q], { k: 1, mask })[0][0].word;
        assert.strictEqual(top1(['Paris', 'Frankreich', 'Paris'], [true, false, true]), 'Frankreich');
        assert.strictEqual(top1(['Paris', 'Frankreich', 'Paris']), 'Russland');
        assert.strictEqual(top1(['Frankreich', 'Frankreich', 'Frankreich'], [false, false, false]), 'Frankreich');
        assert.strictEqual(top1(['Paris', 'Frankreich', 'Paris'], [false, true, false]), 'Russland');
        assert.deepStrictEqual(wv.analogyBatchSync([['Paris', 'OOV', 'Paris']]), [null]);
      });

      it('same results as the builtin kernels: one query (GEMV), batches (GEMM), analogies, ties', async () => {
        const words = big.vocab.filter((_, i) => i % 251 === 0 || i % 997 === 0 || i % 997 === 990);
        const k = 25;
        blas.use('builtin');
        const refOne = words.map((w) => big.similarity(w, { k }));
        const refVec = big.similarityByVector(big.row(3), { k, skip: [big.vocab[5]] });
        const triples = words.slice(0, 30).map((w, i) => [w, words[(i + 1) % words.length], words[(i + 2) % words.length]]);
        const refAna = triples.map((t) => big.analogy(t, { k, mask: [true, false, true] }));
        blas.use(name);
        const one = words.map((w) => big.similarity(w, { k }));
        const batch = await big.similarityBatch(words, { k });
        const batchSync = big.similarityBatchSync(words, { k });
        words.forEach((w, i) => {
          assertSameResults(one[i], refOne[i], `${name} similarity(${w})`);
          assertSameResults(batch[i], refOne[i], `${name} similarityBatch(${w})`);
          assertSameResults(batchSync[i], refOne[i], `${name} similarityBatchSync(${w})`);
        });
        assertSameResults(big.similarityByVector(big.row(3), { k, skip: [big.vocab[5]] }), refVec, `${name} similarityByVector`);
        const ana = await big.analogyBatch(triples, { k, mask: [true, false, true] });
        triples.forEach((t, i) => {
          assertSameResults(big.analogy(t, { k, mask: [true, false, true] }), refAna[i], `${name} analogy(${t})`);
          assertSameResults(ana[i], refAna[i], `${name} analogyBatch(${t})`);
        });
        // A duplicated row: its twin scores exactly like it and ranks by word.
        const dupWord = big.vocab[997];
        const twin = big.vocab[990];
        const top = big.similarity(dupWord, { k: 3 });
        assert.strictEqual(top[0].word, twin);
        assert.ok(Math.abs(top[0].similarity - 1) < 1e-5);
      });
    });
  }

  describe('EMBEDKIT_BLAS', () => {
    const run = (env, code) => execFileSync(process.execPath, ['-e', code], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    const probe = `const { blas, WordVectors } = require('./dist');
      const wv = WordVectors.openSync(${JSON.stringify(E.PY('similarity.fifu'))});
      let out;
      try { out = { info: blas.info().backend, top: wv.similarity('Berlin', { k: 1 })[0].word }; }
      catch (e) { out = { code: e.code, message: e.message }; }
      try { blas.use('builtin'); out.after = wv.similarity('Berlin', { k: 1 })[0].word; } catch (e) { out.after = e.code; }
      process.stdout.write(JSON.stringify(out));`;

    it('an unknown name fails every query with ERR_EMBEDKIT_ARGUMENT until blas.use() picks one', () => {
      const out = JSON.parse(run({ EMBEDKIT_BLAS: 'fastblas' }, probe));
      assert.strictEqual(out.code, 'ERR_EMBEDKIT_ARGUMENT');
      assert.match(out.message, /EMBEDKIT_BLAS.*fastblas/);
      assert.strictEqual(out.after, 'Potsdam');
    });

    it('a backend that does not load fails with ERR_EMBEDKIT_NOT_FOUND (no silent fallback)', () => {
      const out = JSON.parse(run({ EMBEDKIT_BLAS: 'mkl', EMBEDKIT_BLAS_PATH: os.tmpdir() }, probe));
      if (loaded.includes('mkl')) return;
      assert.strictEqual(out.code, 'ERR_EMBEDKIT_NOT_FOUND');
      assert.match(out.message, /mkl/);
    });

    it('names the backend the process starts with (builtin, and each one that loads)', () => {
      for (const name of loaded) {
        const out = JSON.parse(run({ EMBEDKIT_BLAS: name }, probe));
        assert.deepStrictEqual(out, { info: name, top: 'Potsdam', after: 'Potsdam' });
      }
    });
  });
});
