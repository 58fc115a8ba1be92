#!/usr/bin/env node
'use strict';
// Tokenizer throughput, ONE thread, on all WordNet glosses (~118k short English sentences):
// embedkit's native tokenizer vs Hugging Face `tokenizers` (npm, Rust) encodeBatch with parallelism off,
// plus the static model (tokenize + pool) that this tokenizer feeds.
//   node bench/tokenizer.js [tokenizer.json] [model folder]
process.env.TOKENIZERS_PARALLELISM = 'false';
process.env.RAYON_NUM_THREADS = '1';
const path = require('path');
const hf = require('tokenizers');
const { Tokenizer, StaticModel, setThreads } = require('../dist');
const corpus = require('../test/support/corpus');

const folder = process.argv[3] || path.resolve(__dirname, '..', '..', 'shared', 'data', 'model2vec-rs', 'test-model-float32');
const file = process.argv[2] || path.join(folder, 'tokenizer.json');
const texts = corpus.wordnetGlosses();
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

function report(name, seconds, tokens) {
  const line = `${name.padEnd(44)} ${(texts.length / seconds).toFixed(0).padStart(9)} texts/s`;
  console.log(tokens ? `${line} ${(tokens / seconds / 1e6).toFixed(2).padStart(6)} M tokens/s ${(bytes / seconds / 1e6).toFixed(1).padStart(6)} MB/s` : line);
}

function best(runs, fn) {
  let min = Infinity;
  let result;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return [min, result];
}

(async () => {
  setThreads(1);
  console.log(`${texts.length} texts, ${(bytes / 1e6).toFixed(1)} MB, ${file}`);
  const mine = Tokenizer.fromFile(file);
  const ref = hf.Tokenizer.fromFile(file);

  let t0 = process.hrtime.bigint();
  let hfTokens = 0;
  for (let i = 0; i < texts.length; i += 8192) {
    for (const e of await ref.encodeBatch(texts.slice(i, i + 8192), { addSpecialTokens: false })) hfTokens += e.getLength();
  }
  const hfSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  report('HF tokenizers encodeBatch (1 thread)', hfSeconds, hfTokens);

  const [idsSeconds, ids] = best(3, () => mine.encodeIdsBatchSync(texts, { addSpecialTokens: false }));
  report('embedkit encodeIdsBatchSync (ids only)', idsSeconds, ids.ids.length);
  const [fullSeconds, full] = best(2, () => mine.encodeBatchSync(texts, { addSpecialTokens: false }));
  report('embedkit encodeBatchSync (full encodings)', fullSeconds, full.reduce((n, e) => n + e.ids.length, 0));
  t0 = process.hrtime.bigint();
  await mine.encodeBatch(texts, { addSpecialTokens: false });
  report('embedkit encodeBatch (async, pool of 1)', Number(process.hrtime.bigint() - t0) / 1e9);
  console.log(`speed-up vs HF: ids only x${(hfSeconds / idsSeconds).toFixed(1)}, full encodings x${(hfSeconds / fullSeconds).toFixed(1)}`);

  const model = StaticModel.fromFolderSync(folder);
  const [modelSeconds] = best(3, () => model.encodeSync(texts));
  report(`StaticModel.encodeSync (dim ${model.dim})`, modelSeconds);
})();
