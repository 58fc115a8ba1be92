'use strict';
// Byte-exact parity of the BPE model, the ByteLevel pre-tokenizer / normalizer / post-processor, the
// Split pre-tokenizer and the Replace normalizer with Hugging Face's own tokenizers (npm `tokenizers`):
// ids, tokens, offsets, type ids and masks, with and without special tokens, on real text. Fixtures
// come from scripts/fixtures/tokenizers/make-bpe-fixtures.js (merges learnt by HF's trainer).
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const hf = require('tokenizers');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { FIXTURES } = require('./support/paths');
const { codePointSweep, compareAll, parityTexts } = require('./support/hf-parity');
const { multilingualTexts } = require('../scripts/fixtures/tokenizers/multilingual');

const DIR = path.join(FIXTURES, 'tokenizers');
const FILES = {
  'GPT-2 layout (ByteLevel regex, string merges)': path.join(DIR, 'gpt2-bpe.json'),
  'Llama 3 layout (Split regex + ByteLevel, pair merges, ignore_merges)': path.join(DIR, 'llama3-bpe.json'),
  'Llama 2 layout (Prepend + Replace, byte_fallback, fuse_unk)': path.join(DIR, 'llama2-bpe.json'),
};

const EXTRA = [
  "I'm, you're, it's, we've, they'll, he'd; IT'S 'S 'T ſ", 'the-final--countdown', '  leading and trailing  ',
  'a\n\nb\n \n  c\t\td\r\ne', '123456789 1234 ½²₂ ٣٤٥ 12a34', 'x²y a_b a__b', 'emoji 👍🏽👨‍👩‍👧 🇩🇪!!',
  '<|endoftext|>hello<|endoftext|> <|endoftext|>', '<|begin_of_text|>Hi <|end_of_text|>', '<s> a </s> <unk>',
  'Ġx Ċ ĠĠ', '   ', '\n', 'a', ' a', 'a ', '\u00a0\u3000\u2028\u180e\u200b', "'ll've're", 'CamelCaseWordsHere',
];

async function compareJson(json, list) {
  const text = JSON.stringify(json);
  const mine = Tokenizer.fromString(text);
  const reference = hf.Tokenizer.fromString(text);
  assert.strictEqual(mine.vocabSize(true), reference.getVocabSize(true), 'vocab size with added tokens');
  const n = await compareAll(mine, reference, list, true, 'special');
  await compareAll(mine, reference, list, false, 'plain');
  return 2 * n;
}

const totals = { encodings: 0 };

describe('tokenizer parity: BPE', function () {
  this.timeout(300000);
  after(function () {
    // eslint-disable-next-line no-console
    console.log(`      BPE parity: ${totals.encodings} encodings compared, 0 mismatches`);
  });

  for (const [name, file] of Object.entries(FILES)) {
    describe(name, function () {
      let mine, reference;
      before(function () {
        mine = Tokenizer.fromFile(file);
        reference = hf.Tokenizer.fromFile(file);
      });

      it('has the same vocabulary size and lookups', function () {
        assert.strictEqual(mine.vocabSize(true), reference.getVocabSize(true));
        assert.strictEqual(mine.vocabSize(false), reference.getVocabSize(false));
        for (const t of ['Ġthe', 'the', '▁the', '<0x41>', '<unk>', '<|endoftext|>', 'not-a-token']) assert.strictEqual(mine.tokenToId(t), reference.tokenToId(t), t);
        for (const id of [0, 1, 3, 255, 256, 1000, 5000, 5257, 1e9]) assert.strictEqual(mine.idToToken(id), reference.idToToken(id), String(id));
      });

      it('matches on real text (WordNet, SpamAssassin, CLDR, hard Unicode) with and without special tokens', async function () {
        const list = parityTexts(EXTRA);
        const n = await compareAll(mine, reference, list, true, 'special');
        await compareAll(mine, reference, list, false, 'plain');
        totals.encodings += 2 * n;
      });

      it('matches on every code point', async function () {
        const list = codePointSweep();
        totals.encodings += await compareAll(mine, reference, list, false, 'plain');
      });
    });
  }
});

describe('tokenizer parity: BPE and ByteLevel / Split / Replace variants', function () {
  this.timeout(300000);
  const gpt2 = JSON.parse(fs.readFileSync(FILES['GPT-2 layout (ByteLevel regex, string merges)'], 'utf8'));
  const llama2 = JSON.parse(fs.readFileSync(FILES['Llama 2 layout (Prepend + Replace, byte_fallback, fuse_unk)'], 'utf8'));
  const list = [
    ...corpus.spread(corpus.wordnetGlosses(), 500),
    ...corpus.spread(corpus.spamAssassinEmails(), 60),
    ...corpus.spread(multilingualTexts(), 150),
    ...corpus.hardUnicodeStrings(),
    ...EXTRA,
  ];
  const split = (pattern, behavior, invert = false) => ({ type: 'Split', pattern, behavior, invert });
  const withPre = (pre) => (j) => {
    j.pre_tokenizer = { type: 'Sequence', pretokenizers: [pre, { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false }] };
  };
  const variants = {
    'ByteLevel add_prefix_space': (j) => { j.pre_tokenizer.add_prefix_space = true; j.post_processor.add_prefix_space = true; },
    'ByteLevel without regex': (j) => { j.pre_tokenizer.use_regex = false; },
    'ByteLevel post-processor without trim_offsets': (j) => { j.post_processor.trim_offsets = false; },
    'no post-processor, ByteLevel normalizer, no pre-tokenizer': (j) => {
      j.post_processor = null; j.pre_tokenizer = null; j.normalizer = { type: 'ByteLevel' };
    },
    'merges as pairs, ignore_merges': (j) => { j.model.merges = j.model.merges.map((m) => m.split(' ')); j.model.ignore_merges = true; },
    'dropout 0 and a duplicated merge (last rank wins)': (j) => { j.model.dropout = 0; j.model.merges.push(j.model.merges[3], '#version: 0.2'); },
    'dropout 1.0 (no merges)': (j) => { j.model.dropout = 1.0; },
    'unk_token null drops unknown chars': (j) => {
      j.pre_tokenizer = { type: 'Whitespace' };
      j.normalizer = null;
    },
    'unk_token with and without fuse_unk': (j) => {
      j.pre_tokenizer = { type: 'WhitespaceSplit' };
      j.model.vocab['<unk>'] = Object.keys(j.model.vocab).length;
      j.model.unk_token = '<unk>';
    },
    'fuse_unk': (j) => {
      j.pre_tokenizer = { type: 'WhitespaceSplit' };
      j.model.vocab['<unk>'] = Object.keys(j.model.vocab).length;
      j.model.unk_token = '<unk>';
      j.model.fuse_unk = true;
    },
    'Split String "-" Removed': withPre(split({ String: '-' }, 'Removed')),
    'Split String " " MergedWithPrevious': withPre(split({ String: ' ' }, 'MergedWithPrevious')),
    'Split String " " MergedWithNext': withPre(split({ String: ' ' }, 'MergedWithNext')),
    'Split String "e" Contiguous': withPre(split({ String: 'e' }, 'Contiguous')),
    'Split String "" Removed (every char)': withPre(split({ String: '' }, 'Removed')),
    'Split String "." and "(" literal': withPre({ type: 'Sequence', pretokenizers: [split({ String: '.' }, 'Isolated'), split({ String: '(' }, 'Isolated')] }),
    'Split Regex \\s+ Removed, invert': withPre(split({ Regex: '\\s+' }, 'Removed', true)),
    'Split Regex zero-width (?=[A-Z]) MergedWithNext': withPre(split({ Regex: '(?=[A-Z])' }, 'MergedWithNext')),
    'Split Regex \\p{N}{1,3}+ (not possessive), ^ and $ line anchors': withPre({
      type: 'Sequence', pretokenizers: [split({ Regex: '\\p{N}{1,3}+' }, 'Isolated'), split({ Regex: '^ |$' }, 'Isolated')],
    }),
    'Split Regex \\w+|\\W (onig classes), \\h hex, [\\s[x]] nested class': withPre({
      type: 'Sequence', pretokenizers: [split({ Regex: '\\w+|\\W' }, 'Isolated'), split({ Regex: '\\h+' }, 'Isolated'), split({ Regex: '[\\s[xy]]' }, 'Isolated')],
    }),
    'Split Regex o200k-style with possessive and (?i:)': withPre(split({
      Regex: "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]++[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
    }, 'Isolated')),
    // (HF 0.23.2 itself panics on some texts with an empty-match Replace such as "(?<!\n)^", so none here.)
    'Replace normalizers: Regex " {2,}", String "e" -> "EE", Regex "[aeiou]\\b" -> ""': (j) => {
      j.normalizer = { type: 'Sequence', normalizers: [
        { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
        { type: 'Replace', pattern: { String: 'e' }, content: 'EE' },
        { type: 'Replace', pattern: { Regex: '[aou]\\b' }, content: '' },
      ] };
    },
  };

  for (const [name, mutate] of Object.entries(variants)) {
    it(name, async function () {
      const json = JSON.parse(JSON.stringify(gpt2));
      mutate(json);
      totals.encodings += await compareJson(json, list);
    });
  }

  const prefixVariants = {
    // byte_fallback is off: with a prefix or suffix, HF gives byte tokens offsets past the word (ids match).
    'continuing_subword_prefix "##" and end_of_word_suffix "</w>"': { continuing_subword_prefix: '##', end_of_word_suffix: '</w>', byte_fallback: false },
    'end_of_word_suffix only': { end_of_word_suffix: '</w>', byte_fallback: false },
    'continuing_subword_prefix only, fuse_unk off': { continuing_subword_prefix: '##', byte_fallback: false, fuse_unk: false },
  };
  for (const [name, options] of Object.entries(prefixVariants)) {
    it(`BPE ${name}`, async function () {
      // A small vocabulary spelled with the prefix / suffix, merges rewritten to match.
      const prefix = options.continuing_subword_prefix || '';
      const suffix = options.end_of_word_suffix || '';
      const base = llama2.model;
      const vocab = {};
      const add = (t) => { if (!(t in vocab)) vocab[t] = Object.keys(vocab).length; };
      for (const t of Object.keys(base.vocab)) if (t.startsWith('<')) add(t);
      const chars = Object.keys(base.vocab).filter((t) => [...t].length === 1);
      for (const c of chars) { add(c); if (prefix) add(prefix + c); if (suffix) add(c + suffix); if (prefix && suffix) add(prefix + c + suffix); }
      const merges = [];
      for (const [a, b] of base.merges.slice(0, 800)) {
        const left = a, right = prefix + b;
        if (!(left in vocab) || !(right in vocab)) continue;
        merges.push([left, right]);
        add(left + b);
        if (suffix) {
          if (!(right + suffix in vocab)) continue;
        }
      }
      const json = JSON.parse(JSON.stringify(llama2));
      json.normalizer = null;
      json.pre_tokenizer = { type: 'Whitespace' };
      json.model = { ...base, ...options, vocab, merges };
      totals.encodings += await compareJson(json, list);
    });
  }

  it('refuses what HF refuses', function () {
    const bad = (mutate) => {
      const json = JSON.parse(JSON.stringify(gpt2));
      mutate(json);
      const text = JSON.stringify(json);
      assert.throws(() => hf.Tokenizer.fromString(text));
      assert.throws(() => Tokenizer.fromString(text), (e) => /^ERR_EMBEDKIT_(FORMAT|UNSUPPORTED)$/.test(e.code));
    };
    bad((j) => { j.model.merges.push('Ġ nothere'); });
    bad((j) => { j.model.merges.push('a b c'); });
    bad((j) => { delete j.pre_tokenizer.trim_offsets; });
    bad((j) => { j.pre_tokenizer = { type: 'Split', pattern: { Regex: '\\s' }, behavior: 'Isolated' }; });
    bad((j) => { j.pre_tokenizer = { type: 'Split', pattern: { Regex: '(' }, behavior: 'Isolated', invert: false }; });
    bad((j) => { j.model.dropout = 1.5; });
    bad((j) => { delete j.model.merges; });
  });
});
