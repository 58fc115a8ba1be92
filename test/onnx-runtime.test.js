'use strict';
// How onnxruntime is found: headers fetched at build time (scripts/build-deps/fetch-debian.js), the
// library loaded at run time from ORT_DYLIB_PATH, else the onnxruntime-node package, else the system.
const assert = require('assert');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { Worker } = require('worker_threads');
const { TextEmbedding } = require('../dist');
const { onnxRuntimeDirs } = require('../dist/onnx-runtime.js');
const { FIXTURES, ROOT } = require('./support/paths');

const EMBED = path.join(FIXTURES, 'onnx', 'bert-embed');

describe('onnxruntime loading', function () {
  this.timeout(60000);

  it('built against C API headers (ORT_API_VERSION >= 21) that the build fetched or found', () => {
    const { ensure } = require('../scripts/build-deps/fetch-debian.js');
    const { include } = ensure('onnxruntime', () => undefined);
    const header = fs.readFileSync(path.join(include, 'onnxruntime_c_api.h'), 'utf8');
    const version = Number(/#define ORT_API_VERSION (\d+)/.exec(header)[1]);
    assert.ok(version >= 21, `ORT_API_VERSION ${version}`);
  });

  it("finds the library inside the onnxruntime-node package and reports the runtime's version", async () => {
    const dirs = onnxRuntimeDirs();
    assert.ok(dirs.length > 0 && dirs.every((d) => d.endsWith(path.join(process.platform, process.arch))), dirs.join(', '));
    const te = await TextEmbedding.fromPretrained(EMBED);
    assert.match(te.info.runtimeVersion, /^1\.\d+\.\d+/);
    assert.ok(fs.existsSync(te.info.runtimePath), te.info.runtimePath);
    console.log(`      onnxruntime ${te.info.runtimeVersion} from ${te.info.runtimePath}`);
  });

  it('ORT_DYLIB_PATH comes first', () => {
    const lib = fs.readdirSync(onnxRuntimeDirs()[0]).find((f) => /^libonnxruntime\.(so|dylib)/.test(f) || f === 'onnxruntime.dll');
    // A copy at a path of our own, so that the answer can only come from ORT_DYLIB_PATH.
    const copy = path.join(require('os').tmpdir(), `ek-ort-${process.pid}-${lib}`);
    fs.copyFileSync(path.join(onnxRuntimeDirs()[0], lib), copy);
    try {
      const script = `require(${JSON.stringify(path.join(ROOT, 'dist'))}).TextEmbedding.fromPretrained(${JSON.stringify(EMBED)})
        .then((te) => console.log(te.info.runtimePath), (e) => console.log('error ' + e.message))`;
      const out = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, ORT_DYLIB_PATH: copy }, encoding: 'utf8' }).trim();
      assert.strictEqual(out, copy);
    } finally {
      fs.rmSync(copy, { force: true });
    }
  });

  it('loads and embeds inside worker_threads', async () => {
    const code = `
      const { parentPort, workerData } = require('worker_threads');
      const { TextEmbedding } = require(workerData.dist);
      TextEmbedding.fromPretrained(workerData.model).then((te) => te.embedAll(['in a worker'])).then(
        (e) => parentPort.postMessage(Array.from(e.row(0))), (err) => parentPort.postMessage({ error: err.message }));`;
    const fromWorker = await new Promise((resolve, reject) => {
      const w = new Worker(code, { eval: true, workerData: { dist: path.join(ROOT, 'dist'), model: EMBED } });
      w.once('message', resolve);
      w.once('error', reject);
    });
    assert.ok(Array.isArray(fromWorker), JSON.stringify(fromWorker));
    const here = await (await TextEmbedding.fromPretrained(EMBED)).embedAll(['in a worker']);
    assert.deepStrictEqual(fromWorker, Array.from(here.row(0)));
  });
});
