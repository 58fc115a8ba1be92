'use strict';
// One bench/onnx configuration in its own process, so that thread settings and CPU pinning apply
// before any runtime starts its pool, and so no two runtimes share a process.
//
//   node bench/onnx/child.js <kind> --model DIR --texts FILE --threads N --batch B
//        [--min-time S] [--min-reps N] [--warmup N] [--dump OUT.json]
//
// kinds:
//   embedkit        TextEmbedding.fromPretrained(DIR, { threads, pooling: 'mean', normalize: true }),
//                   embed(texts, { batchSize }) drained (tokenize + run + pool + normalize)
//   fastembed-js    npm fastembed FlagEmbedding (EmbeddingModel.CUSTOM on the local folder), embed(texts, B)
//   transformers-js @huggingface/transformers pipeline('feature-extraction') on the local folder (remote
//                   disabled), called once per chunk of B texts with { pooling: 'mean', normalize: true }
//   ort-raw         onnxruntime-node session.run only, on inputs tokenized beforehand (HF tokenizers)
//                   and batched exactly as embedkit batches them (each chunk of B texts sorted longest
//                   first, a batch ends at B texts, at maxBatchTokens padded tokens, or where a text is
//                   shorter than half the batch's longest), each padded to its own longest: the floor
//                   for embedkit's work on this runtime
// Prints one JSON line: { sentences_per_s (median pass), reps, ... } or { na: "why" }.
const fs = require('fs');
const path = require('path');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const kind = process.argv[2];
const folder = path.resolve(arg('--model'));
const texts = JSON.parse(fs.readFileSync(arg('--texts'), 'utf8'));
const threads = Number(arg('--threads', '1'));
const batch = Number(arg('--batch', '256'));
const maxBatchTokens = 16384; // embedkit's default (lib/text-embedding.ts)
const maxLength = Number(arg('--max-length', '512'));
const minTime = Number(arg('--min-time', '2'));
const minReps = Number(arg('--min-reps', '2'));
const warmup = Number(arg('--warmup', '1'));
const dumpFile = arg('--dump', null);

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

// fn(list) embeds `list`; warm-up passes use the first 16 texts only (session start, first
// allocations), so slow peers do not pay a full extra pass.
async function time(fn) {
  for (let i = 0; i < warmup; i++) await fn(texts.slice(0, 16));
  const times = [];
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
  while (times.length < minReps || elapsed() < minTime) {
    const t = process.hrtime.bigint();
    await fn(texts);
    times.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return { reps: times.length, best_s: times[0], median_s: median, sentences_per_s: texts.length / median };
}

function dump(rows) {
  if (dumpFile) fs.writeFileSync(dumpFile, JSON.stringify(rows.map((r) => Array.from(r))));
}

const onnxFile = () => path.join(folder, 'onnx', 'model.onnx');

async function runEmbedkit() {
  let ek;
  try {
    ek = require('../../dist');
  } catch (err) {
    return emit({ na: `dist/ not loadable: ${err.message.split('\n')[0]}` });
  }
  if (typeof ek.TextEmbedding !== 'function') return emit({ na: 'embedkit has no TextEmbedding yet (issue 5 engine not merged)' });
  const te = await ek.TextEmbedding.fromPretrained(folder, { threads, pooling: 'mean', normalize: true, maxLength });
  const run = async (list = texts) => {
    const out = [];
    for await (const b of te.embed(list, { batchSize: batch })) out.push(b);
    return out;
  };
  const r = await time(run);
  const rows = [];
  for (const b of await run()) for (let i = 0; i < b.rows; i++) rows.push(b.row(i));
  dump(rows);
  return emit({ ...r, dim: rows[0].length });
}

async function runFastembedJs() {
  const { FlagEmbedding, EmbeddingModel } = require('fastembed');
  // CUSTOM + modelAbsoluteDirPath is fastembed-js's only way to skip its download; modelName is the
  // ONNX path relative to the folder. It has no thread option (onnxruntime-node's default pool).
  const model = await FlagEmbedding.init({
    model: EmbeddingModel.CUSTOM,
    modelAbsoluteDirPath: folder,
    modelName: path.join('onnx', 'model.onnx'),
    maxLength,
    showDownloadProgress: false,
  });
  const run = async (list = texts) => {
    const out = [];
    for await (const b of model.embed(list, batch)) out.push(...b);
    return out;
  };
  const r = await time(run);
  dump(await run());
  return emit({ ...r, note: 'CLS pooling, fixed padding to maxLength (its only behaviour)' });
}

async function runTransformersJs() {
  const { pipeline, env } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = path.dirname(folder) + path.sep;
  const extractor = await pipeline('feature-extraction', path.basename(folder), {
    dtype: 'fp32',
    device: 'cpu',
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
  });
  // The pipeline truncates at the tokenizer's model_max_length (a getter over tokenizer_config) and
  // has no option for it, so the loaded config is lowered.
  const cfg = extractor.tokenizer._tokenizerConfig;
  cfg.model_max_length = Math.min(cfg.model_max_length ?? Infinity, maxLength);
  // The pipeline runs the whole input as one forward pass: a caller chunks, as here.
  const run = async (list = texts) => {
    const out = [];
    for (let i = 0; i < list.length; i += batch) {
      const t = await extractor(list.slice(i, i + batch), { pooling: 'mean', normalize: true });
      const dim = t.dims[1];
      for (let r = 0; r < t.dims[0]; r++) out.push(t.data.subarray(r * dim, (r + 1) * dim));
    }
    return out;
  };
  const r = await time(run);
  dump(await run());
  return emit(r);
}

async function runOrtRaw() {
  const ort = require('onnxruntime-node');
  const { Tokenizer } = require('tokenizers');
  const tok = Tokenizer.fromFile(path.join(folder, 'tokenizer.json'));
  tok.setTruncation(maxLength);
  tok.disablePadding();
  const encodings = await tok.encodeBatch(texts);
  const ids = encodings.map((e) => Array.from(e.getIds()));
  // embedkit's batching (native/core/onnx/text_model.cpp encode_chunk), replayed on the same ids.
  const groups = [];
  for (let c = 0; c < ids.length; c += batch) {
    const rows = [];
    for (let i = c; i < Math.min(ids.length, c + batch); i++) rows.push(i);
    rows.sort((a, b) => ids[b].length - ids[a].length || a - b);
    for (let begin = 0; begin < rows.length; ) {
      const longest = ids[rows[begin]].length;
      const fit = Math.max(1, Math.floor(maxBatchTokens / Math.max(1, longest)));
      const limit = Math.min(rows.length, begin + Math.min(batch, fit));
      let end = begin + 1;
      while (end < limit && ids[rows[end]].length * 2 >= longest) end++;
      groups.push(rows.slice(begin, end));
      begin = end;
    }
  }
  const session = await ort.InferenceSession.create(onnxFile(), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const names = session.inputNames;
  const batches = [];
  for (const members of groups) {
    const width = Math.max(...members.map((i) => ids[i].length));
    const n = members.length;
    const inputIds = new BigInt64Array(n * width);
    const mask = new BigInt64Array(n * width);
    members.forEach((i, r) => ids[i].forEach((id, k) => {
      inputIds[r * width + k] = BigInt(id);
      mask[r * width + k] = 1n;
    }));
    const feeds = {};
    if (names.includes('input_ids')) feeds.input_ids = new ort.Tensor('int64', inputIds, [n, width]);
    if (names.includes('attention_mask')) feeds.attention_mask = new ort.Tensor('int64', mask, [n, width]);
    if (names.includes('token_type_ids')) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(n * width), [n, width]);
    batches.push({ members, width, feeds, mask });
  }
  // Warm-up: the first batch (the shortest texts); timed passes: every batch.
  const r = await time(async (list) => {
    for (const b of list === texts ? batches : batches.slice(0, 1)) await session.run(b.feeds);
  });
  // Vectors for the parity column (outside the timing): mean over the mask, then L2.
  const rows = new Array(texts.length);
  for (const b of batches) {
    const out = (await session.run(b.feeds))[session.outputNames[0]];
    const dim = out.dims[2];
    b.members.forEach((i, r) => {
      const v = new Float64Array(dim);
      let count = 0;
      for (let k = 0; k < b.width; k++) {
        if (!b.mask[r * b.width + k]) continue;
        count++;
        for (let d = 0; d < dim; d++) v[d] += out.data[(r * b.width + k) * dim + d];
      }
      let nrm = 0;
      for (let d = 0; d < dim; d++) nrm += (v[d] /= count) ** 2;
      nrm = Math.max(Math.sqrt(nrm), 1e-12);
      rows[i] = v.map((x) => x / nrm);
    });
  }
  dump(rows);
  return emit({ ...r, batches: batches.length, padded_tokens: batches.reduce((s, b) => s + b.members.length * b.width, 0) });
}

const kinds = { embedkit: runEmbedkit, 'fastembed-js': runFastembedJs, 'transformers-js': runTransformersJs, 'ort-raw': runOrtRaw };
if (!kinds[kind]) throw new Error(`unknown kind ${kind}`);
kinds[kind]().catch((err) => {
  emit({ error: String(err && err.stack ? err.stack : err) });
  process.exitCode = 1;
});
