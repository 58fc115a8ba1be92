/**
 * Loads the native addon: a prebuilt binary for this platform if one ships, else the local build.
 * When neither loads, throws ONE error that names the platform and lists the fixes.
 */
import * as path from 'path';
import { embedkitError } from './errors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type NativeAddon = any;

function load(): NativeAddon {
  const root = path.resolve(__dirname, '..');
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return require('node-gyp-build')(root);
  } catch (err) {
    const platform = `${process.platform}-${process.arch} (Node ${process.versions.node}, N-API ${process.versions.napi})`;
    throw embedkitError(
      'ERR_EMBEDKIT_RUNTIME',
      `embedkit: no native binary loads for ${platform}.\n` +
        `  Cause: ${(err as Error).message.split('\n')[0]}\n` +
        '  Fixes:\n' +
        '    1. Reinstall so the install step can build it: `npm rebuild embedkit` (needs a C++17 compiler and cmake or python3).\n' +
        '    2. In a checkout of embedkit: `npm run build:native`.\n' +
        '    3. Check that this platform has a prebuilt binary under prebuilds/ in the installed package.',
      err,
    );
  }
}

export const native: NativeAddon = load();
