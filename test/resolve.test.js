'use strict';
// Model resolution against a fake hub on 127.0.0.1 (test/support/fake-hub.js): local folders, the
// Hugging Face cache layout shared with Python, downloads through @huggingface/hub, offline mode, tokens.
const assert = require('assert');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { resolveModelFolder } = require('../dist/resolve.js');
const { startFakeHub, filesFromDir } = require('./support/fake-hub');
const { RS_MODELS } = require('./support/paths');

const NATIVE_DIR = path.join(RS_MODELS, 'test-model-float32');
const ST_DIR = path.join(RS_MODELS, 'test-model-sentence-transformers');

const NATIVE = 'embedkit-test/potion-tiny';
const ST = 'embedkit-test/potion-tiny-st';
const NESTED = 'embedkit-test/potion-tiny-nested';
const PRIVATE = 'embedkit-test/private-tiny';
const TOKEN = 'hf_embedkitTestToken';

// The layouts StaticModel asks for (lib/static-model.ts), native first.
const STATIC_FILES = {
  required: [],
  alternatives: [
    ['config.json', 'model.safetensors', 'tokenizer.json'],
    ['config_sentence_transformers.json', 'model.safetensors', 'tokenizer.json'],
    ['config_sentence_transformers.json', '0_StaticEmbedding/model.safetensors', '0_StaticEmbedding/tokenizer.json'],
  ],
  optional: ['modules.json', 'README.md'],
};

const ENV_KEYS = [
  'HF_HOME', 'HF_HUB_CACHE', 'HUGGINGFACE_HUB_CACHE', 'XDG_CACHE_HOME', 'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN',
  'HF_TOKEN_PATH', 'HF_ENDPOINT', 'HF_HUB_OFFLINE', 'HOME',
];

async function rejectsWith(promise, code, ...patterns) {
  let error;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  assert.ok(error, `expected an error with code ${code}`);
  assert.strictEqual(error.code, code, `code of: ${error.stack}`);
  for (const p of patterns) assert.match(error.message, p);
  return error;
}

function snapshotFiles(folder) {
  const out = [];
  const walk = (dir, prefix) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}${e.name}/`);
      else out.push(`${prefix}${e.name}`);
    }
  };
  walk(folder, '');
  return out.sort();
}

describe('resolveModelFolder', function () {
  this.timeout(30000);
  let hub;
  let tmp;
  let cache;
  let savedEnv;

  before(async () => {
    const st = filesFromDir(ST_DIR);
    hub = await startFakeHub({
      token: TOKEN,
      repos: {
        [NATIVE]: { files: filesFromDir(NATIVE_DIR) },
        [ST]: { files: st },
        [NESTED]: {
          files: {
            'config_sentence_transformers.json': st['config_sentence_transformers.json'],
            '0_StaticEmbedding/model.safetensors': st['model.safetensors'],
            '0_StaticEmbedding/tokenizer.json': st['tokenizer.json'],
          },
        },
        [PRIVATE]: { files: filesFromDir(NATIVE_DIR), private: true },
      },
    });
  });
  after(async () => {
    if (hub) await hub.close();
  });

  beforeEach(() => {
    savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
    for (const k of ENV_KEYS) delete process.env[k];
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'embedkit-resolve-'));
    // Nothing from the developer's own home (token file, cache) may leak in.
    process.env.HOME = path.join(tmp, 'home');
    cache = path.join(tmp, 'cache');
    process.env.HF_HUB_CACHE = cache;
    process.env.HF_ENDPOINT = hub.url;
    hub.reset();
  });
  afterEach(() => {
    for (const k of ENV_KEYS) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('local folders and ids', () => {
    it('returns an existing local folder as is, absolute, without any request', async () => {
      assert.strictEqual(await resolveModelFolder(NATIVE_DIR, STATIC_FILES), NATIVE_DIR);
      const relative = path.relative(process.cwd(), NATIVE_DIR);
      assert.strictEqual(await resolveModelFolder(relative, STATIC_FILES), NATIVE_DIR);
      assert.strictEqual(hub.requests.length, 0);
    });

    it('rejects a path that does not exist and is not a repo id with ERR_EMBEDKIT_NOT_FOUND', async () => {
      for (const p of ['./no/such/model', path.join(tmp, 'missing-model'), 'a/b/c', 'bad--name/x']) {
        await rejectsWith(resolveModelFolder(p, STATIC_FILES), 'ERR_EMBEDKIT_NOT_FOUND', /does not exist/);
      }
      assert.strictEqual(hub.requests.length, 0);
    });

    it('rejects a file given as the model folder with ERR_EMBEDKIT_ARGUMENT', async () => {
      await rejectsWith(resolveModelFolder(path.join(NATIVE_DIR, 'config.json'), STATIC_FILES), 'ERR_EMBEDKIT_ARGUMENT', /is a file/);
    });

    it('rejects bad arguments with ERR_EMBEDKIT_ARGUMENT', async () => {
      await rejectsWith(resolveModelFolder('', STATIC_FILES), 'ERR_EMBEDKIT_ARGUMENT');
      await rejectsWith(resolveModelFolder(NATIVE, {}), 'ERR_EMBEDKIT_ARGUMENT', /required/);
      await rejectsWith(resolveModelFolder(NATIVE, { required: ['../x'] }), 'ERR_EMBEDKIT_ARGUMENT', /relative/);
      await rejectsWith(resolveModelFolder(NATIVE, STATIC_FILES, { offline: 'yes' }), 'ERR_EMBEDKIT_ARGUMENT', /offline/);
      await rejectsWith(resolveModelFolder(NATIVE, STATIC_FILES, { revision: '../main' }), 'ERR_EMBEDKIT_ARGUMENT', /revision/);
    });
  });

  describe('downloads into the Hugging Face cache', () => {
    it('writes refs/main, snapshots/<commit>/ and blobs/ as huggingface_hub does', async () => {
      const debug = [];
      const original = console.debug;
      console.debug = (...args) => debug.push(args.join(' '));
      let folder;
      try {
        folder = await resolveModelFolder(NATIVE, STATIC_FILES);
      } finally {
        console.debug = original;
      }
      const commit = hub.commitOf(NATIVE);
      const storage = path.join(cache, 'models--embedkit-test--potion-tiny');
      assert.strictEqual(folder, path.join(storage, 'snapshots', commit));
      assert.strictEqual(fs.readFileSync(path.join(storage, 'refs', 'main'), 'utf8'), commit);
      assert.deepStrictEqual(fs.readdirSync(path.join(storage, 'snapshots')), [commit]);

      const blobs = hub.blobsOf(NATIVE);
      assert.deepStrictEqual(snapshotFiles(folder), Object.keys(blobs).sort());
      for (const [name, { blob, data }] of Object.entries(blobs)) {
        const link = path.join(folder, name);
        assert.ok(fs.lstatSync(link).isSymbolicLink(), `${name} is a symlink`);
        assert.strictEqual(fs.readlinkSync(link), path.join('..', '..', 'blobs', blob));
        assert.ok(fs.readFileSync(link).equals(data), `${name} has the served bytes`);
      }
      // LFS files are named by sha256, others by git blob sha1; nothing half-written stays behind.
      assert.strictEqual(blobs['model.safetensors'].blob.length, 64);
      assert.strictEqual(blobs['config.json'].blob.length, 40);
      assert.deepStrictEqual(fs.readdirSync(path.join(storage, 'blobs')).sort(), Object.values(blobs).map((b) => b.blob).sort());
      // The library's "Downloading ... .incomplete" console.debug line (stdout) is suppressed.
      assert.deepStrictEqual(debug, []);
    });

    it('makes no request on a second resolve', async () => {
      const first = await resolveModelFolder(NATIVE, STATIC_FILES);
      assert.ok(hub.requests.length > 0);
      hub.reset();
      assert.strictEqual(await resolveModelFolder(NATIVE, STATIC_FILES), first);
      assert.strictEqual(await resolveModelFolder(NATIVE, { required: ['tokenizer.json'] }), first);
      assert.deepStrictEqual(hub.requests, []);
    });

    it('downloads only what a later call needs that the cache lacks', async () => {
      await resolveModelFolder(NATIVE, { required: ['tokenizer.json'] });
      hub.reset();
      const folder = await resolveModelFolder(NATIVE, STATIC_FILES);
      assert.ok(fs.existsSync(path.join(folder, 'model.safetensors')));
      const fileGets = hub.requests.filter((r) => r.method === 'GET' && !r.range && !r.url.startsWith('/api/'));
      assert.ok(!fileGets.some((r) => r.url.endsWith('/tokenizer.json')), 'tokenizer.json is not fetched again');
    });

    it('shares one download between concurrent calls for the same model', async () => {
      const folders = await Promise.all([1, 2, 3].map(() => resolveModelFolder(NATIVE, STATIC_FILES)));
      assert.strictEqual(new Set(folders).size, 1);
      const bodies = hub.requests.filter((r) => r.method === 'GET' && !r.range && !r.url.startsWith('/api/'));
      assert.strictEqual(bodies.length, Object.keys(hub.blobsOf(NATIVE)).length, 'each file body fetched once');
      for (const [name, { data }] of Object.entries(hub.blobsOf(NATIVE))) {
        assert.ok(fs.readFileSync(path.join(folders[0], name)).equals(data), name);
      }
    });

    it('chooses the sentence-transformers layout when the native one is absent', async () => {
      const folder = await resolveModelFolder(ST, STATIC_FILES);
      assert.strictEqual(folder, path.join(cache, 'models--embedkit-test--potion-tiny-st', 'snapshots', hub.commitOf(ST)));
      assert.deepStrictEqual(snapshotFiles(folder), ['config_sentence_transformers.json', 'model.safetensors', 'tokenizer.json']);
      hub.reset();
      assert.strictEqual(await resolveModelFolder(ST, STATIC_FILES, { offline: true }), folder);
      assert.strictEqual(hub.requests.length, 0);
    });

    it('downloads files in subfolders (0_StaticEmbedding/)', async () => {
      const folder = await resolveModelFolder(NESTED, STATIC_FILES);
      assert.deepStrictEqual(snapshotFiles(folder), [
        '0_StaticEmbedding/model.safetensors',
        '0_StaticEmbedding/tokenizer.json',
        'config_sentence_transformers.json',
      ]);
      assert.ok(fs.readFileSync(path.join(folder, '0_StaticEmbedding/model.safetensors')).equals(fs.readFileSync(path.join(ST_DIR, 'model.safetensors'))));
    });

    it('skips a missing optional file', async () => {
      const folder = await resolveModelFolder(NATIVE, { required: ['config.json'], optional: ['no-such-file.txt', 'modules.json'] });
      assert.deepStrictEqual(snapshotFiles(folder), ['config.json', 'modules.json']);
    });

    it('fails with ERR_EMBEDKIT_NOT_FOUND naming the repo, file and revision when a required file is missing', async () => {
      await rejectsWith(
        resolveModelFolder(NATIVE, { required: ['tokenizer.json', 'model.onnx'] }),
        'ERR_EMBEDKIT_NOT_FOUND',
        /embedkit-test\/potion-tiny/,
        /model\.onnx/,
        /revision 'main'/,
      );
      assert.ok(!fs.existsSync(path.join(cache, 'models--embedkit-test--potion-tiny', 'refs', 'main')));
    });

    it('fails with ERR_EMBEDKIT_NOT_FOUND for an unknown repo or revision', async () => {
      await rejectsWith(resolveModelFolder('embedkit-test/nope', STATIC_FILES), 'ERR_EMBEDKIT_NOT_FOUND', /embedkit-test\/nope/, /not found/);
      await rejectsWith(resolveModelFolder(NATIVE, STATIC_FILES, { revision: 'v9' }), 'ERR_EMBEDKIT_NOT_FOUND', /revision 'v9'/);
    });

    it('looks a commit-hash revision up directly, and downloads it without writing a ref', async () => {
      const commit = hub.commitOf(NATIVE);
      const folder = await resolveModelFolder(NATIVE, STATIC_FILES, { revision: commit });
      const storage = path.join(cache, 'models--embedkit-test--potion-tiny');
      assert.strictEqual(folder, path.join(storage, 'snapshots', commit));
      assert.ok(!fs.existsSync(path.join(storage, 'refs')));
      hub.reset();
      assert.strictEqual(await resolveModelFolder(NATIVE, STATIC_FILES, { revision: commit }), folder);
      assert.strictEqual(hub.requests.length, 0);
    });

    it('reports progress per downloaded file up to its size', async () => {
      const events = [];
      await resolveModelFolder(NATIVE, STATIC_FILES, { onProgress: (e) => events.push(e) });
      const blobs = hub.blobsOf(NATIVE);
      for (const [name, { data }] of Object.entries(blobs)) {
        const mine = events.filter((e) => e.file === name);
        assert.ok(mine.length >= 2, `events for ${name}`);
        assert.deepStrictEqual(mine[0], { file: name, loaded: 0, total: data.length });
        assert.deepStrictEqual(mine[mine.length - 1], { file: name, loaded: data.length, total: data.length });
      }
    });

    it('fails with ERR_EMBEDKIT_IO and the cause when the hub cannot be reached', async () => {
      const closed = http.createServer();
      await new Promise((r) => closed.listen(0, '127.0.0.1', r));
      const { port } = closed.address();
      await new Promise((r) => closed.close(r));
      const err = await rejectsWith(
        resolveModelFolder(NATIVE, STATIC_FILES, { endpoint: `http://127.0.0.1:${port}` }),
        'ERR_EMBEDKIT_IO',
        /embedkit-test\/potion-tiny/,
        /HF_HUB_OFFLINE/,
      );
      assert.ok(err.cause, 'the cause is attached');
    });
  });

  describe('reusing the cache', () => {
    it('finds a cache written by Python (refs/main + snapshot) with no request', async () => {
      const commit = 'a'.repeat(40);
      const snapshot = path.join(cache, 'models--embedkit-test--potion-tiny', 'snapshots', commit);
      fs.mkdirSync(snapshot, { recursive: true });
      for (const f of ['config.json', 'model.safetensors', 'tokenizer.json']) fs.copyFileSync(path.join(NATIVE_DIR, f), path.join(snapshot, f));
      fs.mkdirSync(path.join(cache, 'models--embedkit-test--potion-tiny', 'refs'));
      fs.writeFileSync(path.join(cache, 'models--embedkit-test--potion-tiny', 'refs', 'main'), `${commit}\n`);
      assert.strictEqual(await resolveModelFolder(NATIVE, STATIC_FILES), snapshot);
      assert.strictEqual(hub.requests.length, 0);
    });

    it('treats a snapshot with a dangling symlink as incomplete and downloads again', async () => {
      const folder = await resolveModelFolder(NATIVE, STATIC_FILES);
      const blob = fs.realpathSync(path.join(folder, 'tokenizer.json'));
      fs.rmSync(blob);
      hub.reset();
      assert.strictEqual(await resolveModelFolder(NATIVE, STATIC_FILES), folder);
      assert.ok(hub.requests.length > 0);
      assert.ok(fs.readFileSync(path.join(folder, 'tokenizer.json')).equals(fs.readFileSync(path.join(NATIVE_DIR, 'tokenizer.json'))));
    });

    it('works offline (HF_HUB_OFFLINE=1 or offline: true) from a filled cache with no request', async () => {
      const folder = await resolveModelFolder(NATIVE, STATIC_FILES);
      hub.reset();
      process.env.HF_HUB_OFFLINE = '1';
      assert.strictEqual(await resolveModelFolder(NATIVE, STATIC_FILES), folder);
      delete process.env.HF_HUB_OFFLINE;
      assert.strictEqual(await resolveModelFolder(NATIVE, STATIC_FILES, { offline: true }), folder);
      assert.strictEqual(hub.requests.length, 0);
    });

    it('fails offline with an empty cache with ERR_EMBEDKIT_OFFLINE naming the repo and the cache', async () => {
      process.env.HF_HUB_OFFLINE = 'true';
      const err = await rejectsWith(resolveModelFolder(NATIVE, STATIC_FILES), 'ERR_EMBEDKIT_OFFLINE', /embedkit-test\/potion-tiny/, /HF_HUB_OFFLINE/);
      assert.ok(err.message.includes(cache), err.message);
      await rejectsWith(resolveModelFolder(NATIVE, STATIC_FILES, { offline: true }), 'ERR_EMBEDKIT_OFFLINE', /offline: true/);
      assert.strictEqual(hub.requests.length, 0);
    });

    it('offline: false overrides HF_HUB_OFFLINE', async () => {
      process.env.HF_HUB_OFFLINE = '1';
      const folder = await resolveModelFolder(NATIVE, STATIC_FILES, { offline: false });
      assert.ok(fs.existsSync(path.join(folder, 'model.safetensors')));
    });
  });

  describe('environment', () => {
    const authOf = () => [...new Set(hub.requests.map((r) => r.authorization))];

    it('sends HF_TOKEN as Authorization: Bearer on every request, redirects included', async () => {
      process.env.HF_TOKEN = TOKEN;
      await resolveModelFolder(PRIVATE, STATIC_FILES);
      assert.ok(hub.requests.some((r) => r.url.startsWith('/cdn/')), 'the LFS redirect was followed');
      assert.deepStrictEqual(authOf(), [`Bearer ${TOKEN}`]);
    });

    it('sends no Authorization without a token, and a private repo is then not found', async () => {
      await resolveModelFolder(NATIVE, STATIC_FILES);
      assert.deepStrictEqual(authOf(), [undefined]);
      await rejectsWith(resolveModelFolder(PRIVATE, STATIC_FILES), 'ERR_EMBEDKIT_NOT_FOUND', /HF_TOKEN/);
    });

    it('takes the token from the option, HUGGING_FACE_HUB_TOKEN, or the HF_HOME/token file', async () => {
      await resolveModelFolder(PRIVATE, { required: ['config.json'] }, { token: 'not-an-hf-token' }).catch(() => undefined);
      assert.deepStrictEqual(authOf(), ['Bearer not-an-hf-token']);

      hub.reset();
      process.env.HUGGING_FACE_HUB_TOKEN = TOKEN;
      await resolveModelFolder(PRIVATE, { required: ['config.json'] }, { cacheDir: path.join(tmp, 'c1') });
      assert.deepStrictEqual(authOf(), [`Bearer ${TOKEN}`]);
      delete process.env.HUGGING_FACE_HUB_TOKEN;

      hub.reset();
      process.env.HF_HOME = path.join(tmp, 'hf-home');
      fs.mkdirSync(process.env.HF_HOME);
      fs.writeFileSync(path.join(process.env.HF_HOME, 'token'), `${TOKEN}\n`);
      await resolveModelFolder(PRIVATE, { required: ['config.json'] }, { cacheDir: path.join(tmp, 'c2') });
      assert.deepStrictEqual(authOf(), [`Bearer ${TOKEN}`]);
    });

    it('uses <HF_HOME>/hub when HF_HUB_CACHE is unset', async () => {
      delete process.env.HF_HUB_CACHE;
      process.env.HF_HOME = path.join(tmp, 'hf-home');
      const folder = await resolveModelFolder(NATIVE, STATIC_FILES);
      assert.strictEqual(folder, path.join(tmp, 'hf-home', 'hub', 'models--embedkit-test--potion-tiny', 'snapshots', hub.commitOf(NATIVE)));
    });

    it('uses ~/.cache/huggingface/hub when neither is set', async () => {
      delete process.env.HF_HUB_CACHE;
      const folder = await resolveModelFolder(NATIVE, { required: ['config.json'] });
      assert.strictEqual(folder, path.join(os.homedir(), '.cache', 'huggingface', 'hub', 'models--embedkit-test--potion-tiny', 'snapshots', hub.commitOf(NATIVE)));
      assert.ok(folder.startsWith(tmp));
    });

    it('the cacheDir and endpoint options override the environment', async () => {
      process.env.HF_ENDPOINT = 'http://127.0.0.1:9'; // nothing listens there
      const folder = await resolveModelFolder(NATIVE, { required: ['config.json'] }, { cacheDir: path.join(tmp, 'mine'), endpoint: hub.url });
      assert.ok(folder.startsWith(path.join(tmp, 'mine', 'models--embedkit-test--potion-tiny')));
    });
  });
});
