'use strict';
// NFC, NFD, NFKC, NFKD and Nmt against Hugging Face's own tokenizers (npm `tokenizers`): HF pins
// Unicode 9 normalization data and gives offsets by position (a mark moved by canonical reordering
// takes the range of the char whose place it takes; a composite takes its first char's range). Each
// normalizer runs in front of a byte-level BPE without merges, so every byte of the normalized text is
// a token with its own offsets: tokens show the normalized text, offsets the alignment. Texts: every
// Unicode scalar value (64 per text), pseudo-random runs of letters and combining marks (reordering,
// blocked and unblocked composition, Hangul jamo, compatibility chars), real text in 60+ locales and
// the hard Unicode strings.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const hf = require('tokenizers');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { FIXTURES } = require('./support/paths');
const { multilingualTexts } = require('../scripts/fixtures/tokenizers/multilingual');

const gpt2 = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'tokenizers', 'gpt2-bpe.json'), 'utf8'));

function byteTokenizer(normalizer) {
  // Only the 256 byte symbols: no merges, every byte its own token.
  const vocab = {};
  for (const [token, id] of Object.entries(gpt2.model.vocab)) if ([...token].length === 1 && id < 256) vocab[token] = id;
  return JSON.stringify({
    ...gpt2,
    normalizer,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false },
    post_processor: null,
    added_tokens: [],
    model: { ...gpt2.model, vocab, merges: [] },
  });
}

function codePointSweep() {
  const out = [];
  let group = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (cp >= 0x31350 && cp < 0xe0000) continue; // unassigned planes: nothing to normalize
    if (cp >= 0xe01f0 && cp < 0x10ffff) continue; // private use planes
    group.push(String.fromCodePoint(cp));
    if (group.length === 64) {
      out.push(group.join(''));
      group = [];
    }
  }
  if (group.length) out.push(group.join(''));
  return out;
}

// Deterministic letters-and-marks soup.
function markRuns(n) {
  const bases = ['a', 'e', 'o', 'u', 'A', 'x', 'd', 'ḋ', 'Ạ', 'ế', 'Å', 'ﬁ', 'Ａ', 'ｶ', '①', '가', '\u1100', '\u1161', '\u11a8',
    'क', '\u0995', '\u09c7', '\u09be', '\u0b47', '\u0b3e', '\u0dd9', '\u0dca', 'ω', 'ι', '\u05d0', 'ر', ' ', '\u3042', '\u304b', 'ǅ', 'ŉ', '\u00a0'];
  const marks = ['\u0301', '\u0300', '\u0323', '\u0307', '\u0327', '\u0328', '\u031b', '\u0302', '\u0308', '\u0345', '\u05b0', '\u05bc',
    '\u093c', '\u094d', '\u3099', '\u309a', '\u0f71', '\u0f72', '\u0f74', '\u1dce', '\u302a', '\u0315', '\u034f'];
  let seed = 12345;
  const rand = (k) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % k;
  };
  const out = [];
  for (let i = 0; i < n; i++) {
    let s = '';
    const len = 2 + rand(12);
    for (let k = 0; k < len; k++) s += rand(3) === 0 ? bases[rand(bases.length)] : marks[rand(marks.length)];
    out.push(s);
  }
  return out;
}

function plain(e) {
  return { ids: Array.from(e.ids ?? e.getIds()), offsets: e.offsets ?? e.getOffsets() };
}

const TEXTS = {
  'every code point': () => codePointSweep(),
  'letters and combining marks': () => markRuns(3000),
  'real text and hard strings': () => [...corpus.spread(multilingualTexts(), 600), ...corpus.hardUnicodeStrings(), 'a\r\nb', '\t\u000b\u200b\ufeff\ufffdx\u2581y\u1680'],
};

describe('tokenizer normalizers NFC / NFD / NFKC / NFKD / Nmt: parity with HF tokenizers', function () {
  this.timeout(120000);
  for (const type of ['NFC', 'NFD', 'NFKC', 'NFKD', 'Nmt']) {
    for (const [setName, make] of Object.entries(TEXTS)) {
      if (type === 'Nmt' && setName === 'every code point') continue; // Nmt touches only the chars listed in the spec; covered below
      it(`${type} on ${setName}: same bytes and offsets`, async function () {
        const json = byteTokenizer({ type });
        const mine = Tokenizer.fromString(json);
        const reference = hf.Tokenizer.fromString(json);
        const texts = make();
        const expected = [];
        for (let i = 0; i < texts.length; i += 500) expected.push(...(await reference.encodeBatch(texts.slice(i, i + 500))).map(plain));
        const actual = (await mine.encodeBatch(texts)).map(plain);
        const bad = [];
        for (let i = 0; i < texts.length; i++) {
          if (JSON.stringify(actual[i]) !== JSON.stringify(expected[i])) {
            bad.push(`${JSON.stringify(texts[i])}\n    ours:   ${JSON.stringify(actual[i]).slice(0, 400)}\n    theirs: ${JSON.stringify(expected[i]).slice(0, 400)}`);
          }
        }
        if (bad.length) assert.fail(`${bad.length} of ${texts.length} texts differ:\n${bad.slice(0, 4).join('\n')}`);
      });
    }
  }

  it('Nmt on every char it maps, around letters', async function () {
    const json = byteTokenizer({ type: 'Nmt' });
    const mine = Tokenizer.fromString(json);
    const reference = hf.Tokenizer.fromString(json);
    const texts = [];
    for (let cp = 0; cp < 0x3000; cp++) if (cp < 0xd800) texts.push(`a${String.fromCodePoint(cp)}b`);
    for (const cp of [0x1680, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0x2581, 0xfeff, 0xfffd]) texts.push(`${String.fromCodePoint(cp)}x${String.fromCodePoint(cp)}`);
    const expected = (await reference.encodeBatch(texts)).map(plain);
    const actual = (await mine.encodeBatch(texts)).map(plain);
    assert.deepStrictEqual(actual, expected);
  });
});
