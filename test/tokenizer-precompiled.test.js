'use strict';
// The Precompiled normalizer (SentencePiece charsmap) against Hugging Face's own tokenizers (npm
// `tokenizers`), on a real SentencePiece Unigram model trained by Debian's `sentencepiece` (nmt_nfkc
// rules) and converted as HF converts T5 / XLM-R (scripts/fixtures/tokenizers/make-spm-precompiled.js):
// ids, tokens and offsets with and without special tokens on real text, every code point (in groups and
// inside words), grapheme-cluster quirks, and pairs.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const hf = require('tokenizers');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { FIXTURES } = require('./support/paths');
const { multilingualTexts } = require('../scripts/fixtures/tokenizers/multilingual');

const FILE = path.join(FIXTURES, 'tokenizers', 'spm-precompiled.json');

function sweep(step) {
  const out = [];
  let group = [];
  for (let cp = 0; cp <= 0x10ffff; cp += step) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    group.push(`${String.fromCodePoint(cp)}`, `a${String.fromCodePoint(cp)}b `);
    if (group.length >= 64) {
      out.push(group.join(''));
      group = [];
    }
  }
  out.push(group.join(''));
  return out;
}

const QUIRKS = ['a\r\nb', 'Ａ\u0301x', 'a\u0301\u0301', 'e\u0301', 'Ａ\u0301\u0301', '\u1100\u1161\u11a8', 'ﬁx ① Ⅻ ㌀ ﾊﾟ',
  '  two  spaces\ttab\u00a0nb\u3000x', '\u0000x\u0001y', '👩‍👩‍👧‍👦 🇫🇷 ✌🏽', 'क्षि', 'ก็ได้', '\u2581x\u2581', 'x\u200by\ufeffz'];

const SETS = {
  'WordNet glosses': () => corpus.spread(corpus.wordnetGlosses(), 2000),
  'CLDR text in 60+ locales': () => multilingualTexts(),
  'hard Unicode strings and charsmap quirks': () => [...corpus.hardUnicodeStrings(), ...QUIRKS],
  'every code point (1 in 3), alone and inside words': () => sweep(3),
};

function ids(e) {
  return JSON.stringify([e.getIds ? e.getIds() : Array.from(e.ids), e.getTokens ? e.getTokens() : e.tokens, e.getOffsets ? e.getOffsets() : e.offsets]);
}

describe('tokenizer Precompiled normalizer: parity with HF tokenizers on a real SentencePiece model', function () {
  this.timeout(120000);
  let mine;
  let reference;
  before(function () {
    const json = fs.readFileSync(FILE, 'utf8');
    mine = Tokenizer.fromString(json);
    reference = hf.Tokenizer.fromString(json);
  });

  for (const [name, make] of Object.entries(SETS)) {
    it(`matches on ${name}, with and without special tokens`, async function () {
      const texts = make();
      for (const addSpecialTokens of [true, false]) {
        const theirs = [];
        for (let i = 0; i < texts.length; i += 500) theirs.push(...(await reference.encodeBatch(texts.slice(i, i + 500), { addSpecialTokens })).map(ids));
        const ours = (await mine.encodeBatch(texts, { addSpecialTokens })).map(ids);
        const bad = [];
        for (let i = 0; i < texts.length; i++) if (ours[i] !== theirs[i]) bad.push(`${JSON.stringify(texts[i]).slice(0, 120)}\n    ours:   ${ours[i].slice(0, 300)}\n    theirs: ${theirs[i].slice(0, 300)}`);
        if (bad.length) assert.fail(`${bad.length} of ${texts.length} texts differ:\n${bad.slice(0, 4).join('\n')}`);
      }
    });
  }

  it('matches on pairs', async function () {
    const texts = corpus.spread(multilingualTexts(), 40);
    for (let i = 0; i + 1 < texts.length; i += 2) {
      assert.strictEqual(ids(mine.encodePair(texts[i], texts[i + 1])), ids(await reference.encode(texts[i], texts[i + 1])));
    }
  });

  it('a null or unreadable charsmap is ERR_EMBEDKIT_FORMAT (HF aborts the process on it)', function () {
    const json = JSON.parse(fs.readFileSync(FILE, 'utf8'));
    for (const bad of [null, 'not base64!', 'AAAA', Buffer.from([8, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0xfe]).toString('base64')]) {
      json.normalizer.normalizers[0].precompiled_charsmap = bad;
      assert.throws(() => Tokenizer.fromString(JSON.stringify(json)), (e) => e.code === 'ERR_EMBEDKIT_FORMAT' && /precompiled_charsmap/.test(e.message), String(bad));
    }
  });
});
