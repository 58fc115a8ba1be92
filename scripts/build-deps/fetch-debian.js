'use strict';
// Fetches build-only native dependencies that this machine lacks (headers and static libraries) from
// the Debian package archive the machine is configured for, and unpacks them into .deps/<name>/ inside
// the package, without touching the system. Used by scripts/install.js; prints what it does.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const DEPS = path.join(ROOT, '.deps');

// name -> Debian packages to unpack and the files that prove the dependency is usable.
const DEPENDENCIES = {
  utf8proc: {
    packages: ['libutf8proc-dev'],
    header: 'usr/include/utf8proc.h',
    library: 'usr/lib/{triplet}/libutf8proc.a',
    systemHeader: '/usr/include/utf8proc.h',
    systemLibrary: '/usr/lib/{triplet}/libutf8proc.a',
  },
  // The regex engine of the Split / Replace / ByteLevel pre-tokenizers (8-bit code units, JIT).
  pcre2: {
    packages: ['libpcre2-dev'],
    header: 'usr/include/pcre2.h',
    library: 'usr/lib/{triplet}/libpcre2-8.a',
    systemHeader: '/usr/include/pcre2.h',
    systemLibrary: '/usr/lib/{triplet}/libpcre2-8.a',
  },
};

function triplet() {
  const arch = os.arch();
  if (arch === 'x64') return 'x86_64-linux-gnu';
  if (arch === 'arm64') return 'aarch64-linux-gnu';
  return `${arch}-linux-gnu`;
}

function fill(p) {
  return p.replace('{triplet}', triplet());
}

/** Where the dependency's include dir and static library are, fetching it first when needed. */
function ensure(name, log = (msg) => console.log(`[embedkit] ${msg}`)) {
  const dep = DEPENDENCIES[name];
  if (!dep) throw new Error(`unknown build dependency ${name}`);
  const local = path.join(DEPS, name);
  const localHeader = path.join(local, fill(dep.header));
  const localLib = path.join(local, fill(dep.library));
  if (fs.existsSync(localHeader) && fs.existsSync(localLib)) {
    return { include: path.dirname(localHeader), library: localLib };
  }
  if (fs.existsSync(dep.systemHeader) && fs.existsSync(fill(dep.systemLibrary))) {
    return { include: path.dirname(dep.systemHeader), library: fill(dep.systemLibrary) };
  }
  if (process.platform !== 'linux' || !hasCommand('apt-get') || !hasCommand('dpkg-deb')) {
    throw new Error(
      `[embedkit] ${name} is needed to build the addon and was not found. Install its development files ` +
        `(e.g. 'apt-get install ${dep.packages.join(' ')}', 'brew install ${name}'), or use a prebuilt binary.`,
    );
  }
  fs.mkdirSync(local, { recursive: true });
  const download = fs.mkdtempSync(path.join(os.tmpdir(), `embedkit-${name}-`));
  log(`fetching ${dep.packages.join(', ')} (build-only) into ${path.relative(ROOT, local)}/`);
  try {
    execFileSync('apt-get', ['download', ...dep.packages], { cwd: download, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    // A fresh machine may have no package lists yet: refresh them once (root only), then retry.
    if (process.getuid && process.getuid() === 0) {
      log('apt-get download failed; running apt-get update once and retrying');
      execFileSync('apt-get', ['update'], { stdio: ['ignore', 'pipe', 'pipe'] });
      execFileSync('apt-get', ['download', ...dep.packages], { cwd: download, stdio: ['ignore', 'pipe', 'pipe'] });
    } else {
      throw new Error(`[embedkit] could not download ${dep.packages.join(' ')}: ${err.stderr || err.message}`);
    }
  }
  for (const file of fs.readdirSync(download)) {
    if (file.endsWith('.deb')) execFileSync('dpkg-deb', ['-x', path.join(download, file), local]);
  }
  fs.rmSync(download, { recursive: true, force: true });
  if (!fs.existsSync(localHeader) || !fs.existsSync(localLib)) {
    throw new Error(`[embedkit] ${name}: the downloaded packages lack ${dep.header} or ${dep.library}`);
  }
  return { include: path.dirname(localHeader), library: localLib };
}

function hasCommand(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

module.exports = { ensure, DEPENDENCIES };

if (require.main === module) {
  for (const name of process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(DEPENDENCIES)) {
    const where = ensure(name);
    console.log(`${name}: include ${where.include}, library ${where.library}`);
  }
}
