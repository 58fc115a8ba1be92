'use strict';
// npm install hook: use a prebuilt binary when one loads; otherwise build the addon from source,
// fetching build-only native dependencies first. `--force` rebuilds even when a binary loads.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const force = process.argv.includes('--force');
const log = (msg) => console.log(`[embedkit] ${msg}`);

function binaryLoads() {
  try {
    require('node-gyp-build')(ROOT);
    return true;
  } catch {
    return false;
  }
}

function hasCommand(cmd) {
  try {
    execFileSync(process.platform === 'win32' ? 'where' : 'sh', process.platform === 'win32' ? [cmd] : ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function build() {
  const { ensure } = require('./build-deps/fetch-debian.js');
  const utf8proc = ensure('utf8proc', log);
  const jobs = String(Math.max(1, Math.min(require('os').cpus().length, 8)));
  if (hasCommand('cmake')) {
    log(`building the addon with cmake-js (${jobs} jobs)`);
    const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
    const args = [cmakeJs, 'compile', '--parallel', jobs, `--CDEMBEDKIT_UTF8PROC_INCLUDE=${utf8proc.include}`, `--CDEMBEDKIT_UTF8PROC_LIBRARY=${utf8proc.library}`];
    if (process.env.EMBEDKIT_SANITIZE) args.push('--CDEMBEDKIT_SANITIZE=ON', '--debug');
    execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  } else {
    log('cmake not found: building the addon with node-gyp');
    const nodeGyp = process.env.npm_config_node_gyp || require.resolve('node-gyp/bin/node-gyp.js');
    execFileSync(process.execPath, [nodeGyp, 'rebuild', `--jobs=${jobs}`], { cwd: ROOT, stdio: 'inherit' });
  }
}

if (!force && binaryLoads()) {
  log('native addon present');
  process.exit(0);
}
try {
  build();
} catch (err) {
  console.error(`[embedkit] building the native addon failed: ${err.message}`);
  console.error('[embedkit] fixes: install a C++17 compiler and cmake (or python3 for node-gyp), or use a platform with a prebuilt binary.');
  process.exit(1);
}
if (!binaryLoads()) {
  console.error('[embedkit] the addon was built but does not load; run `node -e "require(\'embedkit\')"` to see why');
  process.exit(1);
}
log('native addon built');
fs.mkdirSync(path.join(ROOT, 'build'), { recursive: true });
