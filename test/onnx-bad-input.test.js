'use strict';
// Bad ONNX input never crashes: a missing or corrupt .onnx, graphs without the expected inputs or
// outputs, unexpected output shapes, providers the runtime lacks, and no runtime at all each give an
// ERR_EMBEDKIT_* error naming the model and what is wrong. Graphs come from scripts/fixtures/onnx/build.py.
const assert = require('assert');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { TextEmbedding, TextCrossEncoder } = require('../dist');
const { FIXTURES, ROOT } = require('./support/paths');

const DIR = path.join(FIXTURES, 'onnx');
const EMBED = path.join(DIR, 'bert-embed');
const BAD = path.join(DIR, 'bad-graphs');

function copyModel(source = EMBED) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-onnx-bad-'));
  fs.cpSync(source, dir, { recursive: true });
  return dir;
}

async function expectError(promise, code, ...patterns) {
  await assert.rejects(promise, (err) => {
    assert.strictEqual(err.code, code, err.stack);
    for (const p of patterns) assert.match(err.message, p);
    return true;
  });
}

describe('ONNX models: bad input', function () {
  this.timeout(60000);
  const made = [];
  const temp = (source) => {
    const dir = copyModel(source);
    made.push(dir);
    return dir;
  };
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('a missing .onnx file: ERR_EMBEDKIT_NOT_FOUND naming the model and the file', async () => {
    const dir = temp();
    fs.rmSync(path.join(dir, 'onnx', 'model.onnx'));
    await expectError(TextEmbedding.fromPretrained(dir), 'ERR_EMBEDKIT_NOT_FOUND', /model\.onnx/, /does not exist/);
    await expectError(TextEmbedding.fromPretrained(EMBED, { onnxFile: 'onnx/other.onnx' }), 'ERR_EMBEDKIT_NOT_FOUND', /bert-embed/, /other\.onnx/);
  });

  it('a corrupt .onnx file (truncated, or not ONNX at all): ERR_EMBEDKIT_FORMAT naming the model', async () => {
    const dir = temp();
    const file = path.join(dir, 'onnx', 'model.onnx');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 3)));
    await expectError(TextEmbedding.fromPretrained(dir), 'ERR_EMBEDKIT_FORMAT', new RegExp(path.basename(dir)), /onnxruntime cannot load/);
    fs.writeFileSync(file, 'this is not a protobuf\n'.repeat(10));
    await expectError(TextEmbedding.fromPretrained(dir), 'ERR_EMBEDKIT_FORMAT', new RegExp(path.basename(dir)));
    fs.writeFileSync(file, Buffer.alloc(0));
    await expectError(TextEmbedding.fromPretrained(dir), 'ERR_EMBEDKIT_FORMAT', new RegExp(path.basename(dir)));
  });

  it('a missing or broken tokenizer.json: NOT_FOUND / FORMAT', async () => {
    const dir = temp();
    fs.rmSync(path.join(dir, 'tokenizer.json'));
    await expectError(TextEmbedding.fromPretrained(dir), 'ERR_EMBEDKIT_NOT_FOUND', /tokenizer\.json/);
    fs.writeFileSync(path.join(dir, 'tokenizer.json'), '{"model": ');
    await expectError(TextEmbedding.fromPretrained(dir), 'ERR_EMBEDKIT_FORMAT', /tokenizer\.json/);
  });

  it('a tokenizer that adds no special tokens: empty texts give finite vectors, never NaN', async () => {
    const dir = temp();
    const spec = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8'));
    spec.post_processor = null;
    fs.writeFileSync(path.join(dir, 'tokenizer.json'), JSON.stringify(spec));
    for (const pooling of ['cls', 'mean']) {
      const te = await TextEmbedding.fromPretrained(dir, { pooling });
      const e = await te.embedAll(['', 'a short text', '']);
      assert.strictEqual(e.rows, 3);
      assert.ok(e.data.every(Number.isFinite), pooling);
    }
  });

  it('a graph without input_ids (it wants "tokens"): ERR_EMBEDKIT_UNSUPPORTED naming the model and the input', async () => {
    await expectError(TextEmbedding.fromPretrained(path.join(BAD, 'no-input-ids')), 'ERR_EMBEDKIT_UNSUPPORTED', /no-input-ids/, /input 'tokens'/);
  });

  it('an output of unexpected shape ([batch, tokens, 1, 1]): ERR_EMBEDKIT_FORMAT giving the shape', async () => {
    await expectError(TextEmbedding.fromPretrained(path.join(BAD, 'bad-output-shape')), 'ERR_EMBEDKIT_FORMAT', /bad-output-shape/, /shape \[1, \d+, 1, 1\]/);
    await expectError(TextCrossEncoder.fromPretrained(path.join(BAD, 'bad-output-shape')), 'ERR_EMBEDKIT_FORMAT', /bad-output-shape/, /shape/);
  });

  it('a non-float output, or an output name the graph lacks: UNSUPPORTED / FORMAT naming the outputs', async () => {
    await expectError(TextEmbedding.fromPretrained(path.join(BAD, 'int-output')), 'ERR_EMBEDKIT_UNSUPPORTED', /int-output/, /int64/);
    await expectError(TextEmbedding.fromPretrained(EMBED, { output: 'pooler_output' }), 'ERR_EMBEDKIT_FORMAT', /no output 'pooler_output'/, /last_hidden_state/);
  });

  it("executionProviders ['cuda', 'cpu'] on a runtime without CUDA: falls back to CPU with a visible warning, recorded in info", async function () {
    const warnings = [];
    const onWarning = (w) => warnings.push(w);
    process.on('warning', onWarning);
    let te;
    try {
      te = await TextEmbedding.fromPretrained(EMBED, { executionProviders: ['cuda', 'cpu'] });
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    if (te.info.executionProviders[0] === 'CUDAExecutionProvider') {
      console.log('      (this runtime has a working CUDA provider: nothing to fall back from)');
      return;
    }
    assert.deepStrictEqual(te.info.executionProviders, ['CPUExecutionProvider']);
    assert.strictEqual(te.info.providerFallbacks.length, 1);
    assert.match(te.info.providerFallbacks[0], /^cuda: /);
    const w = warnings.find((x) => x.code === 'EMBEDKIT_PROVIDER_FALLBACK');
    assert.ok(w, 'a process warning was emitted');
    assert.match(w.message, /bert-embed/);
    console.log(`      fallback recorded: ${te.info.providerFallbacks[0]}`);
    // And it still computes.
    assert.strictEqual((await te.embedAll(['a text'])).rows, 1);
  });

  it("executionProviders ['cuda'] alone on a runtime without CUDA: ERR_EMBEDKIT_UNSUPPORTED naming the model", async () => {
    let te;
    try {
      te = await TextEmbedding.fromPretrained(EMBED, { executionProviders: ['cuda'] });
    } catch (err) {
      assert.strictEqual(err.code, 'ERR_EMBEDKIT_UNSUPPORTED', err.stack);
      assert.match(err.message, /bert-embed/);
      assert.match(err.message, /'cuda' was requested/);
      assert.match(err.message, /Add 'cpu'/);
      console.log(`      ${err.message.split('\n')[0].slice(0, 200)}`);
      return;
    }
    assert.strictEqual(te.info.executionProviders[0], 'CUDAExecutionProvider', 'either CUDA works or the request fails');
  });

  it('no onnxruntime anywhere: ERR_EMBEDKIT_RUNTIME listing every path tried', () => {
    // A fresh process (the runtime loads once per process) where ORT_DYLIB_PATH points nowhere and the
    // onnxruntime-node package cannot be resolved.
    const script = `
      const Module = require('module');
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request.startsWith('onnxruntime-node')) throw Object.assign(new Error('not installed'), { code: 'MODULE_NOT_FOUND' });
        return resolve.call(this, request, ...rest);
      };
      const { TextEmbedding } = require(${JSON.stringify(path.join(ROOT, 'dist'))});
      TextEmbedding.fromPretrained(${JSON.stringify(EMBED)}).then(
        () => { console.log(JSON.stringify({ loaded: true })); },
        (err) => { console.log(JSON.stringify({ code: err.code, message: err.message })); });
    `;
    const env = { ...process.env, ORT_DYLIB_PATH: '/nonexistent/libonnxruntime.so', LD_LIBRARY_PATH: '' };
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' }).trim().split('\n').pop());
    if (out.loaded) {
      console.log('      (this machine has a system onnxruntime: skipped the no-runtime case)');
      return;
    }
    assert.strictEqual(out.code, 'ERR_EMBEDKIT_RUNTIME');
    assert.match(out.message, /\/nonexistent\/libonnxruntime\.so: /);
    assert.match(out.message, /\n {2}libonnxruntime\.so: /);
    assert.match(out.message, /onnxruntime-node/);
  });
});
