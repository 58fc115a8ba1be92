'use strict';
// Loads embedkit from dist/. While the package index is mid-change (dist/index.js naming a module
// that is not compiled yet), falls back to the compiled modules one by one, so the benchmark can
// still run; `partial` says which path was taken.
const path = require('path');

function loadEmbedkit() {
  try {
    return { ek: require('../../dist'), partial: null };
  } catch (err) {
    const why = err.message.split('\n')[0];
    const dist = path.resolve(__dirname, '..', '..', 'dist');
    const ek = { ...require(path.join(dist, 'static-model')), ...require(path.join(dist, 'runtime')) };
    try {
      Object.assign(ek, require(path.join(dist, 'tokenizer')));
    } catch {
      // Tokenizer not compiled yet: its rows print n/a.
    }
    return { ek, partial: `dist/index.js not loadable (${why}); used dist/static-model.js + dist/runtime.js` };
  }
}

module.exports = { loadEmbedkit };
