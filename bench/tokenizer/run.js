#!/usr/bin/env node
'use strict';
// Tokenizer throughput, side by side in one process, on the same texts (WordNet glosses + CLDR text in
// 60+ locales): embedkit's native engine vs Hugging Face `tokenizers` (npm, the Rust crate's binding)
// and `@huggingface/tokenizers` (pure JS), for WordPiece (bert-base-uncased vocabulary), byte-level
// BPE (Llama 3's real tokenizer.json when scripts/test-setup/real-tokenizers.sh has fetched it, else
// the trained fixture) and Unigram (T5-layout fixture; the spm_train model with its Precompiled charsmap).
// HF runs with RAYON_NUM_THREADS=1 (set before it loads) so the 1-thread rows compare like for like;
// embedkit is also shown on every core. Every row checks its ids against HF on the first 300 texts.
// For tiktoken's own vocabularies (cl100k_base, o200k_base, converted to tokenizer.json by
// scripts/test-setup/tiktoken-tokenizers.sh) the tiktoken-style peers that read the same vocabulary run
// too: `tiktoken` (OpenAI's Rust core compiled to WASM) and `js-tiktoken` (pure JS), one encode per text,
// their ids compared with ours on every text.
//
//   node bench/tokenizer/run.js [--rounds 3] [--texts 20000] [--only cl100k]
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
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : '';
const N = arg('--texts', 20000);
const ROOT = path.join(__dirname, '..', '..');
const FIX = path.join(ROOT, 'test', 'fixtures', 'tokenizers');
const realLlama3 = path.join(ROOT, 'test', '.models', 'real-tokenizers', 'llama3', 'tokenizer.json');

const FILES = [
  ['WordPiece (bert-base-uncased vocab)', path.join(FIX, 'bert-uncased.json')],
  fs.existsSync(realLlama3) ? ['byte-level BPE (Llama 3, real file)', realLlama3] : ['byte-level BPE (Llama 3 layout, fixture)', path.join(FIX, 'llama3-bpe.json')],
  ...['cl100k_base', 'o200k_base'].map((encoding) => [`byte-level BPE (tiktoken ${encoding}, converted)`, path.join(ROOT, 'test', '.models', 'tiktoken', encoding, 'tokenizer.json'), encoding]),
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

// tiktoken (WASM) on every text and js-tiktoken on 5,000 of them (every k-th; scaled, as the pure-JS HF row),
// both with special tokens matched in the text ('all', as HF matches added tokens). Their ids are
// checked against ours on every text they encode ("ids equal" then counts texts equal to embedkit's).
async function tiktokenRows(encoding, texts, ours, rows) {
  const { get_encoding: getWasmEncoding } = require('tiktoken');
  const { getEncoding: getJsEncoding } = require('js-tiktoken');
  const wasm = getWasmEncoding(encoding);
  try {
    const r = await time(() => texts.map((t) => wasm.encode(t, 'all')));
    const same = r.out.filter((ids, i) => Array.from(ids).join(',') === ours[i]).length;
    rows.push({ label: 'tiktoken (WASM) encode', threads: 1, seconds: r.seconds, tokens: r.out.reduce((n, ids) => n + ids.length, 0), equalAll: `${same}/${texts.length} = embedkit` });
  } finally {
    wasm.free();
  }
  const js = getJsEncoding(encoding);
  // Every k-th text, so the sample has the same mix of glosses and multilingual text as the whole.
  const step = Math.max(1, Math.floor(texts.length / 5000));
  const picked = [];
  for (let i = 0; i < texts.length && picked.length < 5000; i += step) picked.push(i);
  const jsTexts = picked.map((i) => texts[i]);
  const r = await time(() => jsTexts.map((t) => js.encode(t, 'all')));
  const same = r.out.filter((ids, k) => ids.join(',') === ours[picked[k]]).length;
  const scale = texts.length / jsTexts.length;
  rows.push({ label: `js-tiktoken encode (${jsTexts.length} spread texts, scaled)`, threads: 1, seconds: r.seconds * scale, tokens: r.out.reduce((n, ids) => n + ids.length, 0) * scale, equalAll: `${same}/${jsTexts.length} = embedkit` });
}

async function main() {
  const texts = [...corpus.spread(corpus.wordnetGlosses(), Math.max(0, N - 600)), ...corpus.spread(multilingualTexts(), 600)];
  const { Tokenizer: JsTokenizer } = await import('@huggingface/tokenizers');
  console.log(`${texts.length} texts, best of ${ROUNDS}; ${os.cpus().length} cores; HF with RAYON_NUM_THREADS=1\n`);
  for (const [name, file, tiktokenEncoding] of FILES) {
    if (ONLY && !name.includes(ONLY)) continue;
    if (!fs.existsSync(file)) {
      console.log(`### ${name}\n\nskipped: ${file} is missing (bash scripts/test-setup/tiktoken-tokenizers.sh)\n`);
      continue;
    }
    const json = fs.readFileSync(file, 'utf8');
    const mine = Tokenizer.fromString(json);
    const ref = hf.Tokenizer.fromString(json);
    const js = new JsTokenizer(JSON.parse(json), {});
    const expected = (await ref.encodeBatch(texts.slice(0, 300))).map((e) => e.getIds().join(','));
    const rows = [];
    const check = (ids) => ids.slice(0, 300).filter((x, i) => x === expected[i]).length;
    const add = (label, threads, seconds, ids) => rows.push({ label, threads, seconds, tokens: ids.reduce((n, s) => n + (s ? s.split(',').length : 0), 0), equal: check(ids), ids });

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
    if (tiktokenEncoding) await tiktokenRows(tiktokenEncoding, texts, rows[0].ids, rows);
    setThreads(os.cpus().length);
    r = await time(() => mine.encodeBatch(texts));
    add('embedkit encodeBatch (full encodings)', os.cpus().length, r.seconds, r.out.map((e) => Array.from(e.ids).join(',')));

    const base = rows[0].seconds;
    console.log(`### ${name}\n`);
    console.log('| configuration | threads | texts/s | M tokens/s | time ÷ embedkit encodeBatch (1 thread) | ids equal to HF |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const row of rows) {
      const equal = row.equalAll || `${row.equal}/300`;
      console.log(`| ${row.label} | ${row.threads} | ${(texts.length / row.seconds / 1e3).toFixed(0)} k | ${(row.tokens / row.seconds / 1e6).toFixed(2)} | ${(row.seconds / base).toFixed(2)}x | ${equal} |`);
    }
    console.log('');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
