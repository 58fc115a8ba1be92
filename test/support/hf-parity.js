'use strict';
// What the tokenizer tests share when they hold our Tokenizer to Hugging Face's own (npm `tokenizers`):
// an encoding from either library in one plain shape (so deepStrictEqual compares every field), the
// whole-list parity run (full encodings and the ids-only path), the text lists it runs on, and the
// fixture tokenizer.json files. Kept in one place so a field added to one comparison reaches all.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const corpus = require('./corpus');
const { FIXTURES } = require('./paths');
const { multilingualTexts } = require('../../scripts/fixtures/tokenizers/multilingual');

/** An HF Encoding as plain arrays: every field the comparison looks at, ids first. */
function theirs(e) {
  return {
    ids: e.getIds(),
    typeIds: e.getTypeIds(),
    tokens: e.getTokens(),
    offsets: e.getOffsets(),
    attentionMask: e.getAttentionMask(),
    specialTokensMask: e.getSpecialTokensMask(),
  };
}

/** One of our Encodings in the same shape (typed arrays turned into plain ones). */
function ours(e) {
  return {
    ids: Array.from(e.ids),
    typeIds: Array.from(e.typeIds),
    tokens: e.tokens,
    offsets: e.offsets,
    attentionMask: Array.from(e.attentionMask),
    specialTokensMask: Array.from(e.specialTokensMask),
  };
}

/** A tokenizer.json of test/fixtures/tokenizers, parsed. */
function loadTokenizerJson(name) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'tokenizers', name), 'utf8'));
}

/** Every Unicode scalar value, 128 per text: once space-separated, once inside words ("a<c>b"). */
function codePointSweep() {
  const chars = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) chars.push(String.fromCodePoint(cp));
  const out = [];
  for (let i = 0; i < chars.length; i += 128) {
    const group = chars.slice(i, i + 128);
    out.push(group.join(' '));
    out.push(group.map((c) => `a${c}b`).join(' '));
  }
  return out;
}

/** Real text for a model's parity run (glosses, emails, CLDR text, hard strings), then `extra`. */
function parityTexts(extra = []) {
  return [
    ...corpus.spread(corpus.wordnetGlosses(), 6000),
    ...corpus.spread(corpus.spamAssassinEmails(), 1000),
    ...multilingualTexts(),
    ...corpus.hardUnicodeStrings(),
    ...extra,
  ];
}

// HF's encodeBatch in chunks of 1000 (one huge batch is slow in its binding).
async function hfBatch(reference, texts, addSpecialTokens) {
  const out = [];
  for (let i = 0; i < texts.length; i += 1000) {
    for (const e of await reference.encodeBatch(texts.slice(i, i + 1000), { addSpecialTokens })) out.push(theirs(e));
  }
  return out;
}

// First field that differs, or null.
function difference(a, b) {
  for (const field of Object.keys(b)) {
    if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) return field;
  }
  return null;
}

/**
 * Compares every field of every encoding of `texts` (our encodeBatch against HF's), and our ids-only
 * path (encodeIdsBatchSync) against HF's ids; returns the number of texts compared. Fails with the
 * first few mismatches.
 */
async function compareAll(mine, reference, texts, addSpecialTokens, label) {
  const expected = await hfBatch(reference, texts, addSpecialTokens);
  const actual = (await mine.encodeBatch(texts, { addSpecialTokens })).map(ours);
  const fast = mine.encodeIdsBatchSync(texts, { addSpecialTokens });
  const problems = [];
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    const field = difference(actual[i], expected[i]);
    const n = fast.counts[i];
    const fastIds = Array.from(fast.ids.subarray(at, at + n));
    at += n;
    if (field) {
      problems.push(`${label} #${i} ${JSON.stringify(texts[i].slice(0, 80))}: ${field}\n` +
        `    ours:   ${JSON.stringify(actual[i][field]).slice(0, 300)}\n    theirs: ${JSON.stringify(expected[i][field]).slice(0, 300)}`);
    } else if (JSON.stringify(fastIds) !== JSON.stringify(expected[i].ids)) {
      problems.push(`${label} #${i} ${JSON.stringify(texts[i].slice(0, 80))}: encodeIds differs from encode`);
    }
  }
  if (problems.length) assert.fail(`${problems.length} of ${texts.length} texts differ:\n${problems.slice(0, 5).join('\n')}`);
  return texts.length;
}

module.exports = { theirs, ours, loadTokenizerJson, codePointSweep, parityTexts, compareAll };
