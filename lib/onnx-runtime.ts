/**
 * Where the onnxruntime shared library may be, for the native loader (native/core/onnx/ort_library):
 * the folders inside the optional peer `onnxruntime-node` that hold libonnxruntime for this platform.
 * The loader tries ORT_DYLIB_PATH first and the system's library last.
 */
import * as fs from 'fs';
import * as path from 'path';

export function onnxRuntimeDirs(): string[] {
  let root: string;
  try {
    root = path.dirname(require.resolve('onnxruntime-node/package.json'));
  } catch {
    return [];
  }
  const bin = path.join(root, 'bin');
  let napi: string[];
  try {
    napi = fs.readdirSync(bin).filter((d) => /^napi-v\d+$/.test(d));
  } catch {
    return [];
  }
  // Newest N-API folder first.
  napi.sort((a, b) => Number(b.slice(6)) - Number(a.slice(6)));
  return napi.map((d) => path.join(bin, d, process.platform, process.arch));
}
