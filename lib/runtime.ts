/** Process-wide controls of the native runtime. */
import { argumentError } from './errors';
import { native } from './native';

/** Sets the size of the native thread pool that every async call runs on (default: EMBEDKIT_THREADS or all cores). */
export function setThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1) throw argumentError(`threads must be a positive integer, got ${String(threads)}`);
  native.setThreads(threads);
}

export function getThreads(): number {
  return native.getThreads();
}

/** Which SIMD kernels the CPU dispatcher chose: 'avx512', 'avx2' or 'baseline'. */
export function simdLevel(): string {
  return native.simdLevel();
}
