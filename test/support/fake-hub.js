'use strict';
// A Hugging Face Hub stand-in on 127.0.0.1 that answers the requests @huggingface/hub makes for
// downloadFileToCacheDir and modelInfo, the way the real hub answers them:
//   GET  /api/models/<repo>/revision/<rev>     -> { sha, siblings: [{ rfilename }] , ... }
//   POST /api/models/<repo>/paths-info/<rev>   -> [{ type, path, oid, size, lfs?, lastCommit }]
//   GET|HEAD /<repo>/resolve/<rev>/<path>      -> the file (Range honoured), ETag = git blob sha1,
//        X-Repo-Commit; LFS files (*.safetensors) redirect (302) to /cdn/<sha256> with X-Linked-ETag
//        and X-Linked-Size, as the hub redirects to its CDN
// Errors carry the hub's X-Error-Code: RepoNotFound (401), RevisionNotFound (404), EntryNotFound (404).
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

const sha1 = (data) => crypto.createHash('sha1').update(data).digest('hex');
const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');
const gitBlobSha1 = (data) => sha1(Buffer.concat([Buffer.from(`blob ${data.length}\0`), data]));

/** Every file under `dir` as { 'relative/path': Buffer }, with `prefix` put before each path. */
function filesFromDir(dir, prefix = '') {
  const out = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, filesFromDir(full, `${prefix}${entry.name}/`));
    else if (entry.isFile()) out[`${prefix}${entry.name}`] = fs.readFileSync(full);
  }
  return out;
}

function describeFile(name, data, commit) {
  const lfs = name.endsWith('.safetensors');
  const entry = {
    name,
    data,
    size: data.length,
    gitOid: gitBlobSha1(data),
    lfs: lfs ? { oid: sha256(data), size: data.length, pointerSize: 134 } : undefined,
    // As on the hub, a file's last commit is usually older than the branch head.
    lastCommit: { id: sha1(`last commit of ${name} before ${commit}`), title: `add ${name}`, date: '2024-01-01T00:00:00.000Z' },
  };
  if (lfs) {
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${entry.lfs.oid}\nsize ${data.length}\n`;
    entry.lfs.pointerSize = Buffer.byteLength(pointer);
    entry.gitOid = gitBlobSha1(Buffer.from(pointer));
  }
  return entry;
}

/**
 * Starts the server. repos: { 'org/name': { files: { path: Buffer }, private?: boolean } }.
 * token: the token private repos accept. Returns { url, requests, reset(), commitOf(repo), close() }.
 */
async function startFakeHub({ repos, token } = {}) {
  const state = new Map();
  for (const [id, repo] of Object.entries(repos)) {
    const commit = sha1(`head of ${id}`);
    const files = new Map(Object.entries(repo.files).map(([name, data]) => [name, describeFile(name, data, commit)]));
    state.set(id, { commit, files, private: !!repo.private });
  }
  const cdn = new Map();
  for (const repo of state.values()) for (const f of repo.files.values()) if (f.lfs) cdn.set(f.lfs.oid, f);

  const requests = [];

  function send(res, status, headers, body) {
    const data = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body);
    res.writeHead(status, { 'Content-Length': data.length, ...headers });
    res.end(res.req.method === 'HEAD' ? undefined : data);
  }
  function sendJson(res, status, value, headers = {}) {
    send(res, status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, JSON.stringify(value));
  }
  function hubError(res, status, code, message) {
    sendJson(res, status, { error: message }, { 'X-Error-Code': code, 'X-Error-Message': message });
  }

  /** The repo if it exists and the caller may see it, else answers like the hub (401 RepoNotFound). */
  function findRepo(req, res, id) {
    const repo = state.get(id);
    const authorized = !repo?.private || req.headers.authorization === `Bearer ${token}`;
    if (!repo || !authorized) {
      hubError(res, 401, 'RepoNotFound', `Repository Not Found for url: ${req.url}.`);
      return undefined;
    }
    return repo;
  }
  function checkRevision(res, repo, rev) {
    if (rev === 'main' || rev === repo.commit) return true;
    hubError(res, 404, 'RevisionNotFound', `Invalid rev id: ${rev}`);
    return false;
  }

  function sendContent(req, res, file, headers) {
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const base = { 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream', ...headers };
    if (!range) return send(res, 200, base, file.data);
    const start = Number(range[1]);
    const end = range[2] === '' ? file.size - 1 : Math.min(Number(range[2]), file.size - 1);
    if (start > end || start >= file.size) return send(res, 416, { 'Content-Range': `bytes */${file.size}` });
    send(res, 206, { ...base, 'Content-Range': `bytes ${start}-${end}/${file.size}` }, file.data.subarray(start, end + 1));
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://127.0.0.1');
    const route = decodeURIComponent(url.pathname);
    let m;
    if (req.method === 'GET' && (m = /^\/api\/models\/(.+)\/revision\/([^/]+)$/.exec(route))) {
      const repo = findRepo(req, res, m[1]);
      if (!repo || !checkRevision(res, repo, m[2])) return;
      return sendJson(res, 200, {
        _id: sha1(m[1]).slice(0, 24),
        id: m[1],
        private: repo.private,
        gated: false,
        downloads: 0,
        likes: 0,
        lastModified: '2024-01-01T00:00:00.000Z',
        sha: repo.commit,
        siblings: [...repo.files.keys()].map((rfilename) => ({ rfilename })),
      });
    }
    if (req.method === 'POST' && (m = /^\/api\/models\/(.+)\/paths-info\/([^/]+)$/.exec(route))) {
      const body = await readBody(req);
      const repo = findRepo(req, res, m[1]);
      if (!repo || !checkRevision(res, repo, m[2])) return;
      let paths;
      try {
        ({ paths } = JSON.parse(body));
      } catch {
        return sendJson(res, 400, { error: 'bad JSON' });
      }
      const expand = JSON.parse(body).expand === true;
      return sendJson(
        res,
        200,
        paths
          .map((p) => repo.files.get(p))
          .filter(Boolean)
          .map((f) => ({
            type: 'file',
            path: f.name,
            oid: f.gitOid,
            size: f.size,
            ...(f.lfs && { lfs: f.lfs }),
            ...(expand && { lastCommit: f.lastCommit, securityFileStatus: { status: 'safe' } }),
          })),
      );
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && (m = /^\/cdn\/([0-9a-f]{64})$/.exec(route))) {
      const file = cdn.get(m[1]);
      if (!file) return send(res, 404, {}, 'no such object');
      return sendContent(req, res, file, { ETag: `"${file.lfs.oid}"` });
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && (m = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(route))) {
      const repo = findRepo(req, res, m[1]);
      if (!repo || !checkRevision(res, repo, m[2])) return;
      const file = repo.files.get(m[3]);
      const common = { 'X-Repo-Commit': repo.commit };
      if (!file) return hubError(res, 404, 'EntryNotFound', `Entry not found`);
      if (file.lfs) {
        return send(res, 302, {
          ...common,
          Location: `/cdn/${file.lfs.oid}`,
          'X-Linked-ETag': `"${file.lfs.oid}"`,
          'X-Linked-Size': String(file.size),
          ETag: `"${file.gitOid}"`,
        });
      }
      return sendContent(req, res, file, { ...common, ETag: `"${file.gitOid}"` });
    }
    send(res, 404, {}, `fake hub: no route for ${req.method} ${req.url}`);
  }

  const server = http.createServer((req, res) => {
    requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization, range: req.headers.range });
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, {}, String(err && err.stack));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1000;
  server.requestTimeout = 10000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reset() {
      requests.length = 0;
    },
    commitOf(id) {
      return state.get(id).commit;
    },
    /** { path: { blob name (as huggingface_hub names it), data } } for a repo's files. */
    blobsOf(id) {
      const out = {};
      for (const f of state.get(id).files.values()) out[f.name] = { blob: f.lfs ? f.lfs.oid : f.gitOid, data: f.data };
      return out;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > 1 << 20) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

module.exports = { startFakeHub, filesFromDir, gitBlobSha1, sha256 };
