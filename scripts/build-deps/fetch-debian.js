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
  // onnxruntime's C API headers only: the runtime itself is loaded with dlopen at run time
  // (native/core/onnx/ort_library.cpp). Debian has them from trixie on, so on an older release they
  // come from the next suite through a private apt configuration (see fetchFromNewerSuite).
  // EMBEDKIT_ORT_INCLUDE may point at the include folder of any onnxruntime install instead.
  onnxruntime: {
    packages: ['libonnxruntime-dev'],
    header: 'usr/include/onnxruntime/onnxruntime_c_api.h',
    library: null,
    systemHeader: '/usr/include/onnxruntime/onnxruntime_c_api.h',
    systemLibrary: null,
    envInclude: 'EMBEDKIT_ORT_INCLUDE',
    newerSuite: true,
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
  // Headers-only dependencies (library: null) report library '' and need no archive.
  const localLib = dep.library ? path.join(local, fill(dep.library)) : null;
  const usable = (header, lib) => fs.existsSync(header) && (lib === null || fs.existsSync(lib));
  const found = (header, lib) => ({ include: path.dirname(header), library: lib || '' });
  if (dep.envInclude && process.env[dep.envInclude]) {
    const header = path.join(process.env[dep.envInclude], path.basename(dep.header));
    if (!fs.existsSync(header)) throw new Error(`[embedkit] ${dep.envInclude}=${process.env[dep.envInclude]} holds no ${path.basename(dep.header)}`);
    return found(header, null);
  }
  if (usable(localHeader, localLib)) return found(localHeader, localLib);
  const systemLib = dep.systemLibrary ? fill(dep.systemLibrary) : null;
  if (usable(dep.systemHeader, systemLib)) return found(dep.systemHeader, systemLib);
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
    if (dep.newerSuite && fetchFromNewerSuite(dep.packages, download, log)) {
      // Not in this release, but fetched from the next one.
    } else if (process.getuid && process.getuid() === 0) {
      // A fresh machine may have no package lists yet: refresh them once (root only), then retry.
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
  if (!usable(localHeader, localLib)) {
    throw new Error(`[embedkit] ${name}: the downloaded packages lack ${dep.header}${dep.library ? ` or ${dep.library}` : ''}`);
  }
  return found(localHeader, localLib);
}

// The release after each Debian codename: where packages this release lacks first appear.
const NEXT_RELEASE = { buster: 'bullseye', bullseye: 'bookworm', bookworm: 'trixie', trixie: 'forky' };

/** The machine's Debian codename (/etc/os-release), or undefined. */
function debianCodename() {
  try {
    const m = /^VERSION_CODENAME=\"?([a-z]+)\"?$/m.exec(fs.readFileSync('/etc/os-release', 'utf8'));
    return m ? m[1] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The mirror the machine already uses for its own release's main archive, read from /etc/apt
 * (deb822 .sources files and one-line sources.list entries): { uri, signedBy }. No host is hard-coded.
 */
function configuredMirror(codename) {
  const files = [];
  const dir = '/etc/apt/sources.list.d';
  try {
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.sources') || f.endsWith('.list')) files.push(path.join(dir, f));
  } catch {
    // no sources.list.d
  }
  files.unshift('/etc/apt/sources.list');
  for (const file of files) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (file.endsWith('.sources')) {
      for (const stanza of text.split(/\n\s*\n/)) {
        const field = (k) => (new RegExp(`^${k}:\\s*(.+)$`, 'mi').exec(stanza) || [])[1];
        const suites = (field('Suites') || '').split(/\s+/);
        const uri = (field('URIs') || '').split(/\s+/)[0];
        if (uri && suites.includes(codename) && /^deb\b/m.test(field('Types') || '')) return { uri, signedBy: field('Signed-By') };
      }
    } else {
      for (const line of text.split('\n')) {
        const m = /^deb\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s/.exec(line.trim() + ' ');
        if (m && m[3] === codename) {
          const signed = /signed-by=(\S+)/.exec(m[1] || '');
          return { uri: m[2], signedBy: signed ? signed[1] : undefined };
        }
      }
    }
  }
  return undefined;
}

/**
 * Downloads `packages` (their .deb files only, nothing installed) from the Debian release after the
 * machine's own, through a throw-away apt configuration: its own sources list, package lists and cache
 * in a temporary folder. The system's apt state is not touched. Returns false when it cannot.
 */
function fetchFromNewerSuite(packages, into, log) {
  const codename = debianCodename();
  const mirror = codename && configuredMirror(codename);
  if (!mirror) return false;
  const suites = [NEXT_RELEASE[codename], 'stable', 'testing'].filter(Boolean);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'embedkit-apt-'));
  try {
    for (const suite of suites) {
      fs.rmSync(path.join(root, 'state'), { recursive: true, force: true });
      fs.mkdirSync(path.join(root, 'state', 'lists', 'partial'), { recursive: true });
      fs.mkdirSync(path.join(root, 'state', 'cache', 'archives', 'partial'), { recursive: true });
      const list = path.join(root, 'sources.list');
      const options = mirror.signedBy && !mirror.signedBy.includes('\n') ? `[signed-by=${mirror.signedBy.trim()}] ` : '';
      fs.writeFileSync(list, `deb ${options}${mirror.uri} ${suite} main\n`);
      const config = [
        '-o', `Dir::Etc::SourceList=${list}`,
        '-o', `Dir::Etc::SourceParts=${path.join(root, 'none')}`,
        '-o', `Dir::State::Lists=${path.join(root, 'state', 'lists')}`,
        '-o', `Dir::Cache=${path.join(root, 'state', 'cache')}`,
        '-o', 'Debug::NoLocking=1',
        '-o', 'APT::Sandbox::User=root',
      ];
      try {
        log(`${packages.join(', ')} not in ${codename}: trying Debian ${suite} through a private apt configuration`);
        execFileSync('apt-get', [...config, 'update'], { stdio: ['ignore', 'pipe', 'pipe'] });
        execFileSync('apt-get', [...config, 'download', ...packages], { cwd: into, stdio: ['ignore', 'pipe', 'pipe'] });
        return true;
      } catch (err) {
        log(`  Debian ${suite}: ${String(err.stderr || err.message).trim().split('\n').pop()}`);
      }
    }
    return false;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
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
