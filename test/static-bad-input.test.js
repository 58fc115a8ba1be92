'use strict';
// Bad input never crashes: each case is a JS Error with a stable ERR_EMBEDKIT_* code and a message
// that names the file or input and what is wrong.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { StaticModel } = require('../dist');
const { RS_MODELS } = require('./support/paths');
const st = require('./support/safetensors');

const SOURCE = path.join(RS_MODELS, 'test-model-float32');
const VOCAB = 29528;

function modelDir(safetensorsBytes, { config, tokenizer } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-bad-'));
  fs.writeFileSync(path.join(dir, 'model.safetensors'), safetensorsBytes);
  fs.writeFileSync(path.join(dir, 'config.json'), config ?? '{"normalize": true}');
  if (tokenizer === undefined) fs.copyFileSync(path.join(SOURCE, 'tokenizer.json'), path.join(dir, 'tokenizer.json'));
  else if (tokenizer !== null) fs.writeFileSync(path.join(dir, 'tokenizer.json'), tokenizer);
  return dir;
}

function goodTensors(dim = 4) {
  return { embeddings: { dtype: 'F32', shape: [VOCAB, dim], bytes: st.f32Bytes(new Array(VOCAB * dim).fill(0.5)) } };
}

async function expectLoadError(dir, code, pattern) {
  try {
    await assert.rejects(StaticModel.fromPretrained(dir), (err) => {
      assert.strictEqual(err.code, code, err.message);
      if (pattern) assert.match(err.message, pattern);
      return true;
    });
    assert.throws(() => StaticModel.fromFolderSync(dir), (err) => err.code === code);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('StaticModel bad input', () => {
  it('a file shorter than the 8-byte header length', () =>
    expectLoadError(modelDir(Buffer.from([1, 2, 3])), 'ERR_EMBEDKIT_FORMAT', /model\.safetensors.*fewer than the 8-byte/));

  it('a header length past the end of the file', () => {
    const bytes = st.encodeSafetensors(goodTensors());
    bytes.writeBigUInt64LE(BigInt(bytes.length * 2), 0);
    return expectLoadError(modelDir(bytes), 'ERR_EMBEDKIT_FORMAT', /header length .* runs past the end/);
  });

  it('an absurd header length (2^63) is refused before any allocation', () => {
    const bytes = st.encodeSafetensors(goodTensors());
    bytes.writeBigUInt64LE(2n ** 63n, 0);
    return expectLoadError(modelDir(bytes), 'ERR_EMBEDKIT_FORMAT', /header length/);
  });

  it('a header that is not JSON', () => {
    const bytes = st.encodeSafetensors(goodTensors());
    bytes.write('{"embeddings": [', 8);
    return expectLoadError(modelDir(bytes), 'ERR_EMBEDKIT_FORMAT', /invalid JSON at line 1/);
  });

  it('data offsets past the end of the file', () => {
    const t = goodTensors();
    const bytes = st.encodeSafetensors(t);
    return expectLoadError(modelDir(bytes.subarray(0, bytes.length - 16)), 'ERR_EMBEDKIT_FORMAT', /past the end of the data/);
  });

  it('shape x dtype size that disagrees with the byte range', () => {
    const t = goodTensors();
    t.embeddings.shape = [VOCAB, 5];
    return expectLoadError(modelDir(st.encodeSafetensors(t)), 'ERR_EMBEDKIT_FORMAT', /shape \[29528, 5\] of F32 needs .* bytes/);
  });

  it('an overflowing shape', () => {
    const t = goodTensors();
    t.embeddings.shape = [2 ** 40, 2 ** 40];
    return expectLoadError(modelDir(st.encodeSafetensors(t)), 'ERR_EMBEDKIT_FORMAT', /needs more than 2\^64 bytes/);
  });

  it('an unknown dtype', () => {
    const t = goodTensors();
    t.embeddings.dtype = 'Q4_K';
    return expectLoadError(modelDir(st.encodeSafetensors(t)), 'ERR_EMBEDKIT_FORMAT', /unknown dtype 'Q4_K'/);
  });

  it('a dtype embeddings cannot have', () => {
    const t = { embeddings: { dtype: 'I32', shape: [VOCAB, 4], bytes: st.i32Bytes(new Array(VOCAB * 4).fill(1)) } };
    return expectLoadError(modelDir(st.encodeSafetensors(t)), 'ERR_EMBEDKIT_UNSUPPORTED', /dtype I32/);
  });

  it('no embeddings tensor', () => {
    const t = { other: goodTensors().embeddings };
    return expectLoadError(modelDir(st.encodeSafetensors(t)), 'ERR_EMBEDKIT_FORMAT', /no 'embeddings' tensor/);
  });

  it('fewer rows than the tokenizer has ids', () => {
    const t = { embeddings: { dtype: 'F32', shape: [100, 2], bytes: st.f32Bytes(new Array(200).fill(0)) } };
    return expectLoadError(modelDir(st.encodeSafetensors(t)), 'ERR_EMBEDKIT_FORMAT', /100 rows but the tokenizer has token ids up to 29527/);
  });

  it('a mapping that points past the table', () => {
    const t = {
      embeddings: { dtype: 'F32', shape: [8, 2], bytes: st.f32Bytes(new Array(16).fill(0)) },
      mapping: { dtype: 'I32', shape: [VOCAB], bytes: st.i32Bytes(Array.from({ length: VOCAB }, (_, i) => (i === 77 ? 8 : 0))) },
    };
    return expectLoadError(modelDir(st.encodeSafetensors(t)), 'ERR_EMBEDKIT_FORMAT', /'mapping' entry 77 = 8 is not a row/);
  });

  it('config.json that is not JSON', () =>
    expectLoadError(modelDir(st.encodeSafetensors(goodTensors()), { config: '{normalize: yes}' }), 'ERR_EMBEDKIT_FORMAT', /config\.json: invalid JSON/));

  it('tokenizer.json that is not JSON', () =>
    expectLoadError(modelDir(st.encodeSafetensors(goodTensors()), { tokenizer: '{"model": ' }), 'ERR_EMBEDKIT_FORMAT', /tokenizer\.json/));

  it('a missing tokenizer.json', () =>
    expectLoadError(modelDir(st.encodeSafetensors(goodTensors()), { tokenizer: null }), 'ERR_EMBEDKIT_NOT_FOUND', /tokenizer\.json/));

  it('every truncation of a valid file fails cleanly', async () => {
    const t = { embeddings: { dtype: 'F16', shape: [VOCAB, 1], bytes: st.u16Bytes(new Array(VOCAB).fill(0x3c00)) } };
    const bytes = st.encodeSafetensors(t);
    const dir = modelDir(bytes);
    try {
      const cut = [0, 1, 7, 8, 9, 20, 50, 100, bytes.length - 8 - VOCAB * 2, bytes.length - 2, bytes.length - 1];
      for (let len = 0; len < 200; len++) cut.push(len);
      for (const len of cut) {
        fs.writeFileSync(path.join(dir, 'model.safetensors'), bytes.subarray(0, len));
        assert.throws(() => StaticModel.fromFolderSync(dir), (err) => err.code === 'ERR_EMBEDKIT_FORMAT', `prefix of ${len} bytes`);
      }
      fs.writeFileSync(path.join(dir, 'model.safetensors'), bytes);
      assert.strictEqual(StaticModel.fromFolderSync(dir).info.dtype, 'F16');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('inputs', () => {
    let model;
    before(async () => {
      model = await StaticModel.fromPretrained(SOURCE);
    });

    it('non-string texts are ERR_EMBEDKIT_ARGUMENT naming the position', async () => {
      for (const bad of [[1], [null], ['ok', {}], [undefined], [Symbol('x')]]) {
        await assert.rejects(model.encode(bad), (err) => err.code === 'ERR_EMBEDKIT_ARGUMENT' && /texts\[\d\]/.test(err.message));
        assert.throws(() => model.encodeSync(bad), (err) => err.code === 'ERR_EMBEDKIT_ARGUMENT');
      }
      await assert.rejects(model.encode(42), (err) => err.code === 'ERR_EMBEDKIT_ARGUMENT');
      await assert.rejects(model.encode(['x'], { maxLength: -1 }), (err) => err.code === 'ERR_EMBEDKIT_ARGUMENT');
    });

    it('UTF-8 Buffers work, honour byteOffset, and invalid UTF-8 is refused', async () => {
      const whole = Buffer.from('xxhello worldyy');
      const view = whole.subarray(2, 13);
      const [a, b] = [await model.encode([view]), await model.encode(['hello world'])];
      assert.deepStrictEqual(a.data, b.data);
      await assert.rejects(model.encode([Buffer.from([0x68, 0xff, 0x69])]), (err) =>
        err.code === 'ERR_EMBEDKIT_ARGUMENT' && /texts\[0\] is not valid UTF-8.*byte 1/.test(err.message));
    });

    it('a 10 MB text gives a finite vector', async () => {
      const big = 'lorem ipsum dolor sit amet, '.repeat(400000);
      const emb = await model.encode([big]);
      assert.ok(emb.row(0).every(Number.isFinite));
      const seq = await model.encodeAsSequence([big.slice(0, 200000)]);
      assert.ok(seq[0].rows > 1000);
    });

    it('a million empty strings give a million zero rows', async () => {
      const texts = new Array(1000000).fill('');
      const emb = await model.encode(texts);
      assert.strictEqual(emb.rows, 1000000);
      assert.ok(emb.data.every((x) => x === 0));
    });

    it('lone surrogates do not crash (replaced by U+FFFD on the way in)', async () => {
      const emb = await model.encode(['\ud800', 'a\udc00b']);
      assert.ok(emb.data.every(Number.isFinite));
    });
  });
});
