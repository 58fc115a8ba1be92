'use strict';
const assert = require('assert');
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { StaticModel } = require('../dist');

const CLI = path.resolve(__dirname, '..', 'dist', 'cli.js');

function readNpy(file) {
  const buf = fs.readFileSync(file);
  assert.strictEqual(buf.toString('latin1', 0, 6), '\x93NUMPY');
  const headerLen = buf.readUInt16LE(8);
  const header = buf.toString('latin1', 10, 10 + headerLen);
  assert.strictEqual((10 + headerLen) % 64, 0);
  const [, rows, dim] = header.match(/'shape': \((\d+), (\d+)\)/);
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset + 10 + headerLen, buf.byteOffset + buf.length));
  return { rows: Number(rows), dim: Number(dim), data, header };
}

describe('embedkit CLI', () => {
  let model;
  before(async () => {
    model = await StaticModel.fromPretrained();
  });

  it('embeds texts given as arguments with the default model, as JSON lines', async () => {
    const out = execFileSync(process.execPath, [CLI, 'embed', "It's dangerous to go alone!", "It's a secret to everybody."], { encoding: 'utf8' });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    const want = await model.encode(["It's dangerous to go alone!", "It's a secret to everybody."]);
    assert.strictEqual(lines.length, 2);
    lines.forEach((v, i) => assert.deepStrictEqual(new Float32Array(v), want.row(i)));
  });

  it('reads --file and writes .npy atomically', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-cli-'));
    const input = path.join(dir, 'texts.txt');
    fs.writeFileSync(input, 'first line\nsecond line\n\nfourth after an empty one\n');
    const out = path.join(dir, 'v.npy');
    execFileSync(process.execPath, [CLI, 'embed', '--file', input, '--output', out]);
    const npy = readNpy(out);
    assert.strictEqual(npy.rows, 4);
    const want = await model.encode(['first line', 'second line', '', 'fourth after an empty one']);
    assert.deepStrictEqual(npy.data, want.data);
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['texts.txt', 'v.npy']);
    fs.rmSync(dir, { recursive: true });
  });

  it('reads stdin when no texts are given', async () => {
    const res = spawnSync(process.execPath, [CLI, 'embed'], { input: 'from stdin\nline two\n', encoding: 'utf8' });
    assert.strictEqual(res.status, 0, res.stderr);
    assert.strictEqual(res.stdout.trim().split('\n').length, 2);
  });

  it('--model picks another model; errors exit non-zero with the code', () => {
    const res = spawnSync(process.execPath, [CLI, 'embed', '--model', '/no/such/model', 'x'], { encoding: 'utf8' });
    assert.notStrictEqual(res.status, 0);
    assert.match(res.stderr, /ERR_EMBEDKIT_NOT_FOUND/);
  });
});
