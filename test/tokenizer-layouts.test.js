'use strict';
// Tokenizer layouts of current model families, derived from the trained fixtures the way their
// tokenizer.json files are laid out, against Hugging Face's own tokenizers (npm `tokenizers`):
//   Qwen2-style: NFC, Split on Qwen2's regex (single digits) then ByteLevel without regex, ByteLevel
//     processor, <|im_start|> <|im_end|> <|endoftext|> added tokens;
//   Gemma-style: Replace(" " -> "▁") only (no Prepend), BPE with byte_fallback and fuse_unk, "<bos> $A";
//   XLM-R-style: the spm_train Unigram with its Precompiled charsmap, <s> A </s></s> B </s> Roberta pairs.
// Texts: WordNet glosses, CLDR text in 60+ locales (CJK, Thai, Arabic, Cyrillic, ...), hard Unicode
// strings, chat-template strings; with and without special tokens, singles and pairs.
const assert = require('assert');
const hf = require('tokenizers');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { loadTokenizerJson: load } = require('./support/hf-parity');
const { multilingualTexts } = require('../scripts/fixtures/tokenizers/multilingual');

const QWEN2_PATTERN = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const added = (id, content, special = true) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special });

function layouts() {
  const llama3 = load('llama3-bpe.json');
  const n = Object.keys(llama3.model.vocab).length;
  const qwen2 = {
    ...llama3,
    added_tokens: [added(n, '<|endoftext|>'), added(n + 1, '<|im_start|>'), added(n + 2, '<|im_end|>')],
    normalizer: { type: 'NFC' },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: QWEN2_PATTERN }, behavior: 'Isolated', invert: false },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false },
      ],
    },
    post_processor: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false },
    model: { ...llama3.model, ignore_merges: false },
  };
  const llama2 = load('llama2-bpe.json');
  const gemma = { ...llama2, normalizer: { type: 'Replace', pattern: { String: ' ' }, content: '▁' }, pre_tokenizer: null };
  const spm = load('spm-precompiled.json');
  const xlmr = { ...spm, post_processor: { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 1], trim_offsets: true, add_prefix_space: true } };
  return { 'Qwen2-style byte-level BPE': qwen2, 'Gemma-style SentencePiece BPE': gemma, 'XLM-R-style Unigram + Precompiled': xlmr };
}

const full = (e) => JSON.stringify(e.getIds
  ? [e.getIds(), e.getTokens(), e.getOffsets(), e.getTypeIds()]
  : [Array.from(e.ids), e.tokens, e.offsets, Array.from(e.typeIds)]);

describe('tokenizer parity: Qwen2, Gemma and XLM-R layouts', function () {
  this.timeout(120000);
  const texts = [
    ...corpus.spread(corpus.wordnetGlosses(), 1500),
    ...multilingualTexts(),
    ...corpus.hardUnicodeStrings(),
    '<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\n12345 é\u0301 ｶﾞ<|im_end|>',
  ];
  for (const [name, json] of Object.entries(layouts())) {
    it(`${name}: ${texts.length} texts with and without special tokens, and pairs`, async function () {
      const text = JSON.stringify(json);
      const mine = Tokenizer.fromString(text);
      const reference = hf.Tokenizer.fromString(text);
      for (const addSpecialTokens of [true, false]) {
        const theirs = [];
        for (let i = 0; i < texts.length; i += 1000) theirs.push(...(await reference.encodeBatch(texts.slice(i, i + 1000), { addSpecialTokens })).map(full));
        const ours = (await mine.encodeBatch(texts, { addSpecialTokens })).map(full);
        const bad = [];
        for (let i = 0; i < texts.length; i++) if (ours[i] !== theirs[i]) bad.push(`${JSON.stringify(texts[i]).slice(0, 100)}\n    ours:   ${ours[i].slice(0, 300)}\n    theirs: ${theirs[i].slice(0, 300)}`);
        if (bad.length) assert.fail(`${bad.length} of ${texts.length} differ:\n${bad.slice(0, 3).join('\n')}`);
      }
      for (let i = 0; i + 1 < 60; i += 2) assert.strictEqual(full(mine.encodePair(texts[i], texts[i + 1])), full(await reference.encode(texts[i], texts[i + 1])));
    });
  }
});
