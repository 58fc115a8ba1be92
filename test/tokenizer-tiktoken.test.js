'use strict';
// tiktoken's own vocabularies (cl100k_base, o200k_base), converted to tokenizer.json by
// scripts/test-setup/tiktoken-tokenizers.sh from the rank files the `tiktoken` package ships: our engine
// against tiktoken (OpenAI's Rust core as WASM), js-tiktoken (pure JS) and Hugging Face `tokenizers` on
// the same file, over 10,000+ real texts (WordNet glosses, SpamAssassin emails with their headers, CLDR
// text in 60+ locales) and hard strings. Special tokens in the text are matched by all four.
// Also checks that decoding our ids gives the text back, as tiktoken's decode does.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const hf = require('tokenizers');
const { get_encoding: getWasmEncoding } = require('tiktoken');
const { getEncoding: getJsEncoding } = require('js-tiktoken');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { ROOT } = require('./support/paths');
const { multilingualTexts } = require('../scripts/fixtures/tokenizers/multilingual');

const DIR = path.join(ROOT, 'test', '.models', 'tiktoken');

/** Strings aimed at tiktoken's split patterns: contraction case folding, digit runs of 1-3, whitespace
 *  runs before words and line breaks, o200k's case-change splits, marks, and special tokens in text. */
function tiktokenHardStrings() {
  return [
    "I'M HERE, YOU'LL SEE, IT'S, WE'VE, SHE'D, THEY'RE, 'S 'T 'Ll 'rE", "don't\u2019t can\u2019t", "'''' ''s",
    '1 12 123 1234 12345 123456 1234567 3.14159265358979 1e-10 0x7fffffff ٣٤٥ ४५६ 一二三',
    'a  b   c    d', '   leading', 'trailing   ', ' \n \n\n  \n   x', '\r\n\r\n\tx\r\n', '\n\n\n\n', '\t\t\tindent',
    'line one\n  line two\n    line three', 'word\u00a0\u00a0word', 'end with space ', '  ', ' \u3000 \u2003x',
    'getHTTPResponseCode HTMLParser iPhone McDonald XMLHttpRequest snake_case_name CONSTANT_NAME',
    'ÀÉÎõü ÉCOLE École naïve Ωmega ΣΊΣΥΦΟΣ Straße', 'e\u0301\u0301\u0301 a\u0308b\u0327 \u0915\u094d\u0937',
    'function f(x) { return x * 2; } // comment', 'if (a && b || !c) { x += y[i]; }', '<div class="x">&amp;</div>',
    'print("hello, world!")\n\tpass', '$ npm install --save-dev x@^1.0.0 && echo ok', '{"key": [1, 2, {"n": null}]}',
    '<|endoftext|>', 'before<|endoftext|>after', '<|fim_prefix|>a<|fim_middle|>b<|fim_suffix|>c<|endofprompt|>',
    '<|endoftext', '<|endoftext|x', '<<|endoftext|>>', '<|im_start|>user', 'ab'.repeat(400), ' '.repeat(200),
    '\u{1F469}\u200D\u{1F4BB} \u{1F3F3}\uFE0F\u200D\u{1F308} \u2764\uFE0F \u{1F1EF}\u{1F1F5}', '\u{10FFFF}\u{E0001}\u{1D11E}',
    '한국어를 배우고 있어요. 日本語の文章です。 ภาษาไทยไม่มีช่องว่าง العربية: نص. עברית!', 'Ελληνικά ΚΕΦΑΛΑΙΑ и Кириллица',
  ];
}

function texts() {
  return [
    ...corpus.spread(corpus.wordnetGlosses(), 9000),
    ...corpus.spread(corpus.spamAssassinEmails(), 400),
    ...multilingualTexts(),
    ...corpus.hardUnicodeStrings(),
    ...tiktokenHardStrings(),
  ];
}

describe('tokenizer parity: tiktoken vocabularies (cl100k_base, o200k_base) vs tiktoken, js-tiktoken, HF', function () {
  this.timeout(300000);
  const all = texts();
  it('has 10,000+ texts', function () {
    assert.ok(all.length >= 10000, `${all.length} texts`);
  });
  for (const encoding of ['cl100k_base', 'o200k_base']) {
    it(`${encoding}: ${all.length} texts, ids equal to tiktoken (WASM), js-tiktoken and HF tokenizers; decode round trip`, async function () {
      const file = path.join(DIR, encoding, 'tokenizer.json');
      if (!fs.existsSync(file)) {
        // eslint-disable-next-line no-console
        console.log(`      skipped: ${file} is missing (run bash scripts/test-setup/tiktoken-tokenizers.sh)`);
        this.skip();
      }
      const mine = Tokenizer.fromFile(file);
      const reference = hf.Tokenizer.fromFile(file);
      const wasm = getWasmEncoding(encoding);
      const js = getJsEncoding(encoding);
      try {
        const ours = (await mine.encodeBatch(all)).map((e) => Array.from(e.ids).join(','));
        const hfIds = [];
        for (let i = 0; i < all.length; i += 2000) hfIds.push(...(await reference.encodeBatch(all.slice(i, i + 2000))).map((e) => e.getIds().join(',')));
        const bad = [];
        for (let i = 0; i < all.length; i++) {
          const expected = Array.from(wasm.encode(all[i], 'all')).join(',');
          const others = { ours: ours[i], 'js-tiktoken': js.encode(all[i], 'all').join(','), 'HF tokenizers': hfIds[i] };
          for (const [who, got] of Object.entries(others)) {
            if (got !== expected) bad.push(`${who} on ${JSON.stringify(all[i]).slice(0, 80)}\n    got:      ${got.slice(0, 200)}\n    tiktoken: ${expected.slice(0, 200)}`);
          }
        }
        if (bad.length) assert.fail(`${bad.length} differences over ${all.length} texts:\n${bad.slice(0, 4).join('\n')}`);

        // Decoding: every text comes back whole (they are all valid UTF-16), special tokens kept.
        const decoded = await mine.decodeBatch(ours.map((s) => (s ? s.split(',').map(Number) : [])), false);
        const lost = all.filter((t, i) => decoded[i] !== t);
        assert.deepStrictEqual(lost.slice(0, 3), [], `${lost.length} texts do not decode back`);
      } finally {
        wasm.free();
      }
    });
  }
  it('the converted file keeps tiktoken ids for special tokens and byte tokens', function () {
    const file = path.join(DIR, 'cl100k_base', 'tokenizer.json');
    if (!fs.existsSync(file)) {
      // eslint-disable-next-line no-console
      console.log(`      skipped: ${file} is missing (run bash scripts/test-setup/tiktoken-tokenizers.sh)`);
      this.skip();
    }
    const mine = Tokenizer.fromFile(file);
    assert.strictEqual(mine.tokenToId('<|endoftext|>'), 100257);
    assert.strictEqual(mine.tokenToId('<|endofprompt|>'), 100276);
    assert.strictEqual(mine.tokenToId('!'), 0);
    assert.strictEqual(mine.tokenToId('Ġ'), 220); // the space byte, in GPT-2's byte alphabet
    assert.deepStrictEqual(Array.from(mine.encode('hello world').ids), [15339, 1917]);
  });
});
