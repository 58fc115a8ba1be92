'use strict';
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
// ../shared beside the checkout holds real files written by other projects' tools.
const SHARED_DATA = path.resolve(ROOT, '..', 'shared', 'data');
const RS_MODELS = path.join(SHARED_DATA, 'model2vec-rs');

module.exports = { ROOT, SHARED_DATA, RS_MODELS, FIXTURES: path.join(ROOT, 'test', 'fixtures') };
