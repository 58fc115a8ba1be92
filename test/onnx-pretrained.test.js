'use strict';
// A real pretrained model (sentence-transformers/all-MiniLM-L6-v2 as ONNX, from PyPI wheels; installed
// by scripts/test-setup/onnx-models.sh into test/.models/) must give the vectors Python FastEmbed gives
// on the same files (test/fixtures/onnx-real, made by scripts/fixtures/onnx-real/make_references.py):
// cosine >= 0.9999 for every one of 307 real texts (WordNet glosses, SpamAssassin emails past 512
// tokens, hard Unicode) at 256 tokens, and on prefixes of them at 512 tokens, for mean and CLS pooling, with and without normalization, truncated at the
// folder's 512 and at 256, loaded by path and through the Hugging Face cache layout.
const assert = require('assert');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const embedkit = require('../dist');
const { ROOT, FIXTURES } = require('./support/paths');
const { onnxRealTexts, textsDigest } = require('./support/onnx-real-corpus');

const MODEL = 'all-MiniLM-L6-v2-int8';
const FOLDER = path.join(ROOT, 'test', '.models', MODEL);
const REFS = path.join(FIXTURES, 'onnx-real', MODEL);
const MIN_COSINE = 0.9999;

/** A float16 or float32 little-endian C-order 2-D .npy file as { rows, dim, row(i) -> Float64Array }. */
function readNpy(file) {
  const buf = fs.readFileSync(file);
  assert.strictEqual(buf.toString('latin1', 0, 6), '\x93NUMPY', `${file}: not a .npy file`);
  const headerLength = buf[6] === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = buf[6] === 1 ? 10 : 12;
  const header = buf.toString('latin1', start, start + headerLength);
  const descr = /'descr':\s*'([^']+)'/.exec(header)[1];
  const [rows, dim] = /'shape':\s*\((\d+),\s*(\d+)\)/.exec(header).slice(1).map(Number);
  assert.ok(/'fortran_order':\s*False/.test(header), `${file}: Fortran order`);
  const body = buf.subarray(start + headerLength);
  const value =
    descr === '<f4' ? (i) => body.readFloatLE(i * 4) : descr === '<f2' ? (i) => halfToFloat(body.readUInt16LE(i * 2)) : null;
  assert.ok(value, `${file}: dtype ${descr} is not float16/float32`);
  return { rows, dim, row: (r) => Float64Array.from({ length: dim }, (_, d) => value(r * dim + d)) };
}

function halfToFloat(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function cosine(a, b) {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

function norm(a) {
  return Math.sqrt(a.reduce((s, x) => s + x * x, 0));
}

/** Checks every row of `got` (Embeddings) against the reference; returns the smallest cosine. */
function compare(got, ref, texts, label, { checkNorm = false } = {}) {
  assert.strictEqual(got.rows, texts.length, `${label}: rows`);
  assert.strictEqual(got.dim, ref.dim, `${label}: dim`);
  let worst = { cos: 2, i: -1 };
  for (let i = 0; i < texts.length; i++) {
    const a = got.row(i);
    const b = ref.row(i);
    assert.ok(a.every(Number.isFinite), `${label}: text ${i} has a non-finite value`);
    const c = cosine(a, b);
    if (c < worst.cos) worst = { cos: c, i };
    if (checkNorm) {
      const rel = Math.abs(norm(a) - norm(b)) / norm(b);
      assert.ok(rel < 1e-3, `${label}: text ${i} norm ${norm(a)} vs FastEmbed ${norm(b)}`);
    }
  }
  const t = texts[worst.i];
  assert.ok(
    worst.cos >= MIN_COSINE,
    `${label}: text ${worst.i} (${t.length} chars: ${JSON.stringify(t.slice(0, 60))}) has cosine ${worst.cos} with FastEmbed (< ${MIN_COSINE})`,
  );
  return worst.cos;
}

describe(`ONNX TextEmbedding on a real pretrained model (${MODEL}) vs Python FastEmbed`, function () {
  this.timeout(300000);
  const meta = JSON.parse(fs.readFileSync(path.join(REFS, 'meta.json'), 'utf8'));
  const texts = onnxRealTexts();
  const ref = (name) => readNpy(path.join(REFS, meta.configs[name].file));

  it('has references for the same corpus (307 texts, digest in meta.json)', function () {
    assert.ok(texts.length >= 200);
    assert.strictEqual(meta.texts, texts.length);
    assert.strictEqual(meta.textsDigest, textsDigest(texts), 'test/support/onnx-real-corpus.js changed: rerun scripts/fixtures/onnx-real');
  });

  describe('embedkit TextEmbedding', function () {
    before(function () {
      if (typeof embedkit.TextEmbedding !== 'function') {
        console.log('      [skip] embedkit has no TextEmbedding export yet (the ONNX engine, issue 5)');
        this.skip();
      }
      if (!fs.existsSync(path.join(FOLDER, 'onnx', 'model.onnx'))) {
        console.log(`      [skip] ${path.relative(ROOT, FOLDER)} is not installed: run bash scripts/test-setup/onnx-models.sh`);
        this.skip();
      }
    });

    // Every text at 256 tokens (the model's own max_seq_length); the 512-token and the other pooling
    // configurations on a prefix (a third of it emails, most past 512 tokens) to keep the file near a
    // minute on a loaded 2-core machine. cpuMemArena off: the arena would keep each session's peak.
    const cases = [
      { name: 'mean-l2-256', count: texts.length, options: { pooling: 'mean', normalize: true, maxLength: 256 } },
      { name: 'mean-l2', count: 60, options: { pooling: 'mean', normalize: true } },
      { name: 'cls-l2', count: 30, options: { pooling: 'cls', normalize: true } },
      { name: 'mean-raw', count: 30, options: { pooling: 'mean', normalize: false }, checkNorm: true },
    ];
    for (const { name, count, options, checkNorm } of cases) {
      it(`by path, ${JSON.stringify(options)}: cosine >= ${MIN_COSINE} on each of ${count} texts (${name})`, async function () {
        const te = await embedkit.TextEmbedding.fromPretrained(FOLDER, { threads: 2, cpuMemArena: false, ...options });
        const subset = texts.slice(0, count);
        const worst = compare(await te.embedAll(subset), ref(name), subset, name, { checkNorm });
        console.log(`      ${name}: worst cosine ${worst.toFixed(8)} over ${count} texts`);
      });
    }

    it('by path with default options follows the folder (modules.json: mean pooling, then Normalize)', async function () {
      const te = await embedkit.TextEmbedding.fromPretrained(FOLDER, { threads: 2, cpuMemArena: false });
      assert.strictEqual(te.info.pooling, 'mean');
      const subset = texts.slice(0, 30);
      compare(await te.embedAll(subset), ref('mean-l2'), subset, 'defaults');
    });

    it('embed() batches (any batchSize) come back in input order and equal embedAll', async function () {
      const te = await embedkit.TextEmbedding.fromPretrained(FOLDER, { threads: 2, cpuMemArena: false, maxLength: 256, pooling: 'mean', normalize: true });
      const subset = texts.slice(0, 61);
      const reference = ref('mean-l2-256');
      let seen = 0;
      for await (const batch of te.embed(subset, { batchSize: 7 })) {
        assert.ok(batch.rows <= 7 && batch.rows > 0);
        for (let r = 0; r < batch.rows; r++, seen++) {
          const c = cosine(batch.row(r), reference.row(seen));
          assert.ok(c >= MIN_COSINE, `batch row ${r} (text ${seen}): cosine ${c}`);
        }
      }
      assert.strictEqual(seen, subset.length);
    });

    // The same files as a Hugging Face cache entry, as huggingface_hub writes it. Under an unknown repo id
    // the folder's own files decide (1_Pooling/config.json, modules.json) and maxLength is given; under
    // the registered id 'sentence-transformers/all-MiniLM-L6-v2' the registry decides everything
    // (mean, L2, 256 tokens, onnx/model.onnx), with no options at all.
    const cacheCases = [
      { repo: 'embedkit-test/all-MiniLM-L6-v2-int8', options: { maxLength: 256 } },
      { repo: 'sentence-transformers/all-MiniLM-L6-v2', options: {} },
    ];
    for (const { repo, options } of cacheCases) {
      it(`loads '${repo}' through the Hugging Face cache layout (snapshots/<commit> links to blobs, refs/main), offline`, async function () {
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'embedkit-hfcache-'));
        try {
          const storage = path.join(cache, `models--${repo.replace('/', '--')}`);
          const commit = crypto.createHash('sha1').update(`${repo} snapshot`).digest('hex');
          const snapshot = path.join(storage, 'snapshots', commit);
          const files = ['onnx/model.onnx', 'tokenizer.json', 'config.json', 'special_tokens_map.json', 'tokenizer_config.json', 'modules.json', '1_Pooling/config.json', 'sentence_bert_config.json'];
          fs.mkdirSync(path.join(storage, 'blobs'), { recursive: true });
          fs.mkdirSync(path.join(storage, 'refs'), { recursive: true });
          fs.writeFileSync(path.join(storage, 'refs', 'main'), commit);
          for (const file of files) {
            const data = fs.readFileSync(path.join(FOLDER, file));
            const blob = path.join(storage, 'blobs', crypto.createHash('sha256').update(data).digest('hex'));
            fs.writeFileSync(blob, data);
            const link = path.join(snapshot, file);
            fs.mkdirSync(path.dirname(link), { recursive: true });
            fs.symlinkSync(path.relative(path.dirname(link), blob), link);
          }
          const subset = texts.slice(0, 30);
          const te = await embedkit.TextEmbedding.fromPretrained(repo, { cacheDir: cache, offline: true, threads: 2, cpuMemArena: false, ...options });
          compare(await te.embedAll(subset), ref('mean-l2-256'), subset, `HF cache ${repo}`);
        } finally {
          fs.rmSync(cache, { recursive: true, force: true });
        }
      });
    }
  });
});
