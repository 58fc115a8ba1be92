#!/usr/bin/env node
'use strict';
// Transformer text-embedding throughput: embedkit TextEmbedding vs the peers a user would pick.
//
//   node bench/onnx/run.js [--model DIR] [--quick] [--rounds N] [--glosses N] [--emails N]
//                          [--batch B] [--threads 1,2] [--max-length L] [--min-time S]
//                          [--only a,b,...] [--json OUT.json]
//
// Same real model folder (default test/.models/all-MiniLM-L6-v2-int8, from
// scripts/test-setup/onnx-models.sh), same texts (WordNet glosses and SpamAssassin emails
// interleaved: one mixed-length corpus), same batch size, same thread count, same truncation
// (default 256 = the model's max_seq_length in sentence_bert_config.json; every peer is told so),
// batch size 64 for every row (the libraries default to 256, but fastembed-js pads every text to
// maxLength and at 256 x 256 tokens its process passed 10 GB on this 24 GB shared machine), mean
// pooling + L2 everywhere a peer allows it. Every
// configuration runs in its own process (bench/onnx/child.js, bench/onnx/python_runner.py); at one
// thread every process is pinned to one CPU with `taskset` when it exists, because fastembed-js has
// no thread setting. Configurations are interleaved round-robin for --rounds rounds and the best
// round is kept. Progress to stderr; the markdown table to stdout.
// Peers: npm devDependencies (fastembed, @huggingface/transformers, onnxruntime-node, tokenizers) and
// Python FastEmbed in bench/.peers/venv (bench/setup-peers.sh onnx).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const PY_BIN = path.join(ROOT, 'bench', '.peers', 'venv', 'bin', 'python');
const PY_RUNNER = path.join(__dirname, 'python_runner.py');
const CHILD = path.join(__dirname, 'child.js');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const quick = flag('--quick');
const rounds = Number(opt('--rounds', quick ? 1 : 2));
const minTime = Number(opt('--min-time', quick ? 0.5 : 2));
const minReps = Number(opt('--min-reps', quick ? 1 : 2));
const nGlosses = Number(opt('--glosses', quick ? 60 : 240));
const nEmails = Number(opt('--emails', quick ? 4 : 12));
const batch = Number(opt('--batch', 64));
const maxLength = Number(opt('--max-length', 256));
const threadList = opt('--threads', '1').split(',').map(Number);
const only = opt('--only', null);
const folder = path.resolve(opt('--model', path.join(ROOT, 'test', '.models', 'all-MiniLM-L6-v2-int8')));
const CORES = os.cpus().length;
const TASKSET = ['/usr/bin/taskset', '/bin/taskset'].find((p) => fs.existsSync(p));

const log = (msg) => process.stderr.write(msg + '\n');

const ROWS = [
  { id: 'embedkit', label: 'embedkit `TextEmbedding.embed` (mean, L2)', node: 'embedkit', base: true },
  { id: 'ort-raw', label: 'raw onnxruntime-node `session.run` (pre-tokenized, embedkit\'s batches)', node: 'ort-raw' },
  { id: 'fastembed-js', label: 'fastembed-js 2.1 `FlagEmbedding.embed` (CUSTOM, local folder)', node: 'fastembed-js' },
  { id: 'transformers-js', label: 'transformers.js 4 `feature-extraction` (mean, L2; chunks of B)', node: 'transformers-js' },
  { id: 'py-fastembed', label: 'Python FastEmbed `TextEmbedding.embed` (custom model, mean, L2)', py: true },
].filter((r) => !only || r.base || only.split(',').includes(r.id));

function runRow(row, threads, textsFile, dumpFile) {
  const common = ['--threads', String(threads), '--batch', String(batch), '--min-time', String(minTime), '--min-reps', String(minReps)];
  const dump = dumpFile ? ['--dump', dumpFile] : [];
  let cmd;
  let args;
  if (row.py) {
    if (!fs.existsSync(PY_BIN)) return { na: 'bench/.peers/venv missing (bench/setup-peers.sh onnx)' };
    cmd = PY_BIN;
    args = [PY_RUNNER, folder, textsFile, '--max-length', String(maxLength), ...common, ...dump];
  } else {
    cmd = process.execPath;
    args = [CHILD, row.node, '--model', folder, '--texts', textsFile, '--max-length', String(maxLength), ...common, ...dump];
  }
  if (threads === 1 && TASKSET) {
    args = ['-c', '0', cmd, ...args];
    cmd = TASKSET;
  }
  const env = { ...process.env, TOKENIZERS_PARALLELISM: 'false', OMP_NUM_THREADS: String(threads), RAYON_NUM_THREADS: String(threads) };
  const res = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 20 * 60 * 1000 });
  const line = (res.stdout || '').trim().split('\n').filter(Boolean).pop();
  let out = null;
  try {
    out = line ? JSON.parse(line) : null;
  } catch {
    out = null;
  }
  if (!out || (res.status !== 0 && !out.na)) {
    const why = (out && out.error) || (res.stderr || '').trim().split('\n').slice(-3).join(' | ') || `exit ${res.status} ${res.signal || ''}`;
    return { error: why.slice(0, 400) };
  }
  return out;
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

function fmt(n) {
  if (!Number.isFinite(n)) return 'n/a';
  if (n >= 1e4) return `${Math.round(n / 1e3)} k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

async function main() {
  if (!fs.existsSync(path.join(folder, 'onnx', 'model.onnx'))) {
    log(`no model at ${folder}: run bash scripts/test-setup/onnx-models.sh (or pass --model DIR)`);
    process.exit(1);
  }
  const corpus = require('../../test/support/corpus');
  const glosses = corpus.spread(corpus.wordnetGlosses(), nGlosses);
  const emails = corpus.spread(corpus.spamAssassinEmails(), nEmails);
  // Interleave: one email after every (glosses/emails) glosses, so batches mix lengths as user input does.
  const texts = [];
  const every = Math.max(1, Math.floor(glosses.length / Math.max(1, emails.length)));
  for (let i = 0, e = 0; i < glosses.length; i++) {
    texts.push(glosses[i]);
    if ((i + 1) % every === 0 && e < emails.length) texts.push(emails[e++]);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'embedkit-bench-onnx-'));
  const textsFile = path.join(tmp, 'texts.json');
  fs.writeFileSync(textsFile, JSON.stringify(texts));

  const { Tokenizer } = require('tokenizers');
  const tok = Tokenizer.fromFile(path.join(folder, 'tokenizer.json'));
  tok.setTruncation(maxLength);
  tok.disablePadding();
  const lengths = (await tok.encodeBatch(texts)).map((e) => e.getIds().length);
  const tokens = lengths.reduce((s, n) => s + n, 0);
  log(`model: ${path.relative(ROOT, folder) || folder}; ${texts.length} texts (${glosses.length} glosses + ${emails.length} emails), ${tokens} tokens after truncation at ${maxLength} (${(tokens / texts.length).toFixed(1)}/text, longest ${Math.max(...lengths)})`);
  log(`machine: ${CORES} cores (${os.cpus()[0].model}), load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; batch ${batch}; threads ${threadList.join(',')}; rounds ${rounds}; taskset ${TASKSET ? 'yes' : 'no'}`);

  const results = {};
  const dumps = {};
  for (let round = 0; round < rounds; round++) {
    for (const threads of threadList) {
      for (const row of ROWS) {
        const key = `${row.id}@${threads}`;
        const dumpFile = round === 0 ? path.join(tmp, `${key}.dump.json`) : null;
        const r = runRow(row, threads, textsFile, dumpFile);
        if (dumpFile && fs.existsSync(dumpFile)) dumps[key] = JSON.parse(fs.readFileSync(dumpFile, 'utf8'));
        const prev = results[key];
        if (!prev || (r.sentences_per_s && (!prev.sentences_per_s || r.sentences_per_s > prev.sentences_per_s))) results[key] = r;
        const shown = r.sentences_per_s ? `${fmt(r.sentences_per_s)} texts/s (${r.reps} passes)` : r.na ? `n/a: ${r.na}` : `error: ${r.error}`;
        log(`[round ${round + 1}/${rounds}] ${key.padEnd(20)} ${shown}`);
      }
    }
  }

  // Parity against embedkit when it ran, else against the raw runtime + mean/L2 done in JS.
  const lines = [];
  lines.push(`Model: \`${path.relative(ROOT, folder) || folder}\` (all-MiniLM-L6-v2, BERT 6x384, ONNX with int8 weights dequantized in the graph). ` +
    `Corpus: ${texts.length} texts = ${glosses.length} WordNet glosses + ${emails.length} SpamAssassin emails interleaved, ${(tokens / texts.length).toFixed(1)} tokens/text after truncation at ${maxLength}. ` +
    `Batch size ${batch} for every row (embedkit and the raw row then split each chunk by length). Machine: ${CORES} cores, ${os.cpus()[0].model}, Node ${process.version}. Best of ${rounds} round(s), each cell the median of ≥ ${minReps} full passes (≥ ${minTime} s).`);
  lines.push('');
  for (const threads of threadList) {
    const baseKey = `embedkit@${threads}`;
    const refKey = dumps[baseKey] ? baseKey : `ort-raw@${threads}`;
    lines.push(`#### ${threads} thread${threads > 1 ? 's' : ''}${threads === 1 && TASKSET ? ' (every process pinned to one CPU)' : ''}`);
    lines.push('');
    lines.push(`| configuration | texts/s | tokens/s | embedkit ÷ this | parity with ${refKey.split('@')[0]} (min cosine over ${texts.length}) |`);
    lines.push('|---|---:|---:|---:|---|');
    const base = results[baseKey] || {};
    for (const row of ROWS) {
      const key = `${row.id}@${threads}`;
      const r = results[key] || {};
      const sps = r.sentences_per_s;
      const ratio = sps && base.sentences_per_s ? `${(base.sentences_per_s / sps).toFixed(2)}x` : 'n/a';
      let parity = '';
      if (dumps[key] && dumps[refKey] && key !== refKey) {
        let min = 1;
        dumps[key].forEach((v, i) => (min = Math.min(min, cosine(v, dumps[refKey][i]))));
        parity = min.toFixed(6);
      } else if (key === refKey) parity = '(reference)';
      if (!sps) parity = r.na ? `n/a: ${r.na}` : r.error ? `error: ${r.error.slice(0, 160)}` : parity;
      lines.push(`| ${row.label} | ${fmt(sps)} | ${fmt(sps ? (sps * tokens) / texts.length : NaN)} | ${ratio} | ${parity} |`);
    }
    lines.push('');
    const ratio = (id, invert = false) => {
      const x = base.sentences_per_s;
      const y = results[`${id}@${threads}`] && results[`${id}@${threads}`].sentences_per_s;
      return x && y ? (invert ? y / x : x / y) : NaN;
    };
    const checks = [
      ['≥ 2x fastembed-js', ratio('fastembed-js'), (v) => v >= 2, (v) => `${v.toFixed(2)}x`],
      ['≥ 2x transformers.js', ratio('transformers-js'), (v) => v >= 2, (v) => `${v.toFixed(2)}x`],
      ['≥ 1.5x Python FastEmbed', ratio('py-fastembed'), (v) => v >= 1.5, (v) => `${v.toFixed(2)}x`],
      ['≤ 5% over raw `session.run` time', ratio('ort-raw', true), (v) => v <= 1.05, (v) => `${((v - 1) * 100).toFixed(1)}% over`],
    ];
    lines.push('| target | measured | met |');
    lines.push('|---|---:|---|');
    for (const [name, v, ok, show] of checks) {
      lines.push(`| ${name} | ${Number.isFinite(v) ? show(v) : 'n/a'} | ${Number.isFinite(v) ? (ok(v) ? 'yes' : '**no**') : 'n/a'} |`);
    }
    lines.push('');
  }
  lines.push('tokens/s = texts/s × the mean number of real (unpadded) tokens per text, the same count for every row. ' +
    'fastembed-js pools token 0 (CLS) whatever the model and pads every text to maxLength (spec §6.2), hence its parity column; ' +
    'every other row pools the mean over the attention mask and normalizes.');
  process.stdout.write(lines.join('\n') + '\n');
  const jsonOut = opt('--json', null);
  if (jsonOut) {
    fs.writeFileSync(jsonOut, JSON.stringify({ date: new Date().toISOString(), folder, texts: texts.length, tokens, batch, maxLength, threads: threadList, rounds, cores: CORES, results }, null, 2));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  log(err.stack || String(err));
  process.exit(1);
});
