/**
 * Which BLAS runs word-vector similarity queries (GEMV for one query, GEMM for batches).
 *
 * A CBLAS library is loaded at run time — MKL, OpenBLAS or BLIS, whichever loads first ('auto'), or
 * the reference BLAS when named — and our own SIMD kernels ('builtin') serve when none is installed.
 * Nothing links against a BLAS, so the same binary runs everywhere and the backend can be switched in a
 * running process. Results are the same on every backend up to float rounding (tests compare them).
 *
 *   EMBEDKIT_BLAS=openblas node app.js        // or mkl, blis, reference, builtin, auto (default)
 *   EMBEDKIT_BLAS_PATH=/opt/blas/lib          // extra folders to look in first (':'-separated)
 *   blas.info();     // { backend: 'openblas', library: '/usr/lib/.../libopenblas.so.0', detail, threads,
 *                    //   auto: true, singleQuery: 'builtin', batch: 'openblas' }
 *   blas.use('blis'); blas.setThreads(4);
 *
 * 'auto' chooses per operation: one query is a single pass over the matrix, bound by memory bandwidth,
 * and runs on the builtin fused kernel (dot products and top-k in one streaming pass); batches are
 * compute-bound and run on the library's sgemm. A backend named explicitly runs both kinds of scan.
 *
 * Naming a backend that is unknown fails with ERR_EMBEDKIT_ARGUMENT, one that does not load with
 * ERR_EMBEDKIT_NOT_FOUND — never a silent fallback. A bad EMBEDKIT_BLAS makes queries fail the same way
 * until `blas.use()` picks a working backend.
 */
import { argumentError, describe } from './errors';
import { native } from './native';

export type BlasBackend = 'mkl' | 'openblas' | 'blis' | 'reference' | 'builtin';

export interface BlasInfo {
  backend: BlasBackend;
  /** The shared library loaded, or null for builtin. */
  library: string | null;
  /** What the library says about itself (OpenBLAS config, BLIS version), or a short description. */
  detail: string;
  /** Threads the library uses per call (1 for builtin and reference; builtin batches use the native pool). */
  threads: number;
  /** Whether 'auto' chose this backend (rather than a name given to `use` or EMBEDKIT_BLAS). */
  auto: boolean;
  /** What scans one query (`similarity`, `analogy`, `similarityByVector`): under 'auto' the builtin fused
   *  dot + top-k kernel (one streaming pass, bandwidth-bound) when the CPU has AVX2 or AVX-512; otherwise
   *  the backend itself (sgemv). */
  singleQuery: BlasBackend;
  /** What scans batches (`similarityBatch`, `analogyBatch`): the backend's sgemm (builtin: our kernels). */
  batch: BlasBackend;
}

const NAMES: readonly string[] = ['auto', 'mkl', 'openblas', 'blis', 'reference', 'builtin'];

function checkName(name: unknown, allowAuto: boolean): string {
  if (typeof name !== 'string' || !NAMES.includes(name) || (!allowAuto && name === 'auto')) {
    const list = NAMES.filter((n) => allowAuto || n !== 'auto').join(', ');
    throw argumentError(`BLAS backend must be one of ${list}; got ${typeof name === 'string' ? JSON.stringify(name) : describe(name)}`);
  }
  return name;
}

export const blas = {
  /** The backend queries use now. */
  info(): BlasInfo {
    return native.blas.info();
  },
  /** Switches every later query to `name` ('auto' = the first of MKL, OpenBLAS, BLIS that loads, else builtin). */
  use(name: BlasBackend | 'auto'): BlasInfo {
    return native.blas.use(checkName(name, true));
  },
  /** Whether `name` loads on this machine (its info), without switching to it; null when it does not. */
  probe(name: BlasBackend): BlasInfo | null {
    return native.blas.probe(checkName(name, false));
  },
  /** The backends that load here, builtin always last. */
  available(): BlasBackend[] {
    return (native.blas.names() as BlasBackend[]).filter((n) => native.blas.probe(n) !== null);
  },
  /** Threads the current library uses per call (no effect for builtin and reference). */
  setThreads(threads: number): void {
    if (!Number.isInteger(threads) || threads < 1) throw argumentError(`threads must be a positive integer, got ${String(threads)}`);
    native.blas.setThreads(threads);
  },
};
