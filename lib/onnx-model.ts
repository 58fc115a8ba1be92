/**
 * Shared loading for TextEmbedding and TextCrossEncoder: option checks, registry look-up, folder
 * resolution (local folder, Hugging Face cache, hub) and the native TextModel with its session.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { argumentError, describe } from './errors';
import { native } from './native';
import { findOnnxModel, ModelTask, OnnxModelDescription, Pooling } from './onnx-registry';
import { onnxRuntimeDirs } from './onnx-runtime';
import { resolveModelFolder, ResolveOptions } from './resolve';

export type ExecutionProvider = 'cuda' | 'cpu';
export type GraphOptimizationLevel = 'disable' | 'basic' | 'extended' | 'all';

export interface OnnxSessionOptions extends ResolveOptions {
  /** onnxruntime intra-op threads. Default: onnxruntime's (one per physical core). */
  threads?: number;
  /** onnxruntime inter-op threads. Default: onnxruntime's. */
  interOpThreads?: number;
  /** In order of preference. 'cuda' without 'cpu' after it fails (ERR_EMBEDKIT_UNSUPPORTED) when the
   *  runtime has no usable CUDA provider; with 'cpu' after it, falls back with a process warning
   *  (code EMBEDKIT_PROVIDER_FALLBACK) and `info.providerFallbacks` says why. Default ['cpu']. */
  executionProviders?: ExecutionProvider[];
  /** CUDA device index. Default 0. */
  deviceId?: number;
  /** Default 'all'. */
  graphOptimizationLevel?: GraphOptimizationLevel;
  /** onnxruntime's CPU memory arena. Default true (faster; memory is kept for reuse). */
  cpuMemArena?: boolean;
  /** Token limit per text (per pair for rerankers), special tokens included; can only lower the
   *  model's own (tokenizer_config.json model_max_length). */
  maxLength?: number;
  /** ONNX file inside the folder/repo. Default: the registry's, else 'onnx/model.onnx'. */
  onnxFile?: string;
  /** Graph output to read. Default: last_hidden_state, token_embeddings, sentence_embedding (embed)
   *  or logits (rerank), else the first output. */
  output?: string;
}

export interface OnnxModelInfo {
  /** The registry name or the id/folder given. */
  model: string;
  task: ModelTask;
  dim: number;
  maxLength: number;
  /** 'cls', 'mean', or 'none' when the graph's output is already one vector per text. */
  pooling: Pooling | 'none';
  normalize: boolean;
  output: string;
  inputs: string[];
  onnxPath: string;
  folder: string;
  padId: number;
  /** onnxruntime's names of the providers in use, CPU last. */
  executionProviders: string[];
  /** Why a requested provider was skipped (empty when none was). */
  providerFallbacks: string[];
  runtimePath: string;
  runtimeVersion: string;
}

export interface LoadedOnnxModel {
  handle: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  info: OnnxModelInfo;
  entry?: OnnxModelDescription;
}

const PROVIDERS = new Set(['cuda', 'cpu']);
const LEVELS = new Set(['disable', 'basic', 'extended', 'all']);

function positiveInt(value: unknown, name: string): void {
  if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1)) {
    throw argumentError(`${name} must be a positive integer, got ${typeof value === 'number' ? value : describe(value)}`);
  }
}

export function checkSessionOptions(o: OnnxSessionOptions): void {
  if (o === null || typeof o !== 'object') throw argumentError(`options must be an object, got ${describe(o)}`);
  positiveInt(o.threads, 'threads');
  positiveInt(o.interOpThreads, 'interOpThreads');
  positiveInt(o.maxLength, 'maxLength');
  if (o.deviceId !== undefined && (!Number.isInteger(o.deviceId) || o.deviceId < 0)) throw argumentError(`deviceId must be a non-negative integer`);
  if (o.executionProviders !== undefined) {
    if (!Array.isArray(o.executionProviders) || o.executionProviders.length === 0 || !o.executionProviders.every((p) => PROVIDERS.has(p))) {
      throw argumentError(`executionProviders must be a non-empty array of 'cuda' and 'cpu', got ${JSON.stringify(o.executionProviders)}`);
    }
  }
  if (o.graphOptimizationLevel !== undefined && !LEVELS.has(o.graphOptimizationLevel)) {
    throw argumentError(`graphOptimizationLevel must be 'disable', 'basic', 'extended' or 'all', got ${JSON.stringify(o.graphOptimizationLevel)}`);
  }
  if (o.cpuMemArena !== undefined && typeof o.cpuMemArena !== 'boolean') throw argumentError(`cpuMemArena must be a boolean`);
  for (const key of ['onnxFile', 'output'] as const) {
    if (o[key] !== undefined && (typeof o[key] !== 'string' || o[key] === '')) throw argumentError(`${key} must be a non-empty string`);
  }
  if (o.onnxFile !== undefined && (o.onnxFile.includes('..') || path.isAbsolute(o.onnxFile))) {
    throw argumentError(`onnxFile must be a path inside the model folder, got '${o.onnxFile}'`);
  }
}

/** Pooling a sentence-transformers folder declares (1_Pooling/config.json), if any. */
async function sentenceTransformersPooling(folder: string): Promise<{ pooling?: Pooling; normalize?: boolean }> {
  const out: { pooling?: Pooling; normalize?: boolean } = {};
  try {
    const cfg = JSON.parse(await fs.readFile(path.join(folder, '1_Pooling', 'config.json'), 'utf8'));
    if (cfg.pooling_mode_cls_token) out.pooling = 'cls';
    else if (cfg.pooling_mode_mean_tokens) out.pooling = 'mean';
  } catch {
    // not a sentence-transformers folder
  }
  try {
    const modules = JSON.parse(await fs.readFile(path.join(folder, 'modules.json'), 'utf8'));
    if (Array.isArray(modules)) out.normalize = modules.some((m) => typeof m?.type === 'string' && m.type.endsWith('.Normalize'));
  } catch {
    // no modules.json
  }
  return out;
}

export async function loadOnnxModel(
  folderOrId: string,
  task: ModelTask,
  options: OnnxSessionOptions & { pooling?: Pooling; normalize?: boolean },
): Promise<LoadedOnnxModel> {
  if (typeof folderOrId !== 'string' || folderOrId.length === 0) {
    throw argumentError(`model must be a hub id or a folder path, got ${describe(folderOrId)}`);
  }
  checkSessionOptions(options);
  if (options.pooling !== undefined && options.pooling !== 'cls' && options.pooling !== 'mean') {
    throw argumentError(`pooling must be 'cls' or 'mean', got ${JSON.stringify(options.pooling)}`);
  }
  if (options.normalize !== undefined && typeof options.normalize !== 'boolean') throw argumentError(`normalize must be a boolean`);
  const entry = findOnnxModel(folderOrId, task);
  const onnxFile = options.onnxFile ?? entry?.onnxFile ?? 'onnx/model.onnx';
  const folder = await resolveModelFolder(
    entry ? entry.model : folderOrId,
    {
      required: ['tokenizer.json', 'config.json', onnxFile],
      optional: ['tokenizer_config.json', 'special_tokens_map.json', '1_Pooling/config.json', 'modules.json', `${onnxFile}_data`],
    },
    options,
  );
  const declared = entry ? {} : await sentenceTransformersPooling(folder);
  const pooling = options.pooling ?? entry?.pooling ?? declared.pooling ?? 'cls';
  const normalize = options.normalize ?? entry?.normalization ?? declared.normalize ?? true;
  const maxLength = options.maxLength ?? entry?.maxLength;
  const handle = await native.TextModel.load(folder, {
    task,
    name: entry ? entry.model : folderOrId,
    onnxFile,
    pooling,
    normalize: task === 'embed' ? normalize : false,
    maxLength,
    output: options.output,
    threads: options.threads,
    interOpThreads: options.interOpThreads,
    graphOptimizationLevel: options.graphOptimizationLevel,
    cpuMemArena: options.cpuMemArena,
    executionProviders: options.executionProviders ?? ['cpu'],
    deviceId: options.deviceId,
    runtimeDirs: onnxRuntimeDirs(),
  });
  const raw = handle.info();
  const info: OnnxModelInfo = { model: entry ? entry.model : folderOrId, ...raw };
  for (const why of info.providerFallbacks) {
    process.emitWarning(`embedkit: model '${info.model}': ${why}; running on ${info.executionProviders.join(', ')}`, { code: 'EMBEDKIT_PROVIDER_FALLBACK' });
  }
  return { handle, info, entry };
}

export function readBatchSize(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < 1) throw argumentError(`batchSize must be a positive integer, got ${String(value)}`);
  return value as number;
}
