'use strict';
// One benchmark configuration, run in its own process so that thread-count environment variables
// (RAYON_NUM_THREADS, EMBEDKIT_THREADS) take effect before any native library starts its pool.
//
//   node bench/static/child.js <kind> --model DIR --texts FILE --threads N
//        [--min-time S] [--min-reps N] [--warmup N] [--dump K OUT.json]
//
// kinds: embedkit-encode | embedkit-encodeSync | embedkit-tokenizer | embedkit-tokenizer-ids | hf-tokenizers | plain-js
// Prints one JSON line: { sentences_per_s (median pass), sentences_per_s_best, reps, ids?, ... }
// or { na: "why" } when the configuration cannot run.
const fs = require('fs');
const path = require('path');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const kind = process.argv[2];
const folder = arg('--model');
const texts = JSON.parse(fs.readFileSync(arg('--texts'), 'utf8'));
const threads = Number(arg('--threads', '1'));
const minTime = Number(arg('--min-time', '2'));
const minReps = Number(arg('--min-reps', '3'));
const warmup = Number(arg('--warmup', '1'));
const dumpAt = process.argv.indexOf('--dump');
const dump = dumpAt >= 0 ? { k: Number(process.argv[dumpAt + 1]), file: process.argv[dumpAt + 2] } : null;

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function time(fn) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
  while (times.length < minReps || elapsed() < minTime) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return {
    reps: times.length,
    best_s: times[0],
    median_s: median,
    sentences_per_s: texts.length / median,
    sentences_per_s_best: texts.length / times[0],
  };
}

function writeDump(rows, dim, k) {
  const out = [];
  for (let i = 0; i < k; i++) out.push(Array.from(rows.subarray(i * dim, (i + 1) * dim)));
  fs.writeFileSync(dump.file, JSON.stringify(out));
}

/** Total ids in whatever shape a tokenizer's batch result has. */
function countIds(result) {
  let n = 0;
  for (const e of result) {
    if (e == null) continue;
    if (typeof e.getIds === 'function') n += e.getIds().length;
    else if (e.ids && e.ids.length !== undefined) n += e.ids.length;
    else if (e.length !== undefined) n += e.length;
  }
  return n;
}

function idsOf(result, k) {
  const out = [];
  for (let i = 0; i < k; i++) {
    const e = result[i];
    const ids = typeof e.getIds === 'function' ? e.getIds() : e.ids !== undefined ? e.ids : e;
    out.push(Array.from(ids));
  }
  return out;
}

async function main() {
  let ek = null;
  if (kind.startsWith('embedkit')) {
    try {
      ek = require('./embedkit').loadEmbedkit().ek;
    } catch (err) {
      return emit({ na: `dist/ not loadable: ${err.message.split('\n')[0]}` });
    }
    ek.setThreads(threads);
  }
  switch (kind) {
    case 'embedkit-encode':
    case 'embedkit-encodeSync': {
      const model = ek.StaticModel.fromFolderSync(folder);
      const sync = kind === 'embedkit-encodeSync';
      const r = await time(sync ? () => model.encodeSync(texts) : () => model.encode(texts));
      if (dump) {
        const e = model.encodeSync(texts.slice(0, dump.k));
        writeDump(e.data, e.dim, dump.k);
      }
      return emit({ ...r, threads: ek.getThreads(), simd: ek.simdLevel(), dim: model.dim });
    }
    case 'embedkit-tokenizer':
    case 'embedkit-tokenizer-ids': {
      if (typeof ek.Tokenizer !== 'function' || typeof ek.Tokenizer.fromFile !== 'function') {
        return emit({ na: 'embedkit Tokenizer not in dist/ yet' });
      }
      let tok;
      try {
        tok = ek.Tokenizer.fromFile(path.join(folder, 'tokenizer.json'));
        if (tok && typeof tok.then === 'function') tok = await tok;
      } catch (err) {
        return emit({ na: `Tokenizer.fromFile failed: ${err.message.split('\n')[0]}` });
      }
      if (kind === 'embedkit-tokenizer-ids') {
        if (typeof tok.encodeIdsBatchSync !== 'function') return emit({ na: 'no encodeIdsBatchSync' });
        const run = () => tok.encodeIdsBatchSync(texts, { addSpecialTokens: false });
        const r = await time(run);
        return emit({ ...r, ids: run().ids.length, threads: 1 });
      }
      const run = () => tok.encodeBatch(texts, { addSpecialTokens: false });
      const r = await time(run);
      const result = await run();
      if (dump) fs.writeFileSync(dump.file, JSON.stringify(idsOf(result, dump.k)));
      return emit({ ...r, ids: countIds(result), threads: ek.getThreads() });
    }
    case 'hf-tokenizers': {
      const { Tokenizer } = require('tokenizers');
      const tok = Tokenizer.fromFile(path.join(folder, 'tokenizer.json'));
      tok.disablePadding();
      tok.setTruncation(512); // as model2vec sets it
      const run = () => tok.encodeBatch(texts, { addSpecialTokens: false });
      const r = await time(run);
      const result = await run();
      if (dump) fs.writeFileSync(dump.file, JSON.stringify(idsOf(result, dump.k)));
      return emit({ ...r, ids: countIds(result), rayon: process.env.RAYON_NUM_THREADS || 'default' });
    }
    case 'plain-js': {
      const { PlainJsStaticModel } = require('./plain-js');
      const model = new PlainJsStaticModel(folder);
      const r = await time(() => model.encode(texts));
      if (dump) writeDump(await model.encode(texts.slice(0, dump.k)), model.dim, dump.k);
      return emit({ ...r, rayon: process.env.RAYON_NUM_THREADS || 'default', dim: model.dim });
    }
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

main().catch((err) => {
  emit({ error: String(err && err.stack ? err.stack : err) });
  process.exitCode = 1;
});
