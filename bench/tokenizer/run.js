#!/usr/bin/env node
'use strict';
// Tokenizer throughput, side by side in one process, on the same texts (WordNet glosses + CLDR text in
// 60+ locales): embedkit's native engine vs Hugging Face `tokenizers` (npm, the Rust crate's binding)
// and `@huggingface/tokenizers` (pure JS), for WordPiece (bert-base-uncased vocabulary), byte-level
// BPE (Llama 3's real tokenizer.json when scripts/test-setup/real-tokenizers.sh has fetched it, else
// the trained fixture) and Unigram (T5-layout fixture; the spm_train model with its Precompiled charsmap).
// HF runs with RAYON_NUM_THREADS=1 (set before it loads) so the 1-thread rows compare like for like;
// embedkit is also shown on every core. Every row checks its ids against HF on the first 300 texts.
//
//   node bench/tokenizer/run.js [--rounds 3] [--texts 20000]
process.env.TOKENIZERS_PARALLELISM = 'false';
process.env.RAYON_NUM_THREADS = '1';
const fs = require('fs');
const os = require('os');
const path = require('path');
const hf = require('tokenizers');
const { Tokenizer, setThreads } = require('../../dist');
const corpus = require('../../test/support/corpus');
const { multilingualTexts } = require('../../scripts/fixtures/tokenizers/multilingual');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('--rounds', 3);
const N = arg('--texts', 20000);
const ROOT = path.join(__dirname, '..', '..');
const FIX = path.join(ROOT, 'test', 'fixtures', 'tokenizers');
const realLlama3 = path.join(ROOT, 'test', '.models', 'real-tokenizers', 'llama3', 'tokenizer.json');

const FILES = [
  ['WordPiece (bert-base-uncased vocab)', path.join(FIX, 'bert-uncased.json')],
  fs.existsSync(realLlama3) ? ['byte-level BPE (Llama 3, real file)', realLlama3] : ['byte-level BPE (Llama 3 layout, fixture)', path.join(FIX, 'llama3-bpe.json')],
  ['Unigram (T5 layout)', path.join(FIX, 't5-unigram.json')],
  ['Unigram + Precompiled (spm_train model)', path.join(FIX, 'spm-precompiled.json')],
];

async function time(fn) {
  let best = Infinity;
  let out;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    out = await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { seconds: best, out };
}

async function main() {
  const texts = [...corpus.spread(corpus.wordnetGlosses(), Math.max(0, N - 600)), ...corpus.spread(multilingualTexts(), 600)];
  const { Tokenizer: JsTokenizer } = await import('@huggingface/tokenizers');
  console.log(`${texts.length} texts, best of ${ROUNDS}; ${os.cpus().length} cores; HF with RAYON_NUM_THREADS=1\n`);
  for (const [name, file] of FILES) {
    const json = fs.readFileSync(file, 'utf8');
    const mine = Tokenizer.fromString(json);
    const ref = hf.Tokenizer.fromString(json);
    const js = new JsTokenizer(JSON.parse(json), {});
    const expected = (await ref.encodeBatch(texts.slice(0, 300))).map((e) => e.getIds().join(','));
    const rows = [];
    const check = (ids) => ids.slice(0, 300).filter((x, i) => x === expected[i]).length;
    const add = (label, threads, seconds, ids) => rows.push({ label, threads, seconds, tokens: ids.reduce((n, s) => n + (s ? s.split(',').length : 0), 0), equal: check(ids) });

    setThreads(1);
    let r = await time(() => mine.encodeBatch(texts));
    add('embedkit encodeBatch (full encodings)', 1, r.seconds, r.out.map((e) => Array.from(e.ids).join(',')));
    r = await time(async () => { const b = await mine.encodeBatch(texts); void b.tensors.inputIds; return b; });
    add('embedkit encodeBatch + tensors (int64 [rows, cols])', 1, r.seconds, r.out.map((e) => Array.from(e.ids).join(',')));
    r = await time(() => mine.encodeIdsBatchSync(texts));
    { const { ids, counts } = r.out; const lists = []; let at = 0; for (const c of counts) { lists.push(Array.from(ids.subarray(at, at + c)).join(',')); at += c; } add('embedkit encodeIdsBatchSync (ids only)', 1, r.seconds, lists); }
    r = await time(() => ref.encodeBatch(texts));
    add('HF tokenizers encodeBatch', 1, r.seconds, r.out.map((e) => e.getIds().join(',')));
    const jsTexts = texts.slice(0, Math.min(texts.length, 5000));
    r = await time(() => jsTexts.map((t) => js.encode(t).ids));
    const jsRow = { label: `@huggingface/tokenizers encode (${jsTexts.length} texts, scaled)`, threads: 1, seconds: (r.seconds * texts.length) / jsTexts.length };
    jsRow.tokens = 0;
    jsRow.equal = r.out.slice(0, 300).filter((ids, i) => Array.from(ids).join(',') === expected[i]).length;
    const jsTokens = r.out.reduce((n, ids) => n + ids.length, 0);
    jsRow.tokens = (jsTokens * texts.length) / jsTexts.length;
    rows.push(jsRow);
    setThreads(os.cpus().length);
    r = await time(() => mine.encodeBatch(texts));
    add('embedkit encodeBatch (full encodings)', os.cpus().length, r.seconds, r.out.map((e) => Array.from(e.ids).join(',')));

    const base = rows[0].seconds;
    console.log(`### ${name}\n`);
    console.log('| configuration | threads | texts/s | M tokens/s | time ÷ embedkit encodeBatch (1 thread) | ids equal to HF |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const row of rows) {
      console.log(`| ${row.label} | ${row.threads} | ${(texts.length / row.seconds / 1e3).toFixed(0)} k | ${(row.tokens / row.seconds / 1e6).toFixed(2)} | ${(row.seconds / base).toFixed(2)}x | ${row.equal}/300 |`);
    }
    console.log('');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
