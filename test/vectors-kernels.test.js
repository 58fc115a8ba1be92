'use strict';
// The similarity kernels (dot products over rows + fused top-k) agree across SIMD levels and with a
// plain JS reference, for dimensions and row counts that exercise every tail path.
const assert = require('assert');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { FifuBuilder } = require('./support/vectors-fifu');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-vec-kern-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// Deterministic pseudo-random values (no Math.random, so failures reproduce).
function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

describe('vectors: similarity kernels', () => {
  it('every SIMD level ranks like a JS reference (dims 1..37, rows 1..13)', function () {
    this.timeout(120000);
    const cases = [];
    for (const dim of [1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 37]) {
      for (const rows of [1, 4, 5, 13]) {
        const rnd = lcg(dim * 100 + rows);
        const words = Array.from({ length: rows }, (_, i) => `w${i}`);
        const values = Array.from({ length: rows * dim }, rnd);
        const file = path.join(dir, `k${dim}-${rows}.fifu`);
        fs.writeFileSync(file, new FifuBuilder([1, 2]).simpleVocab(words).ndarray(rows, dim, values).build());
        const query = Array.from({ length: dim }, rnd);
        cases.push({ file, dim, rows, values, query });
      }
    }
    fs.writeFileSync(path.join(dir, 'cases.json'), JSON.stringify(cases));
    const script = `const { WordVectors } = require(${JSON.stringify(require.resolve('../dist'))});
      const cases = require(${JSON.stringify(path.join(dir, 'cases.json'))});
      process.stdout.write(JSON.stringify(cases.map((c) => WordVectors.openSync(c.file).similarityByVector(c.query, { k: c.rows }))));`;
    const levels = ['baseline', 'avx2', ''].map((level) =>
      JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, EMBEDKIT_SIMD: level } }).toString()));
    cases.forEach((c, ci) => {
      const f = (x) => Math.fround(x);
      const qn = Math.hypot(...c.query);
      const ref = Array.from({ length: c.rows }, (_, r) => {
        const row = c.values.slice(r * c.dim, (r + 1) * c.dim).map(f);
        const dot = row.reduce((s, x, j) => s + x * (f(c.query[j]) / qn), 0);
        return { word: `w${r}`, similarity: dot / Math.hypot(...row) };
      }).sort((a, b) => b.similarity - a.similarity);
      for (const out of levels) {
        assert.strictEqual(out[ci].length, c.rows);
        out[ci].forEach((r, i) => {
          assert.ok(Math.abs(r.similarity - ref[i].similarity) < 1e-5, `dim ${c.dim} rows ${c.rows} #${i}: ${r.similarity} vs ${ref[i].similarity}`);
        });
        // Word order is only meaningful where the reference scores are not (near) ties, e.g. dim 1 gives ±1.
        const separated = ref.every((r, i) => i === 0 || ref[i - 1].similarity - r.similarity > 1e-5);
        if (separated) assert.deepStrictEqual(out[ci].map((r) => r.word), ref.map((r) => r.word));
        else assert.deepStrictEqual(out[ci].map((r) => r.word).sort(), ref.map((r) => r.word).sort());
      }
    });
  });
});
