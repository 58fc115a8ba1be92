/**
 * Model resolution: a local folder, else the standard Hugging Face cache, else a download from the
 * hub into that cache (through `@huggingface/hub`), so files fetched by Python are reused and vice versa.
 *
 *   const folder = await resolveModelFolder('minishlab/potion-base-8M', {
 *     required: ['tokenizer.json'],
 *     alternatives: [['config.json', 'model.safetensors'], ['config_sentence_transformers.json', 'model.safetensors']],
 *     optional: ['modules.json'],
 *   });
 *
 * Cache layout (the one `huggingface_hub` writes):
 *   <cache>/models--<org>--<name>/refs/<revision>        the commit hash the revision pointed to
 *   <cache>/models--<org>--<name>/snapshots/<commit>/<file> -> ../../blobs/<etag>
 *   <cache>/models--<org>--<name>/blobs/<etag>            sha256 for LFS files, git blob sha1 otherwise
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as Hub from '@huggingface/hub';
import { embedkitError, describe } from './errors';

/** The files a model needs. */
export interface ModelFiles {
  /** Files every layout needs. */
  required: string[];
  /** Files fetched when the repo has them; their absence is not an error. */
  optional?: string[];
  /**
   * Layouts, in order of preference: each is a set of files needed on top of `required`. The first
   * set that the repo (or the cache) holds completely wins, e.g. the model2vec native layout before
   * the sentence-transformers one. Without alternatives, `required` alone is the one layout.
   */
  alternatives?: string[][];
}

export interface ResolveOptions {
  /** Branch, tag or commit hash. Default 'main'. */
  revision?: string;
  /** Default: HF_HUB_CACHE, else HUGGINGFACE_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub. */
  cacheDir?: string;
  /** Default: HF_TOKEN, else HUGGING_FACE_HUB_TOKEN, else the token file (HF_TOKEN_PATH, else HF_HOME/token). */
  token?: string;
  /** Hub base URL. Default: HF_ENDPOINT, else the `@huggingface/hub` default. */
  endpoint?: string;
  /** Use only the cache, never the network. Default: HF_HUB_OFFLINE is 1/true/yes/on. */
  offline?: boolean;
  /** Called while files download: bytes written so far and the file's size when known. */
  onProgress?: (event: { file: string; loaded: number; total?: number }) => void;
}

const COMMIT_HASH = /^[0-9a-f]{40}$/;
const TRUE_VALUES = new Set(['1', 'true', 'yes', 'on']);
const PROGRESS_INTERVAL_MS = 200;

/**
 * Returns an absolute folder holding the model's files, in this order:
 * 1. `idOrPath` is an existing directory: that directory (absolute), as is.
 * 2. The Hugging Face cache already holds a complete layout for the revision: its snapshot folder (no network).
 * 3. Otherwise (unless offline): downloads the first complete layout and the optional files that exist
 *    into the cache and returns the snapshot folder.
 *
 * Errors (`error.code`): ERR_EMBEDKIT_ARGUMENT (bad arguments), ERR_EMBEDKIT_NOT_FOUND (no such folder,
 * repo, revision or required file), ERR_EMBEDKIT_OFFLINE (offline and not cached), ERR_EMBEDKIT_IO
 * (network or file-system failure; the cause is attached).
 */
export async function resolveModelFolder(idOrPath: string, files: ModelFiles, options: ResolveOptions = {}): Promise<string> {
  checkArguments(idOrPath, files, options);

  const local = await localDirectory(idOrPath);
  if (local) return local;

  if (!isRepoId(idOrPath)) {
    throw embedkitError(
      'ERR_EMBEDKIT_NOT_FOUND',
      `model path '${idOrPath}' does not exist (resolved to ${path.resolve(expandHome(idOrPath))}), and it is not a valid Hugging Face repo id such as 'org/name'`,
    );
  }

  const repo = idOrPath;
  const revision = options.revision ?? 'main';
  const cacheDir = path.resolve(expandHome(options.cacheDir ?? defaultCacheDir()));
  const storage = path.join(cacheDir, `models--${repo.split('/').join('--')}`);
  const layouts = layoutsOf(files);

  const cached = await findInCache(storage, revision, layouts);
  if (cached) return cached.folder;

  const offline = options.offline ?? TRUE_VALUES.has((process.env.HF_HUB_OFFLINE ?? '').trim().toLowerCase());
  if (offline) {
    throw embedkitError(
      'ERR_EMBEDKIT_OFFLINE',
      `model '${repo}' (revision '${revision}') is not in the Hugging Face cache at ${cacheDir}, and offline mode is on ` +
        `(${options.offline !== undefined ? 'offline: true' : `HF_HUB_OFFLINE=${process.env.HF_HUB_OFFLINE}`}). ` +
        `Turn offline mode off to download it, point HF_HUB_CACHE (or the cacheDir option) at a cache that holds it, ` +
        `or pass the path of a local model folder. Needed: ${describeLayouts(layouts)}`,
    );
  }

  return download(repo, revision, storage, layouts, files.optional ?? [], options);
}

// ---------------------------------------------------------------------------------------------
// arguments, environment

function checkArguments(idOrPath: unknown, files: unknown, options: unknown): void {
  if (typeof idOrPath !== 'string' || idOrPath.length === 0) {
    throw embedkitError('ERR_EMBEDKIT_ARGUMENT', `model must be a hub id or a folder path, got ${describe(idOrPath)}`);
  }
  const f = files as ModelFiles;
  if (f === null || typeof f !== 'object' || !isStringList(f.required)) {
    throw embedkitError('ERR_EMBEDKIT_ARGUMENT', `files.required must be an array of file names, got ${describe(f?.required)}`);
  }
  if (f.optional !== undefined && !isStringList(f.optional)) {
    throw embedkitError('ERR_EMBEDKIT_ARGUMENT', `files.optional must be an array of file names, got ${describe(f.optional)}`);
  }
  if (f.alternatives !== undefined && (!Array.isArray(f.alternatives) || !f.alternatives.every(isStringList))) {
    throw embedkitError('ERR_EMBEDKIT_ARGUMENT', 'files.alternatives must be an array of arrays of file names');
  }
  for (const name of [...f.required, ...(f.optional ?? []), ...(f.alternatives ?? []).flat()]) {
    if (!isSafeRelative(name)) {
      throw embedkitError('ERR_EMBEDKIT_ARGUMENT', `file name '${name}' must be a relative path inside the repo`);
    }
  }
  if (options === null || typeof options !== 'object') {
    throw embedkitError('ERR_EMBEDKIT_ARGUMENT', `options must be an object, got ${describe(options)}`);
  }
  const o = options as ResolveOptions;
  for (const key of ['revision', 'cacheDir', 'token', 'endpoint'] as const) {
    if (o[key] !== undefined && (typeof o[key] !== 'string' || o[key] === '')) {
      throw embedkitError('ERR_EMBEDKIT_ARGUMENT', `${key} must be a non-empty string, got ${describe(o[key])}`);
    }
  }
  if (o.revision !== undefined && !isSafeRelative(o.revision)) {
    throw embedkitError('ERR_EMBEDKIT_ARGUMENT', `revision '${o.revision}' is not a valid branch, tag or commit`);
  }
  if (o.offline !== undefined && typeof o.offline !== 'boolean') {
    throw embedkitError('ERR_EMBEDKIT_ARGUMENT', `offline must be a boolean, got ${describe(o.offline)}`);
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw embedkitError('ERR_EMBEDKIT_ARGUMENT', `onProgress must be a function, got ${describe(o.onProgress)}`);
  }
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0);
}

/** A '/'-separated relative path with no '..' segment, no drive and no backslash. */
function isSafeRelative(name: string): boolean {
  return !name.startsWith('/') && !name.includes('\\') && !/^[a-zA-Z]:/.test(name) && !name.split('/').some((s) => s === '..' || s === '');
}

/** Hugging Face's rule (huggingface_hub validate_repo_id): '[org/]name', word chars . and -, no '--' or '..'. */
function isRepoId(id: string): boolean {
  if (id.length > 96 || id.includes('--') || id.includes('..')) return false;
  const parts = id.split('/');
  if (parts.length > 2) return false;
  return parts.every((p) => /^[\w.-]+$/.test(p) && !/^[.-]|[.-]$/.test(p));
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

function hfHome(): string {
  const env = process.env;
  return expandHome(env.HF_HOME || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'huggingface'));
}

function defaultCacheDir(): string {
  const env = process.env;
  return env.HF_HUB_CACHE || env.HUGGINGFACE_HUB_CACHE || path.join(hfHome(), 'hub');
}

async function defaultToken(): Promise<string | undefined> {
  const env = process.env;
  const fromEnv = (env.HF_TOKEN || env.HUGGING_FACE_HUB_TOKEN || '').trim();
  if (fromEnv) return fromEnv;
  try {
    const file = env.HF_TOKEN_PATH ? expandHome(env.HF_TOKEN_PATH) : path.join(hfHome(), 'token');
    return (await fs.readFile(file, 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function localDirectory(idOrPath: string): Promise<string | undefined> {
  const p = path.resolve(expandHome(idOrPath));
  let stats;
  try {
    stats = await fs.stat(p);
  } catch {
    return undefined;
  }
  if (!stats.isDirectory()) {
    throw embedkitError('ERR_EMBEDKIT_ARGUMENT', `model path ${p} is a file; pass the folder that holds the model's files`);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// cache

/** Each layout: required + one alternative (or required alone). */
function layoutsOf(files: ModelFiles): string[][] {
  const alts = files.alternatives && files.alternatives.length > 0 ? files.alternatives : [[]];
  return alts.map((alt) => [...new Set([...files.required, ...alt])]);
}

function describeLayouts(layouts: string[][]): string {
  return layouts.map((l) => `[${l.join(', ')}]`).join(' or ');
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.stat(p); // follows the snapshot's symlink: a dangling link counts as missing
    return true;
  } catch {
    return false;
  }
}

async function readRef(storage: string, revision: string): Promise<string | undefined> {
  if (COMMIT_HASH.test(revision)) return revision;
  try {
    const commit = (await fs.readFile(path.join(storage, 'refs', revision), 'utf8')).trim();
    return COMMIT_HASH.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}

async function findInCache(storage: string, revision: string, layouts: string[][]): Promise<{ folder: string } | undefined> {
  const commit = await readRef(storage, revision);
  if (!commit) return undefined;
  const folder = path.join(storage, 'snapshots', commit);
  for (const layout of layouts) {
    let complete = true;
    for (const file of layout) {
      if (!(await exists(path.join(folder, file)))) {
        complete = false;
        break;
      }
    }
    if (complete) return { folder };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// download

let hubModule: typeof Hub | undefined;
function hub(): typeof Hub {
  // Loaded on first download only: local folders and cache hits never pay for it.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return (hubModule ??= require('@huggingface/hub') as typeof Hub);
}

async function download(
  repo: string,
  revision: string,
  storage: string,
  layouts: string[][],
  optional: string[],
  options: ResolveOptions,
): Promise<string> {
  const { modelInfo, pathsInfo, downloadFileToCacheDir, HUB_URL } = hub();
  const endpoint = (options.endpoint ?? process.env.HF_ENDPOINT ?? HUB_URL).replace(/\/+$/, '');
  const token = options.token ?? (await defaultToken());
  const fetchFn = authorizedFetch(endpoint, token);
  const where = `repo '${repo}' (revision '${revision}') on ${endpoint}`;
  const common = { hubUrl: endpoint, fetch: fetchFn };

  // 1. The revision's commit and file list. The commit names the snapshot folder, as in Python;
  //    downloadFileToCacheDir given a branch would name it after each file's own last commit instead.
  let info: { sha?: string; filePaths?: string[] };
  try {
    info = await modelInfo({ ...common, name: repo, revision, additionalFields: ['sha', 'filePaths'] });
  } catch (err) {
    throw hubError(err, where, token, true);
  }
  const commit = info.sha;
  if (!commit || !COMMIT_HASH.test(commit) || !Array.isArray(info.filePaths)) {
    throw embedkitError('ERR_EMBEDKIT_IO', `${where}: the hub's answer has no commit hash or file list`);
  }
  const inRepo = new Set(info.filePaths);

  // 2. The first layout the repo holds, and the optional files it has.
  const layout = layouts.find((l) => l.every((f) => inRepo.has(f)));
  if (!layout) {
    const missing = layouts.map((l) => l.filter((f) => !inRepo.has(f)));
    throw embedkitError(
      'ERR_EMBEDKIT_NOT_FOUND',
      `${where} (commit ${commit}) lacks required file${missing[0].length > 1 ? 's' : ''} ${missing[0].join(', ')}` +
        (layouts.length > 1 ? `; no layout is complete: needs ${describeLayouts(layouts)}` : ''),
    );
  }
  const wanted = [...layout, ...optional.filter((f) => inRepo.has(f) && !layout.includes(f))];

  // 3. Sizes and blob names (for progress), then each file through the cache.
  const folder = path.join(storage, 'snapshots', commit);
  const missingFiles: string[] = [];
  for (const file of wanted) if (!(await exists(path.join(folder, file)))) missingFiles.push(file);
  let sizes = new Map<string, { size: number; blob: string }>();
  if (missingFiles.length > 0 && options.onProgress) {
    try {
      const entries = await pathsInfo({ ...common, repo, paths: missingFiles, revision: commit });
      sizes = new Map(entries.map((e) => [e.path, { size: e.size, blob: e.lfs?.oid ?? e.xetHash ?? e.oid ?? '' }]));
    } catch (err) {
      throw hubError(err, where, token);
    }
  }

  for (const file of missingFiles) {
    const isRequired = layout.includes(file);
    const known = sizes.get(file);
    const stopProgress = options.onProgress
      ? watchProgress(file, known && known.blob ? path.join(storage, 'blobs', `${known.blob}.incomplete`) : undefined, known?.size, options.onProgress)
      : undefined;
    try {
      await once(path.join(folder, file), () =>
        quietly(() => downloadFileToCacheDir({ ...common, repo, path: file, revision: commit, cacheDir: path.dirname(storage) })),
      );
    } catch (err) {
      stopProgress?.(false);
      if (!isRequired && isMissingFile(err)) continue; // listed but gone: optional files may be absent
      if (isMissingFile(err)) {
        throw embedkitError('ERR_EMBEDKIT_NOT_FOUND', `${where} (commit ${commit}) lacks required file ${file}`, err);
      }
      throw hubError(err, `${where}, file ${file}`, token);
    }
    stopProgress?.(true);
  }

  // 4. Record the branch or tag, as huggingface_hub does, so later calls (ours or Python's) find it offline.
  if (revision !== commit) {
    try {
      const ref = path.join(storage, 'refs', revision);
      await fs.mkdir(path.dirname(ref), { recursive: true });
      await fs.writeFile(ref, commit);
    } catch (err) {
      throw embedkitError('ERR_EMBEDKIT_IO', `cannot write the cache ref ${path.join(storage, 'refs', revision)}: ${(err as Error).message}`, err);
    }
  }
  return folder;
}

/**
 * fetch that adds the token to requests for the hub's own origin only (never to a CDN or storage
 * host it redirects to). Passing it ourselves rather than as `accessToken` also lets tokens that do not
 * start with 'hf_' (private endpoints) through `@huggingface/hub`'s format check.
 */
function authorizedFetch(endpoint: string, token: string | undefined): typeof fetch {
  const origin = new URL(endpoint).origin;
  return (input, init) => {
    if (!token) return fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    let sameOrigin = false;
    try {
      sameOrigin = new URL(url).origin === origin;
    } catch {
      // not a URL fetch understands either; let it fail there
    }
    if (!sameOrigin) return fetch(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has('authorization')) headers.set('Authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
}

function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: unknown })?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

function isMissingFile(err: unknown): boolean {
  const message = (err as Error)?.message ?? '';
  return statusOf(err) === 404 || /^cannot get path info for |^invalid response for file /.test(message);
}

function hubError(err: unknown, where: string, token: string | undefined, repoLevel = false): Error {
  if ((err as { code?: string })?.code?.startsWith?.('ERR_EMBEDKIT_')) return err as Error;
  const status = statusOf(err);
  // HubApiError messages end with ". URL: <the request URL>", which repeats what `where` says.
  const said = ((err as Error)?.message ?? String(err)).replace(/\.? URL: .*$/s, '');
  if (status === 401 || status === 403 || status === 404) {
    const hint = token
      ? 'check the id, the revision, and that your token may read it'
      : 'check the id and the revision; if it is private or gated, set HF_TOKEN (or the token option)';
    return embedkitError(
      'ERR_EMBEDKIT_NOT_FOUND',
      `${where} not found or not accessible (HTTP ${status}: ${said}); ${hint}${repoLevel ? '. No local folder of that name exists either' : ''}`,
      err,
    );
  }
  const cause = (err as { cause?: { message?: string; code?: string } })?.cause;
  const detail = cause?.code || cause?.message ? ` (${cause.code ?? cause.message})` : '';
  return embedkitError(
    'ERR_EMBEDKIT_IO',
    `cannot download ${where}: ${said}${detail}. Check the network and HF_ENDPOINT, or set HF_HUB_OFFLINE=1 to use only the cache`,
    err,
  );
}

/** Reports the growth of the blob being written; returns a stop function. */
function watchProgress(
  file: string,
  incomplete: string | undefined,
  total: number | undefined,
  onProgress: NonNullable<ResolveOptions['onProgress']>,
): (done: boolean) => void {
  const emit = (loaded: number) => {
    try {
      onProgress(total === undefined ? { file, loaded } : { file, loaded, total });
    } catch {
      // a failing progress callback must not break the download
    }
  };
  emit(0);
  let busy = false;
  const timer = incomplete
    ? setInterval(() => {
        if (busy) return;
        busy = true;
        fs.stat(incomplete)
          .then((s) => emit(s.size), () => undefined)
          .finally(() => (busy = false));
      }, PROGRESS_INTERVAL_MS)
    : undefined;
  timer?.unref();
  return (done) => {
    if (timer) clearInterval(timer);
    if (done && total !== undefined) emit(total);
  };
}

/** One download per snapshot file at a time in this process: concurrent calls share it. */
const inFlight = new Map<string, Promise<unknown>>();
function once<T>(key: string, work: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const started = work().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}

/**
 * `downloadFileToCacheDir` logs "Downloading <file> to <path>.incomplete" with console.debug, which
 * goes to stdout and would corrupt a CLI's output. Drop exactly that line while our downloads run.
 */
let quietDepth = 0;
let originalDebug: typeof console.debug | undefined;
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  if (quietDepth++ === 0) {
    originalDebug = console.debug;
    const forward = originalDebug;
    console.debug = (...args: unknown[]) => {
      if (args.length === 1 && typeof args[0] === 'string' && /^Downloading .* to .*\.incomplete$/s.test(args[0])) return;
      forward.apply(console, args);
    };
  }
  try {
    return await work();
  } finally {
    if (--quietDepth === 0 && originalDebug) {
      console.debug = originalDebug;
      originalDebug = undefined;
    }
  }
}
