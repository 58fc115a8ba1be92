'use strict';
const assert = require('assert');
const path = require('path');
const { Worker } = require('worker_threads');
const { StaticModel, setThreads, getThreads, simdLevel } = require('../dist');
const { RS_MODELS } = require('./support/paths');
const corpus = require('./support/corpus');

const MODEL = path.join(RS_MODELS, 'test-model-float32');

describe('native thread pool and worker_threads', () => {
  it('reports a thread count and a SIMD level', () => {
    assert.ok(getThreads() >= 1);
    assert.ok(['avx512', 'avx2', 'baseline'].includes(simdLevel()));
  });

  it('gives the same vectors with 1 thread and with several', async () => {
    const model = await StaticModel.fromPretrained(MODEL);
    const texts = corpus.spread(corpus.wordnetGlosses(), 5000);
    const before = getThreads();
    try {
      setThreads(1);
      const one = await model.encode(texts);
      setThreads(4);
      const four = await model.encode(texts);
      assert.deepStrictEqual(one.data, four.data);
    } finally {
      setThreads(before);
    }
  });

  it('encode runs off the JS thread: timers fire while a large batch is encoded', async () => {
    const model = await StaticModel.fromPretrained(MODEL);
    const texts = corpus.spread(corpus.spamAssassinEmails(), 3000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = Date.now();
    await model.encode(texts.concat(texts, texts, texts));
    const elapsed = Date.now() - started;
    clearInterval(timer);
    // Only meaningful when the work took a while; the point is the loop was not blocked throughout.
    if (elapsed > 50) assert.ok(ticks > 2, `only ${ticks} timer ticks in ${elapsed} ms`);
  });

  it('many concurrent encode calls all resolve with the right rows', async () => {
    const model = await StaticModel.fromPretrained(MODEL);
    const texts = corpus.spread(corpus.wordnetGlosses(), 64);
    const sync = model.encodeSync(texts);
    const results = await Promise.all(texts.map((t) => model.encode([t])));
    results.forEach((r, i) => assert.deepStrictEqual(Array.from(r.row(0)), Array.from(sync.row(i))));
  });

  it('loads and encodes inside worker_threads, several at once', async () => {
    const code = `
      const { parentPort, workerData } = require('worker_threads');
      const { StaticModel } = require(workerData.dist);
      (async () => {
        const model = await StaticModel.fromPretrained(workerData.model);
        const emb = await model.encode(['hello world', 'worker threads']);
        parentPort.postMessage(Array.from(emb.data));
      })().catch((e) => parentPort.postMessage({ error: e.message }));`;
    const run = () =>
      new Promise((resolve, reject) => {
        const w = new Worker(code, { eval: true, workerData: { dist: path.resolve(__dirname, '..', 'dist'), model: MODEL } });
        w.once('message', resolve);
        w.once('error', reject);
      });
    const outs = await Promise.all([run(), run(), run()]);
    const model = await StaticModel.fromPretrained(MODEL);
    const want = Array.from((await model.encode(['hello world', 'worker threads'])).data);
    for (const out of outs) assert.deepStrictEqual(out, want);
  });

  it('a worker terminated while encoding does not crash the process', async () => {
    const code = `
      const { workerData, parentPort } = require('worker_threads');
      const { StaticModel } = require(workerData.dist);
      (async () => {
        const model = await StaticModel.fromPretrained(workerData.model);
        const texts = new Array(200000).fill('the quick brown fox jumps over the lazy dog');
        parentPort.postMessage('start');
        for (;;) await model.encode(texts);
      })();`;
    const w = new Worker(code, { eval: true, workerData: { dist: path.resolve(__dirname, '..', 'dist'), model: MODEL } });
    await new Promise((resolve) => w.once('message', resolve));
    await new Promise((r) => setTimeout(r, 30));
    await w.terminate();
    const model = await StaticModel.fromPretrained(MODEL);
    assert.strictEqual((await model.encode(['still alive'])).rows, 1);
  });

  it('a worker terminated mid-encode in a process whose main thread never loaded the addon exits cleanly', () => {
    // Node unloads an addon with the last environment that loaded it; the pool must not run unloaded code.
    const script = `
      const { Worker } = require('worker_threads');
      const code = \`
        const { workerData, parentPort } = require('worker_threads');
        const { StaticModel } = require(workerData.dist);
        (async () => {
          const model = await StaticModel.fromPretrained(workerData.model);
          const texts = new Array(200000).fill('the quick brown fox jumps over the lazy dog');
          parentPort.postMessage('start');
          for (;;) await model.encode(texts);
        })();\`;
      const w = new Worker(code, { eval: true, workerData: JSON.parse(process.argv[1]) });
      w.once('message', async () => {
        await new Promise((r) => setTimeout(r, 30));
        await w.terminate();
        setTimeout(() => console.log('clean exit'), 300);
      });`;
    const { spawnSync } = require('child_process');
    for (let i = 0; i < 3; i++) {
      const res = spawnSync(process.execPath, ['-e', script, JSON.stringify({ dist: path.resolve(__dirname, '..', 'dist'), model: MODEL })], { encoding: 'utf8', timeout: 60000 });
      assert.strictEqual(res.status, 0, `run ${i}: status ${res.status} signal ${res.signal} ${res.stderr}`);
      assert.match(res.stdout, /clean exit/);
    }
  });
});
