'use strict';
// The UnicodeScripts pre-tokenizer against Hugging Face's own tokenizers (npm `tokenizers`): its pieces
// (shown as one [UNK] token each with its offsets, through a WordLevel model that knows nothing) on
// every Unicode scalar value in runs of consecutive code points, pseudo-random mixes of chars from
// many scripts with spaces and digits, and real text in 60+ locales; then a T5 Unigram tokenizer with
// Sequence[UnicodeScripts, Metaspace] on the same real text.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const hf = require('tokenizers');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { FIXTURES } = require('./support/paths');
const { multilingualTexts } = require('../scripts/fixtures/tokenizers/multilingual');

const probe = JSON.stringify({
  version: '1.0', truncation: null, padding: null, added_tokens: [], normalizer: null, post_processor: null, decoder: null,
  pre_tokenizer: { type: 'UnicodeScripts' },
  model: { type: 'WordLevel', vocab: { '[UNK]': 0 }, unk_token: '[UNK]' },
});

function runs() {
  const out = [];
  let group = '';
  let n = 0;
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (cp >= 0x32000 && cp < 0xe0000) cp = 0xe0000; // unassigned planes
    group += String.fromCodePoint(cp);
    if (++n === 48) {
      out.push(group);
      group = '';
      n = 0;
    }
  }
  out.push(group);
  return out;
}

function mixes(count) {
  const pool = [...'aZé жЯ αΩ אב عر हि ক ก ა ᄀ 가 ひカー中文 ㄅ 123 ٣ ... !? \u0301\u200d\u3000\t'];
  let seed = 7;
  const rand = (k) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % k;
  };
  const out = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    for (let k = 0, n = 1 + rand(14); k < n; k++) s += pool[rand(pool.length)];
    out.push(s);
  }
  return out;
}

const offsets = (e) => JSON.stringify(e.getOffsets ? e.getOffsets() : e.offsets);

describe('tokenizer UnicodeScripts pre-tokenizer: parity with HF tokenizers', function () {
  this.timeout(120000);
  const sets = {
    'every code point, in runs of 48': runs,
    'mixed scripts, spaces, digits and marks': () => mixes(5000),
    'CLDR text in 60+ locales': () => [...multilingualTexts(), ...corpus.hardUnicodeStrings(), ' leading spaces', '   ', ''],
  };
  for (const [name, make] of Object.entries(sets)) {
    it(`splits like HF on ${name}`, async function () {
      const mine = Tokenizer.fromString(probe);
      const reference = hf.Tokenizer.fromString(probe);
      const texts = make();
      const theirs = [];
      for (let i = 0; i < texts.length; i += 2000) theirs.push(...(await reference.encodeBatch(texts.slice(i, i + 2000))).map(offsets));
      const ours = (await mine.encodeBatch(texts)).map(offsets);
      const bad = [];
      for (let i = 0; i < texts.length; i++) if (ours[i] !== theirs[i]) bad.push(`${JSON.stringify(texts[i])}\n    ours:   ${ours[i]}\n    theirs: ${theirs[i]}`);
      if (bad.length) assert.fail(`${bad.length} of ${texts.length} texts differ:\n${bad.slice(0, 4).join('\n')}`);
    });
  }

  it('a T5 Unigram with Sequence[UnicodeScripts, Metaspace] matches HF on real text', async function () {
    const t5 = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'tokenizers', 't5-unigram.json'), 'utf8'));
    t5.pre_tokenizer = { type: 'Sequence', pretokenizers: [{ type: 'UnicodeScripts' }, t5.pre_tokenizer] };
    const json = JSON.stringify(t5);
    const mine = Tokenizer.fromString(json);
    const reference = hf.Tokenizer.fromString(json);
    const texts = [...multilingualTexts(), ...corpus.spread(corpus.wordnetGlosses(), 500)];
    const full = (e) => JSON.stringify([e.getIds ? e.getIds() : Array.from(e.ids), offsets(e)]);
    const theirs = (await reference.encodeBatch(texts)).map(full);
    const ours = (await mine.encodeBatch(texts)).map(full);
    for (let i = 0; i < texts.length; i++) assert.strictEqual(ours[i], theirs[i], texts[i]);
  });
});
