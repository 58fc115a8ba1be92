'use strict';
// The package as users load it: CommonJS and ESM entry points by package name, and the typings.
const assert = require('assert');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

describe('package entry points', () => {
  it("require('embedkit') and import { StaticModel } from 'embedkit' give the same classes", () => {
    const cjs = execFileSync(process.execPath, ['-e', "const e = require('embedkit'); console.log(Object.keys(e).sort().join(','))"], { cwd: ROOT, encoding: 'utf8' }).trim();
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e',
      "import * as e from 'embedkit'; import { StaticModel } from 'embedkit'; const m = await StaticModel.fromPretrained(); const v = await m.encode(['hi']); console.log(Object.keys(e).filter((k) => k !== 'default').sort().join(',') + '|' + v.dim)"],
    { cwd: ROOT, encoding: 'utf8' }).trim();
    const [names, dim] = esm.split('|');
    assert.strictEqual(names, cjs);
    assert.ok(names.includes('StaticModel') && names.includes('Tokenizer') && names.includes('Embeddings'));
    assert.strictEqual(Number(dim), 256);
  });

  it('ships type declarations for the public API', () => {
    const dts = fs.readFileSync(path.join(ROOT, 'dist', 'index.d.ts'), 'utf8');
    for (const name of ['StaticModel', 'Tokenizer', 'Embeddings', 'resolveModelFolder', 'setThreads']) assert.match(dts, new RegExp(name));
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'static-model.d.ts')));
  });

  it('the loader error names the platform and the fixes when no binary loads', () => {
    const script = `
      const Module = require('module');
      const real = Module.prototype.require;
      Module.prototype.require = function (id) {
        if (id === 'node-gyp-build') return () => { throw new Error('No native build was found for platform=test'); };
        return real.apply(this, arguments);
      };
      try { require(${JSON.stringify(path.join(ROOT, 'dist', 'native.js'))}); } catch (e) { console.log(e.code + '\\n' + e.message); }`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.match(out, /^ERR_EMBEDKIT_RUNTIME/);
    assert.match(out, new RegExp(`${process.platform}-${process.arch}`));
    assert.match(out, /npm rebuild embedkit/);
  });
});
