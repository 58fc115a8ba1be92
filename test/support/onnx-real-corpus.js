'use strict';
// The texts that the real-model ONNX references (scripts/fixtures/onnx-real/) are computed on:
// WordNet glosses (short), SpamAssassin emails (long, headers and all; many pass 256 and 512
// tokens, so truncation is exercised) and the hard Unicode strings, interleaved so every batch of
// any size mixes lengths. Deterministic: no RNG, only npm devDependency data.
const crypto = require('crypto');
const { wordnetGlosses, spamAssassinEmails, hardUnicodeStrings, spread } = require('./corpus');

function onnxRealTexts() {
  const glosses = spread(wordnetGlosses(), 160);
  const emails = spread(spamAssassinEmails(), 100);
  const hard = hardUnicodeStrings();
  const out = [];
  const n = Math.max(glosses.length, emails.length, hard.length);
  for (let i = 0; i < n; i++) {
    if (i < glosses.length) out.push(glosses[i]);
    if (i < emails.length) out.push(emails[i]);
    if (i < hard.length) out.push(hard[i]);
  }
  return out;
}

/** sha256 of the texts as JSON, stored beside the references so a drifted corpus is caught. */
function textsDigest(texts) {
  return crypto.createHash('sha256').update(JSON.stringify(texts)).digest('hex');
}

module.exports = { onnxRealTexts, textsDigest };
