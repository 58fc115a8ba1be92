'use strict';
// decode / decodeBatch against Hugging Face's own tokenizers (npm `tokenizers`): the ids of real text
// and random id sequences (stray bytes, specials, unknown ids) through every decoder, with and without
// skipping special tokens.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const hf = require('tokenizers');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { FIXTURES } = require('./support/paths');
const { multilingualTexts } = require('../scripts/fixtures/tokenizers/multilingual');

const DIR = path.join(FIXTURES, 'tokenizers');
const FIXTURE_FILES = ['bert-uncased.json', 'bert-cased.json', 'gpt2-bpe.json', 'llama3-bpe.json', 'llama2-bpe.json', 't5-unigram.json', 'spm-unigram-bytes.json'];

const texts = [
  ...corpus.spread(corpus.wordnetGlosses(), 1500),
  ...corpus.spread(corpus.spamAssassinEmails(), 100),
  ...corpus.spread(multilingualTexts(), 200),
  ...corpus.hardUnicodeStrings(),
  "I'm here , aren't you ? yes ! do not 's 've 're", 'a\u00e9b <unk> <s> [CLS] ##x ▁▁x',
];

// Deterministic pseudo-random id sequences (some past the vocabulary).
function randomIdLists(vocabSize, n, seed) {
  let x = seed >>> 0;
  const next = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 4294967296);
  const out = [];
  for (let i = 0; i < n; i++) {
    const len = Math.floor(next() * 12);
    const ids = [];
    for (let k = 0; k < len; k++) ids.push(next() < 0.3 ? Math.floor(next() * 300) : Math.floor(next() * (vocabSize + 5)));
    out.push(ids);
  }
  return out;
}

async function compareDecodes(text, lists, label) {
  const mine = Tokenizer.fromString(text);
  const reference = hf.Tokenizer.fromString(text);
  const problems = [];
  for (const skip of [true, false]) {
    const expected = await reference.decodeBatch(lists, skip);
    const actual = await mine.decodeBatch(lists, skip);
    lists.forEach((ids, i) => {
      if (actual[i] !== expected[i]) problems.push(`${label} skip=${skip} ${JSON.stringify(ids).slice(0, 80)}: ours ${JSON.stringify(actual[i]).slice(0, 120)} theirs ${JSON.stringify(expected[i]).slice(0, 120)}`);
      else if (i < 50 && mine.decode(ids, skip) !== expected[i]) problems.push(`${label} #${i}: decode differs from decodeBatch`);
    });
  }
  if (problems.length) assert.fail(`${problems.length} decodes differ:\n${problems.slice(0, 5).join('\n')}`);
  return 2 * lists.length;
}

let total = 0;

describe('tokenizer decode parity', function () {
  this.timeout(300000);
  after(function () {
    // eslint-disable-next-line no-console
    console.log(`      decode parity: ${total} decodes compared, 0 mismatches`);
  });

  for (const file of FIXTURE_FILES) {
    it(`${file}: ids of real text and random ids`, async function () {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      const reference = hf.Tokenizer.fromString(text);
      const lists = (await reference.encodeBatch(texts)).map((e) => e.getIds());
      lists.push(...randomIdLists(reference.getVocabSize(true), 500, file.length));
      total += await compareDecodes(text, lists, file);
    });
  }

  const gpt2 = JSON.parse(fs.readFileSync(path.join(DIR, 'gpt2-bpe.json'), 'utf8'));
  const llama2 = JSON.parse(fs.readFileSync(path.join(DIR, 'llama2-bpe.json'), 'utf8'));
  const decoders = {
    'no decoder (tokens joined by spaces)': null,
    'Metaspace prepend_scheme never': { type: 'Metaspace', replacement: '▁', prepend_scheme: 'never', split: true },
    'Metaspace first': { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: false },
    'WordPiece without cleanup, prefix "▁"': { type: 'WordPiece', prefix: '▁', cleanup: false },
    'WordPiece with cleanup': { type: 'WordPiece', prefix: '##', cleanup: true },
    'BPEDecoder suffix "e"': { type: 'BPEDecoder', suffix: 'e' },
    'CTC with cleanup': { type: 'CTC', pad_token: '<unk>', word_delimiter_token: '▁', cleanup: true },
    'CTC without cleanup': { type: 'CTC', pad_token: 'a', word_delimiter_token: '|', cleanup: false },
    // (HF's Strip panics when a token's cuts overlap or, with stop > 0, on an empty token: start only here.)
    'Strip ▁ 2 0, Fuse': { type: 'Sequence', decoders: [{ type: 'Strip', content: '▁', start: 2, stop: 0 }, { type: 'Fuse' }] },
    'ByteFallback alone': { type: 'ByteFallback' },
    'Replace Regex "▁+" then ByteLevel': { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { Regex: '▁+' }, content: 'Ġ' }, { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true }] },
  };
  for (const [name, decoder] of Object.entries(decoders)) {
    it(`decoder: ${name}`, async function () {
      for (const base of [llama2, gpt2]) {
        const j = JSON.parse(JSON.stringify(base));
        j.decoder = decoder;
        const reference = hf.Tokenizer.fromString(JSON.stringify(j));
        const lists = (await reference.encodeBatch(texts.slice(0, 400))).map((e) => e.getIds());
        lists.push(...randomIdLists(reference.getVocabSize(true), 400, 7));
        total += await compareDecodes(JSON.stringify(j), lists, name);
      }
    });
  }

  it('checks its arguments', function () {
    const t = Tokenizer.fromFile(path.join(DIR, 'gpt2-bpe.json'));
    assert.throws(() => t.decode([1, -1]), (e) => e.code === 'ERR_EMBEDKIT_ARGUMENT');
    assert.throws(() => t.decode('abc'), (e) => e.code === 'ERR_EMBEDKIT_ARGUMENT');
    assert.strictEqual(t.decode(new Uint32Array([])), '');
  });
});
