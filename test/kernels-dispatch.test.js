'use strict';
// Every SIMD level the dispatcher can pick (EMBEDKIT_SIMD caps it) must give the same vectors.
const assert = require('assert');
const { execFileSync } = require('child_process');
const path = require('path');

const DIST = path.resolve(__dirname, '..', 'dist');
const FIXTURES = path.resolve(__dirname, 'fixtures', 'static');
const MODELS = ['m2v-f32', 'm2v-f16', 'm2v-bf16', 'm2v-i8', 'm2v-vq-f16', 'm2v-f64'].map((m) => path.join(FIXTURES, m));

function run(level) {
  const script = `
    const { StaticModel, simdLevel } = require(${JSON.stringify(DIST)});
    const texts = require(${JSON.stringify(path.join(FIXTURES, 'texts.json'))});
    const out = { level: simdLevel(), vectors: [] };
    for (const m of ${JSON.stringify(MODELS)}) out.vectors.push(Array.from(StaticModel.fromFolderSync(m).encodeSync(texts).data));
    process.stdout.write(JSON.stringify(out));`;
  const env = { ...process.env };
  if (level) env.EMBEDKIT_SIMD = level;
  else delete env.EMBEDKIT_SIMD;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env, maxBuffer: 1 << 28 }));
}

describe('SIMD dispatch', () => {
  it('baseline, AVX2 and the best level agree within 1e-6', function () {
    const best = run(null);
    const seen = new Set([best.level]);
    for (const level of ['baseline', 'avx2']) {
      const other = run(level);
      seen.add(other.level);
      other.vectors.forEach((vs, m) => {
        vs.forEach((v, i) => assert.ok(Math.abs(v - best.vectors[m][i]) <= 1e-6, `${MODELS[m]} ${other.level} vs ${best.level} at ${i}: ${v} vs ${best.vectors[m][i]}`));
      });
    }
    console.log(`      levels compared: ${[...seen].join(', ')}`);
    assert.ok(seen.has('baseline'));
  });
});
