#!/usr/bin/env node
'use strict';
// Model2Vec encode throughput: embedkit vs the peers a user would pick instead.
//
//   node bench/static/run.js [--model DIR] [--quick] [--rounds N] [--glosses N] [--emails N]
//                            [--min-time S] [--only a,b,...] [--json OUT.json]
//
// Same model, same texts, one run. Every configuration runs in its own child process (so that
// RAYON_NUM_THREADS / EMBEDKIT_THREADS take effect) and times itself; configurations are
// interleaved round-robin for --rounds rounds and the best round is kept, so that load from other
// processes on the machine hits all rows alike. Progress goes to stderr; the markdown tables to stdout.
// Peers (bench/setup-peers.sh): model2vec-rs (bench/.peers/target), Python model2vec (bench/.peers/venv).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const PEERS = path.join(ROOT, 'bench', '.peers');
const RS_BIN = path.join(PEERS, 'target', 'release', 'model2vec-rs-runner');
const PY_BIN = path.join(PEERS, 'venv', 'bin', 'python');
const PY_RUNNER = path.join(__dirname, 'python_runner.py');
const CHILD = path.join(__dirname, 'child.js');
const SAMPLE = 200; // texts per corpus for the parity check

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const quick = flag('--quick');
const rounds = Number(opt('--rounds', quick ? 1 : 3));
const minTime = Number(opt('--min-time', quick ? 0.5 : 2));
const minReps = quick ? 2 : 3;
const nGlosses = Number(opt('--glosses', quick ? 5000 : 20000));
const nEmails = Number(opt('--emails', quick ? 500 : 2000));
const only = opt('--only', null);
const CORES = os.cpus().length;

function log(msg) {
  process.stderr.write(msg + '\n');
}

function pickModel() {
  const given = opt('--model', null);
  if (given) return { folder: path.resolve(given), why: '--model' };
  const shipped = path.join(ROOT, 'lib', 'default-model');
  if (fs.existsSync(path.join(shipped, 'model.safetensors'))) return { folder: shipped, why: 'the package default model' };
  const { RS_MODELS } = require('../../test/support/paths');
  return { folder: path.join(RS_MODELS, 'test-model-float32'), why: 'fallback: lib/default-model/ absent' };
}

// ---- configurations -------------------------------------------------------------------------
// base: the embedkit row this row's ratio is taken against. texts: 'full' or 'cut' (cut to
// maxLength x median token length characters, as model2vec does before tokenizing: tokenizer-only
// rows get that text, so they do the same work the encoders do).
const single = { RAYON_NUM_THREADS: '1', TOKENIZERS_PARALLELISM: 'false', OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', EMBEDKIT_THREADS: '1' };
const all = { EMBEDKIT_THREADS: String(CORES) };
const CONFIGS = [
  { id: 'ek-1', label: 'embedkit `encode` (async, pool of 1)', group: 'embedkit', threads: 1, node: 'embedkit-encode', env: single, texts: 'full', dump: true },
  { id: 'ek-sync', label: 'embedkit `encodeSync` (calling thread)', group: 'embedkit', threads: 1, node: 'embedkit-encodeSync', env: single, texts: 'full' },
  { id: 'rs-1', label: '(a) model2vec-rs 0.4.0 `encode`', group: 'peer', threads: 1, rs: '0.4.0', env: single, texts: 'full', dump: true },
  { id: 'rs020-1', label: '(a\') model2vec-rs 0.2.0 `encode` (the published 8000/s release)', group: 'peer', threads: 1, rs: '0.2.0', env: single, texts: 'full', dump: true },
  { id: 'py-1', label: '(b) Python model2vec `encode` (no multiprocessing)', group: 'peer', threads: 1, py: 'single', env: single, texts: 'full', dump: true },
  { id: 'hf-1', label: '(c) HF `tokenizers` npm `encodeBatch` (tokenize only)', group: 'peer', threads: 1, node: 'hf-tokenizers', env: single, texts: 'cut', dump: true },
  { id: 'js-1', label: '(d) plain JS: HF tokenizers + Float32Array mean', group: 'peer', threads: 1, node: 'plain-js', env: single, texts: 'full', dump: true },
  { id: 'ektok-1', label: '(e) embedkit `Tokenizer.encodeBatch` (tokenize only)', group: 'peer', threads: 1, node: 'embedkit-tokenizer', env: single, texts: 'cut', dump: true },
  { id: 'ektokids-1', label: '(e\') embedkit `Tokenizer.encodeIdsBatchSync` (ids only, calling thread)', group: 'peer', threads: 1, node: 'embedkit-tokenizer-ids', env: single, texts: 'cut' },
  { id: 'ek-all', label: `embedkit \`encode\` (async, pool of ${CORES})`, group: 'embedkit', threads: CORES, node: 'embedkit-encode', env: all, texts: 'full' },
  { id: 'rs-all', label: '(a) model2vec-rs 0.4.0 `encode` (rayon)', group: 'peer', threads: CORES, rs: '0.4.0', env: {}, texts: 'full' },
  { id: 'py-all', label: '(b) Python model2vec `encode` (library defaults)', group: 'peer', threads: CORES, py: 'all', env: {}, texts: 'full' },
  { id: 'hf-all', label: '(c) HF `tokenizers` npm `encodeBatch` (rayon)', group: 'peer', threads: CORES, node: 'hf-tokenizers', env: {}, texts: 'cut' },
  { id: 'js-all', label: '(d) plain JS (tokenizers on rayon, pooling on JS thread)', group: 'peer', threads: CORES, node: 'plain-js', env: {}, texts: 'full' },
  { id: 'ektok-all', label: `(e) embedkit \`Tokenizer.encodeBatch\` (pool of ${CORES})`, group: 'peer', threads: CORES, node: 'embedkit-tokenizer', env: all, texts: 'cut' },
].filter((c) => !only || only.split(',').includes(c.id) || c.group === 'embedkit');

function cleanEnv(extra) {
  const env = { ...process.env };
  for (const k of ['RAYON_NUM_THREADS', 'TOKENIZERS_PARALLELISM', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'EMBEDKIT_THREADS']) delete env[k];
  return { ...env, ...extra };
}

function runConfig(cfg, model, files, dumpFile) {
  const textsFile = cfg.texts === 'cut' ? files.cut : files.full;
  const timing = ['--min-time', String(minTime), '--min-reps', String(minReps)];
  const dumpArgs = dumpFile ? ['--dump', String(SAMPLE), dumpFile] : [];
  let cmd;
  let args;
  if (cfg.rs) {
    if (!fs.existsSync(RS_BIN)) return { na: 'model2vec-rs runner not built (bench/setup-peers.sh rust)' };
    cmd = RS_BIN;
    args = [model, textsFile, '--impl', cfg.rs, ...timing, ...dumpArgs];
  } else if (cfg.py) {
    if (!fs.existsSync(PY_BIN)) return { na: 'Python venv missing (bench/setup-peers.sh python)' };
    cmd = PY_BIN;
    args = [PY_RUNNER, model, textsFile, '--mode', cfg.py, ...timing, ...dumpArgs];
  } else {
    cmd = process.execPath;
    args = [CHILD, cfg.node, '--model', model, '--texts', textsFile, '--threads', String(cfg.threads), ...timing, ...dumpArgs];
  }
  const res = spawnSync(cmd, args, { env: cleanEnv(cfg.env), encoding: 'utf8', maxBuffer: 64 << 20, timeout: 15 * 60 * 1000 });
  const line = (res.stdout || '').trim().split('\n').filter(Boolean).pop();
  let out = null;
  try {
    out = line ? JSON.parse(line) : null;
  } catch {
    out = null;
  }
  if (!out || res.status !== 0 && !out.na) {
    const why = (out && out.error) || (res.stderr || '').trim().split('\n').slice(-3).join(' | ') || `exit ${res.status}`;
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
  if (aa === 0 && bb === 0) return 1;
  if (aa === 0 || bb === 0) return 0;
  return ab / Math.sqrt(aa * bb);
}

function fmt(n) {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'n/a';
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)} k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return n.toFixed(0);
}

async function main() {
  let ek;
  let partial;
  try {
    ({ ek, partial } = require('./embedkit').loadEmbedkit());
    if (partial) log(`note: ${partial}`);
  } catch (err) {
    log(`embedkit dist/ cannot be loaded (${err.message.split('\n')[0]}): run \`npm run build\` (and the native build) first`);
    process.exit(1);
  }
  const { folder, why } = pickModel();
  const model = ek.StaticModel.fromFolderSync(folder);
  const info = model.info;
  const corpus = require('../../test/support/corpus');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'embedkit-bench-'));
  const median = info.medianTokenLength;
  const tokJson = JSON.parse(fs.readFileSync(info.tokenizerPath, 'utf8'));
  const unkToken = tokJson.model && tokJson.model.unk_token;
  const unkId = unkToken != null && tokJson.model.vocab && !Array.isArray(tokJson.model.vocab) ? tokJson.model.vocab[unkToken] : undefined;
  const cutLen = 512 * median;
  const cut = (t) => (t.length <= cutLen ? t : Array.from(t).slice(0, cutLen).join(''));

  const corpora = [
    { name: 'WordNet glosses', short: 'glosses', texts: corpus.spread(corpus.wordnetGlosses(), nGlosses) },
    { name: 'SpamAssassin emails', short: 'emails', texts: corpus.spread(corpus.spamAssassinEmails(), nEmails) },
  ];
  for (const c of corpora) {
    c.files = { full: path.join(tmp, `${c.short}.json`), cut: path.join(tmp, `${c.short}.cut.json`) };
    fs.writeFileSync(c.files.full, JSON.stringify(c.texts));
    fs.writeFileSync(c.files.cut, JSON.stringify(c.texts.map(cut)));
    c.tokens = 0;
    for (const t of c.texts) c.tokens += model.tokenIds(t).length;
    c.chars = c.texts.reduce((s, t) => s + t.length, 0);
    c.results = {};
    c.dumps = {};
    log(`${c.name}: ${c.texts.length} texts, ${c.tokens} tokens after model2vec's processing (${(c.tokens / c.texts.length).toFixed(1)}/text), ${(c.chars / c.texts.length).toFixed(0)} chars/text`);
  }
  log(`model: ${folder} (${why}); dim ${info.dim}, ${info.rows} rows, ${info.dtype}, normalize ${info.normalize}, median token length ${median}`);
  log(`machine: ${CORES} cores (${os.cpus()[0].model}); rounds ${rounds}, min time ${minTime}s/config`);

  for (let round = 0; round < rounds; round++) {
    for (const c of corpora) {
      for (const cfg of CONFIGS) {
        const dumpFile = round === 0 && cfg.dump ? path.join(tmp, `${c.short}.${cfg.id}.dump.json`) : null;
        const r = runConfig(cfg, folder, c.files, dumpFile);
        if (dumpFile && fs.existsSync(dumpFile)) c.dumps[cfg.id] = JSON.parse(fs.readFileSync(dumpFile, 'utf8'));
        const prev = c.results[cfg.id];
        if (!prev || (r.sentences_per_s && (!prev.sentences_per_s || r.sentences_per_s > prev.sentences_per_s))) c.results[cfg.id] = r;
        const shown = r.sentences_per_s ? `${fmt(r.sentences_per_s)} sent/s (${r.reps} reps)` : r.na ? `n/a: ${r.na}` : `error: ${r.error}`;
        log(`[round ${round + 1}/${rounds}] ${c.short.padEnd(7)} ${cfg.id.padEnd(9)} ${shown}`);
      }
    }
  }

  // ---- parity: same vectors / same ids on a sample ---------------------------------------------
  for (const c of corpora) {
    c.parity = {};
    const sample = c.texts.slice(0, SAMPLE);
    const ref = model.encodeSync(sample);
    for (const id of ['rs-1', 'rs020-1', 'py-1', 'js-1']) {
      const d = c.dumps[id];
      if (!d) continue;
      let min = 1;
      let bad = 0;
      for (let i = 0; i < d.length; i++) {
        const cs = cosine(ref.row(i), d[i]);
        min = Math.min(min, cs);
        if (!(cs >= 0.9999)) bad++;
      }
      c.parity[id] = { min, bad, n: d.length };
    }
    const refIds = sample.map((t) => Array.from(model.tokenIds(t)));
    for (const id of ['hf-1', 'ektok-1']) {
      const d = c.dumps[id];
      if (!d) continue;
      // Compare with the ids that make up embedkit's vectors: drop [UNK], keep the first 512.
      const unk = unkId;
      let same = 0;
      for (let i = 0; i < d.length; i++) {
        const ids = d[i].filter((x) => x !== unk).slice(0, 512);
        if (ids.length === refIds[i].length && ids.every((x, k) => x === refIds[i][k])) same++;
      }
      c.parity[id] = { same, n: d.length };
    }
  }

  // ---- tables -----------------------------------------------------------------------------------
  const lines = [];
  lines.push(`Model: \`${path.relative(ROOT, folder) || folder}\` (${why}; dim ${info.dim}, ${info.rows} rows, ${info.dtype}, normalize ${info.normalize}). ` +
    `Machine: ${CORES} cores, ${os.cpus()[0].model}, Node ${process.version}, embedkit SIMD ${ek.simdLevel()}. ` +
    `Best of ${rounds} round(s); each cell is the median pass of that round (≥ ${minReps} passes and ≥ ${minTime} s).`);
  lines.push('');
  for (const c of corpora) {
    lines.push(`### ${c.name}: ${c.texts.length} texts, ${(c.tokens / c.texts.length).toFixed(1)} tokens/text`);
    lines.push('');
    lines.push('| configuration | threads | sentences/s | tokens/s | embedkit `encode` ÷ this | parity with embedkit |');
    lines.push('|---|---:|---:|---:|---:|---|');
    for (const cfg of CONFIGS) {
      const r = c.results[cfg.id] || {};
      const base = c.results[cfg.threads === 1 ? 'ek-1' : 'ek-all'] || {};
      const sps = r.sentences_per_s;
      const ratio = sps && base.sentences_per_s ? `${(base.sentences_per_s / sps).toFixed(2)}x` : 'n/a';
      const p = c.parity[cfg.id];
      let parity = '';
      if (p && p.min !== undefined) parity = `min cos ${p.min.toFixed(6)} over ${p.n}${p.bad ? `, ${p.bad} below 0.9999` : ''}`;
      else if (p) parity = `ids equal ${p.same}/${p.n}`;
      if (!sps) parity = r.na ? `n/a: ${r.na}` : r.error ? `error: ${r.error.slice(0, 120)}` : parity;
      lines.push(`| ${cfg.label} | ${cfg.threads} | ${fmt(sps)} | ${fmt(sps ? sps * c.tokens / c.texts.length : null)} | ${ratio} | ${parity} |`);
    }
    lines.push('');
  }
  const g = corpora[0].results;
  const checks = [
    ['≥ 80,000 short sentences/s on one thread (embedkit `encode`, pool of 1)', g['ek-1'] && g['ek-1'].sentences_per_s, (v) => v >= 80000, (v) => `${fmt(v)}/s`],
    ['≥ 5x model2vec-rs, one thread (glosses)', ratioOf(g, 'ek-1', 'rs-1'), (v) => v >= 5, (v) => `${v.toFixed(2)}x`],
    ['≥ 5x HF tokenizers npm (c), one thread (glosses)', ratioOf(g, 'ek-1', 'hf-1'), (v) => v >= 5, (v) => `${v.toFixed(2)}x`],
    ['≥ 5x model2vec-rs, one thread (emails)', ratioOf(corpora[1].results, 'ek-1', 'rs-1'), (v) => v >= 5, (v) => `${v.toFixed(2)}x`],
    ['≥ 5x HF tokenizers npm (c), one thread (emails)', ratioOf(corpora[1].results, 'ek-1', 'hf-1'), (v) => v >= 5, (v) => `${v.toFixed(2)}x`],
  ];
  lines.push('| target | measured | met |');
  lines.push('|---|---:|---|');
  for (const [name, v, ok, show] of checks) {
    lines.push(`| ${name} | ${Number.isFinite(v) ? show(v) : 'n/a'} | ${Number.isFinite(v) ? (ok(v) ? 'yes' : '**no**') : 'n/a'} |`);
  }
  lines.push('');
  lines.push('Tokens = ids after model2vec\'s processing (text cut to 512 x median token length characters, [UNK] dropped, ≤ 512 ids), summed from embedkit\'s `tokenIds`; the same count is used for every row, so tokens/s ratios equal sentences/s ratios. ' +
    'Tokenizer-only rows (c, e) get the texts already cut to that many characters. Peers time themselves around their encode call (no process start, no model load).');
  process.stdout.write(lines.join('\n') + '\n');

  const jsonOut = opt('--json', null);
  if (jsonOut) {
    fs.writeFileSync(jsonOut, JSON.stringify({
      date: new Date().toISOString(), model: folder, info, cores: CORES, cpu: os.cpus()[0].model, rounds, minTime,
      corpora: corpora.map((c) => ({ name: c.name, texts: c.texts.length, tokens: c.tokens, chars: c.chars, results: c.results, parity: c.parity })),
    }, null, 2));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

function ratioOf(results, a, b) {
  const x = results[a] && results[a].sentences_per_s;
  const y = results[b] && results[b].sentences_per_s;
  return x && y ? x / y : NaN;
}

main().catch((err) => {
  log(err.stack || String(err));
  process.exit(1);
});
