'use strict';
// The BLAS backends the tests can run: scripts/test-setup/blas.sh unpacks OpenBLAS, BLIS and the
// reference BLAS into .cache/blas/lib; this points EMBEDKIT_BLAS_PATH there (before the first probe) and
// lists what loads, saying visibly which backends are skipped and why.
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./paths');

const CACHE_LIB = path.join(ROOT, '.cache', 'blas', 'lib');
if (!process.env.EMBEDKIT_BLAS_PATH && fs.existsSync(CACHE_LIB)) process.env.EMBEDKIT_BLAS_PATH = CACHE_LIB;

function backends(blas) {
  const loaded = [];
  const skipped = [];
  for (const name of ['mkl', 'openblas', 'blis', 'reference', 'builtin']) {
    if (blas.probe(name)) loaded.push(name);
    else skipped.push(name);
  }
  return { loaded, skipped, cacheLib: CACHE_LIB, cachePresent: fs.existsSync(CACHE_LIB) };
}

module.exports = { backends, CACHE_LIB };
