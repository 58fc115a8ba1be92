'use strict';
// Byte-exact parity of the Unigram model (Viterbi, unknown scoring and fusion, byte fallback, serde's
// score parsing) and the Metaspace pre-tokenizer with Hugging Face's own tokenizers (npm
// `tokenizers`): ids, tokens, offsets, type ids and masks, with and without special tokens. Fixtures
// come from scripts/fixtures/tokenizers/make-unigram-fixtures.js (pieces learnt by HF's trainer).
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
  'T5 layout (WhitespaceSplit + Metaspace, Replace)': path.join(DIR, 't5-unigram.json'),
  'SentencePiece layout with byte_fallback (Metaspace first, no split)': path.join(DIR, 'spm-unigram-bytes.json'),
};

const EXTRA = [
  '<unk> <s></s> <0x41><0xC3><0xA9> ▁▁x ▁', '  leading and trailing  ', 'a\n\nb\n \n  c\t\td\r\ne',
  '東京都は日本の首都です。 中文，标点！', 'สวัสดีครับ ℌ𝔢𝔩𝔩𝔬', '👍🏽👨‍👩‍👧 🇩🇪!!', 'x', ' ', '   ', 'ab abc abcd',
];

async function compareText(text, list) {
  const mine = Tokenizer.fromString(text);
  const reference = hf.Tokenizer.fromString(text);
  assert.strictEqual(mine.vocabSize(true), reference.getVocabSize(true), 'vocab size with added tokens');
  const n = await compareAll(mine, reference, list, true, 'special');
  await compareAll(mine, reference, list, false, 'plain');
  return 2 * n;
}

const totals = { encodings: 0 };

describe('tokenizer parity: Unigram', function () {
  this.timeout(300000);
  after(function () {
    // eslint-disable-next-line no-console
    console.log(`      Unigram parity: ${totals.encodings} encodings compared, 0 mismatches`);
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
        for (const t of ['▁the', 'the', '<0x41>', '<unk>', '</s>', 'not-a-token']) assert.strictEqual(mine.tokenToId(t), reference.tokenToId(t), t);
        for (const id of [0, 1, 2, 3, 255, 300, 5000, 8002, 1e9]) assert.strictEqual(mine.idToToken(id), reference.idToToken(id), String(id));
      });

      it('matches on real text (WordNet, SpamAssassin, CLDR, hard Unicode) with and without special tokens', async function () {
        const list = parityTexts(EXTRA);
        const n = await compareAll(mine, reference, list, true, 'special');
        await compareAll(mine, reference, list, false, 'plain');
        totals.encodings += 2 * n;
      });

      it('matches on every code point', async function () {
        totals.encodings += await compareAll(mine, reference, codePointSweep(), false, 'plain');
      });
    });
  }
});

describe('tokenizer parity: Unigram and Metaspace variants', function () {
  this.timeout(300000);
  const t5 = fs.readFileSync(FILES['T5 layout (WhitespaceSplit + Metaspace, Replace)'], 'utf8');
  const list = [
    ...corpus.spread(corpus.wordnetGlosses(), 500),
    ...corpus.spread(corpus.spamAssassinEmails(), 60),
    ...corpus.spread(multilingualTexts(), 150),
    ...corpus.hardUnicodeStrings(),
    ...EXTRA,
  ];
  const mutate = (fn) => {
    const j = JSON.parse(t5);
    fn(j);
    return j;
  };
  // Re-serializing would change the score spellings; splice the raw vocab text back instead.
  const rawVocab = (() => {
    const start = t5.indexOf('"vocab":[') + '"vocab":'.length;
    let depth = 0, end = start, inString = false;
    for (; end < t5.length; end++) {
      const c = t5[end];
      if (inString) { if (c === '\\') end++; else if (c === '"') inString = false; }
      else if (c === '"') inString = true;
      else if (c === '[') depth++;
      else if (c === ']' && --depth === 0) break;
    }
    return t5.slice(start, end + 1);
  })();
  const serialize = (j) => { const v = j.model.vocab; j.model.vocab = '@V@'; const s = JSON.stringify(j).replace('"@V@"', () => rawVocab); j.model.vocab = v; return s; };
  const metaspace = (extra) => ({ type: 'Metaspace', replacement: '▁', ...extra });
  const variants = {
    'Metaspace prepend_scheme first, split': (j) => { j.pre_tokenizer = metaspace({ prepend_scheme: 'first', split: true }); },
    'Metaspace prepend_scheme never, split': (j) => { j.pre_tokenizer = metaspace({ prepend_scheme: 'never', split: true }); },
    'Metaspace always, no split, no normalizer': (j) => { j.pre_tokenizer = metaspace({ prepend_scheme: 'always', split: false }); j.normalizer = null; },
    'Metaspace legacy add_prefix_space false with never, defaults': (j) => { j.pre_tokenizer = metaspace({ add_prefix_space: false, prepend_scheme: 'never' }); },
    'Metaspace after WhitespaceSplit with first, added tokens with lstrip/rstrip': (j) => {
      j.pre_tokenizer.pretokenizers[1].prepend_scheme = 'first';
      j.added_tokens.push({ id: 0, content: '<ls>', single_word: false, lstrip: true, rstrip: false, normalized: false, special: true },
        { id: 0, content: 'the', single_word: false, lstrip: false, rstrip: true, normalized: true, special: false });
    },
    'no unk_id is fine while nothing is unknown, Metaspace only': (j) => { j.pre_tokenizer = metaspace({}); },
  };
  for (const [name, fn] of Object.entries(variants)) {
    it(name, async function () {
      const j = mutate(fn);
      const sub = name.startsWith('no unk_id') ? list.filter((t) => /^[a-z ]*$/.test(t)) : list;
      if (name.startsWith('no unk_id')) j.model.unk_id = null;
      totals.encodings += await compareText(serialize(j), sub.length ? sub : ['a b c']);
    });
  }

  it('Viterbi ties, duplicate pieces, literal special pieces, unknown fusion and byte fallback on a small vocabulary', async function () {
    const bytes = [];
    for (let b = 0x41; b < 0x44; b++) bytes.push([`<0x${b.toString(16).toUpperCase()}>`, -3]);
    const vocab = [['<unk>', 0], ['a', -1], ['b', -1], ['ab', -2], ['c', -1], ['bc', -2], ['abc', -3.5], ['b', -0.5],
      ['x', -1], ['xy', -1.5], ['y', -0.7], ['▁', -2], ['▁a', -2.5], ...bytes];
    const small = [
      'ab', 'abc', 'abcd', 'bcab', 'xyxy', 'a b c', 'zz', 'zAz', 'AB', 'ABC', 'A', 'é', 'aé', '<unk>', '<0x41>',
      'qqq abc qqq', 'ab\u00e9\u00e9ba', 'xyz', '',
    ];
    for (const byteFallback of [false, true]) {
      const j = { version: '1.0', truncation: null, padding: null, added_tokens: [], normalizer: null,
        pre_tokenizer: metaspace({ prepend_scheme: 'never', split: true }), post_processor: null, decoder: null,
        model: { type: 'Unigram', unk_id: 0, vocab, byte_fallback: byteFallback } };
      totals.encodings += await compareText(JSON.stringify(j), small);
    }
  });

  it('an unknown char without unk_id fails at encode, as in HF', async function () {
    const j = { version: '1.0', added_tokens: [], model: { type: 'Unigram', unk_id: null, vocab: [['a', -1]] } };
    const text = JSON.stringify(j);
    const mine = Tokenizer.fromString(text);
    await assert.rejects(hf.Tokenizer.fromString(text).encode('ab'));
    assert.throws(() => mine.encode('ab'), (e) => e.code === 'ERR_EMBEDKIT_RUNTIME');
    assert.deepStrictEqual(Array.from(mine.encode('aa').ids), [0, 0]);
  });

  it('refuses what HF refuses', function () {
    for (const fn of [
      (j) => { j.model.unk_id = 999999; },
      (j) => { j.pre_tokenizer = metaspace({ add_prefix_space: false, prepend_scheme: 'always' }); },
      (j) => { j.pre_tokenizer = metaspace({ add_prefix_space: false }); },
      (j) => { delete j.pre_tokenizer.pretokenizers[1].replacement; },
    ]) {
      const text = serialize(mutate(fn));
      assert.throws(() => hf.Tokenizer.fromString(text));
      assert.throws(() => Tokenizer.fromString(text), (e) => e.code === 'ERR_EMBEDKIT_FORMAT');
    }
  });
});
