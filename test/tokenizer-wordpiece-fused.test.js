'use strict';
// The fused WordPiece full-encoding path (BertNormalizer + BertPreTokenizer + WordPiece written straight
// into the batch buffers, offsets counted as the text is scanned) against Hugging Face's own tokenizers
// (npm `tokenizers`): every field of every encoding, overflow windows and the batch tensors, through
// the public encodeBatch / encodeBatchSync / encode, for a grid of special tokens x truncation x padding.
// The texts are chosen to hit every way out of the fused path: non-ASCII words (general path for that
// word only), words too long for its buffer, control characters deleted inside words, raw added
// tokens next to non-ASCII text, characters outside the BMP (UTF-16 token ends), texts that truncation
// cuts (whole text through the general path) and pairs in the same batch.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const hf = require('tokenizers');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { FIXTURES, RS_MODELS } = require('./support/paths');
const { theirs, ours } = require('./support/hf-parity');
const { multilingualTexts } = require('../scripts/fixtures/tokenizers/multilingual');

const FILES = {
  'bert-base-uncased': path.join(FIXTURES, 'tokenizers', 'bert-uncased.json'),
  'cased WordPiece': path.join(FIXTURES, 'tokenizers', 'bert-cased.json'),
  'bge-base-en-v1.5': path.join(RS_MODELS, 'test-model-float32', 'tokenizer.json'),
};

function texts() {
  const long = (n) => 'x'.repeat(n);
  return [
    ...corpus.spread(corpus.wordnetGlosses(), 150),
    ...corpus.spread(multilingualTexts(), 60).map((t) => t.slice(0, 300)),
    ...corpus.spread(corpus.spamAssassinEmails(), 6).map((t) => t.slice(0, 600)),
    ...corpus.hardUnicodeStrings(),
    '', ' ', '\t\n', '...', 'Hello, World! (it\'s) "quoted" 3.14-2=1.14',
    'ab\u0001cd e\u007ff \u0000x\u0000 \u001f', 'tab\there\nnew\rline', 'naïve café résumé', 'x naïveté y',
    'emoji 😀 inside😀word and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 text', '😀', 'é[MASK]é', '[CLS] at the start and the end [SEP]',
    'mask[MASK]in[MASK][MASK]words', 'Ünïcödé [MASK] ascii [SEP] 東京',
    long(99), long(100), long(101), long(127), long(128), long(129), long(300), `${long(130)}é${long(130)}`,
    `a ${'supercalifragilistic'.repeat(8)} b`, 'UPPER lower MiXeD CamelCaseWord', 'un##usual ## tokens#',
  ];
}

const withWindows = (f) => (e) => ({ ...f(e), overflowing: (f === ours ? e.overflowing : e.getOverflowing()).map(f) });

// HF's Node binding needs these in its own spelling.
function hfTruncation(reference, t) {
  if (t) reference.setTruncation(t.maxLength, { stride: t.stride, strategy: 'LongestFirst', direction: t.direction });
  else reference.disableTruncation();
}
function hfPadding(reference, p) {
  if (p) reference.setPadding({ maxLength: p.maxLength, padToMultipleOf: p.padToMultipleOf, direction: p.direction ?? 'right', padId: 0, padTypeId: 0, padToken: '[PAD]' });
  else reference.disablePadding();
}

const TRUNCATIONS = [
  null,
  { maxLength: 12, stride: 0, direction: 'right' },
  { maxLength: 9, stride: 3, direction: 'left' },
  { maxLength: 2, stride: 0, direction: 'right' }, // only the special tokens fit: never the fused path
  { maxLength: 1, stride: 0, direction: 'right' }, // fewer than the special tokens (HF's unsigned wrap)
  { maxLength: 512, stride: 0, direction: 'right' },
];
const PADDINGS = [null, { direction: 'right' }, { maxLength: 40, padToMultipleOf: 8, direction: 'left' }];

describe('tokenizer: fused WordPiece full encodings, parity with HF tokenizers', function () {
  this.timeout(300000);
  const all = texts();

  for (const [name, file] of Object.entries(FILES)) {
    describe(name, function () {
      let mine;
      let reference;
      before(function () {
        if (!fs.existsSync(file)) this.skip();
        mine = Tokenizer.fromFile(file);
        reference = hf.Tokenizer.fromFile(file);
      });

      it('every field, windows and tensors equal HF for special tokens x truncation x padding', async function () {
        const problems = [];
        let compared = 0;
        try {
          for (const addSpecialTokens of [true, false]) {
            for (const truncation of TRUNCATIONS) {
              if (truncation && addSpecialTokens && truncation.maxLength < 3 && truncation.stride > 0) continue;
              for (const padding of PADDINGS) {
                const label = `special ${addSpecialTokens}, truncation ${JSON.stringify(truncation)}, padding ${JSON.stringify(padding)}`;
                hfTruncation(reference, truncation);
                hfPadding(reference, padding);
                const expected = (await reference.encodeBatch(all, { addSpecialTokens })).map(withWindows(theirs));
                const options = { addSpecialTokens, truncation, padding };
                const batch = await mine.encodeBatch(all, options);
                const sync = mine.encodeBatchSync(all, options);
                for (let i = 0; i < all.length; i++) {
                  const got = withWindows(ours)(batch[i]);
                  compared++;
                  for (const field of Object.keys(expected[i])) {
                    if (JSON.stringify(got[field]) !== JSON.stringify(expected[i][field])) {
                      problems.push(`${label} #${i} ${JSON.stringify(all[i].slice(0, 50))}: ${field}\n    ours:   ${JSON.stringify(got[field]).slice(0, 240)}\n    theirs: ${JSON.stringify(expected[i][field]).slice(0, 240)}`);
                      break;
                    }
                  }
                  assert.deepStrictEqual(withWindows(ours)(sync[i]), got, `${label}: encodeBatchSync #${i}`);
                }
                if (padding) {
                  // The tensors hold HF's rows. A Fixed length shorter than some text leaves the batch ragged:
                  // cols is then the longest row, and shorter rows are padded on the padding side with
                  // the pad id (0 here), attention 0 and type id 0.
                  const { rows, cols, inputIds, attentionMask, tokenTypeIds } = batch.tensors;
                  assert.strictEqual(rows, all.length);
                  assert.strictEqual(cols, Math.max(...expected.map((e) => e.ids.length)));
                  const left = padding.direction === 'left';
                  for (let r = 0; r < rows; r++) {
                    const length = expected[r].ids.length;
                    const shift = left ? cols - length : 0;
                    for (let c = 0; c < cols; c++) {
                      const k = c - shift;
                      const inside = k >= 0 && k < length;
                      const want = inside ? [expected[r].ids[k], expected[r].attentionMask[k], expected[r].typeIds[k]] : [0, 0, 0];
                      const have = [Number(inputIds[r * cols + c]), Number(attentionMask[r * cols + c]), Number(tokenTypeIds[r * cols + c])];
                      if (have[0] !== want[0] || have[1] !== want[1] || have[2] !== want[2]) {
                        problems.push(`${label}: tensors differ at row ${r}, column ${c}: ${have} vs ${want}`);
                        break;
                      }
                    }
                  }
                }
              }
            }
          }
        } finally {
          // Later tests compare against an HF tokenizer without truncation or padding.
          hfTruncation(reference, null);
          hfPadding(reference, null);
        }
        if (problems.length) assert.fail(`${problems.length} of ${compared} encodings differ:\n${problems.slice(0, 5).join('\n')}`);
      });

      it('single encode and pairs mixed into a batch equal HF encode', async function () {
        const some = all.filter((_, i) => i % 7 === 0);
        const inputs = some.map((t, i) => (i % 3 === 0 ? [t, some[(i + 1) % some.length]] : t));
        const batch = await mine.encodeBatch(inputs);
        for (let i = 0; i < inputs.length; i++) {
          const input = inputs[i];
          const expected = Array.isArray(input) ? await reference.encode(input[0], input[1]) : await reference.encode(input);
          assert.deepStrictEqual(ours(batch[i]), theirs(expected), JSON.stringify(input).slice(0, 80));
          const one = Array.isArray(input) ? mine.encodePair(input[0], input[1]) : mine.encode(input);
          assert.deepStrictEqual(ours(one), theirs(expected), JSON.stringify(input).slice(0, 80));
        }
      });
    });
  }

  it('raw added tokens (lstrip / rstrip / single_word, not normalized) keep the fused path exact', async function () {
    const json = JSON.parse(fs.readFileSync(FILES['bert-base-uncased'], 'utf8'));
    const added = (content, flags) => ({ id: 0, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: false, ...flags });
    json.added_tokens.push(added('<ls>', { lstrip: true }), added('<rs>', { rstrip: true }), added('<sw>', { single_word: true }), added('Ünï', {}));
    const text = JSON.stringify(json);
    const mine = Tokenizer.fromString(text);
    const reference = hf.Tokenizer.fromString(text);
    const inputs = ['x  <ls>  y  <rs>  z', 'word<sw>word <sw> <sw>', 'aÜnïb Ünï <ls>é<rs>😀', '<ls>', '<rs>', ...all.slice(0, 40)];
    for (const addSpecialTokens of [true, false]) {
      const expected = await reference.encodeBatch(inputs, { addSpecialTokens });
      const batch = await mine.encodeBatch(inputs, { addSpecialTokens });
      inputs.forEach((t, i) => assert.deepStrictEqual(ours(batch[i]), theirs(expected[i]), t));
    }
  });

  it('truncation early exit: an added token counts toward max_length but never ends the walk (overflowing as HF)', async function () {
    const mine = Tokenizer.fromFile(FILES['bert-base-uncased']);
    const reference = hf.Tokenizer.fromFile(FILES['bert-base-uncased']);
    const cases = [[2, '[MASK][MASK] hello world foo'], [2, 'hello world [MASK][MASK]'], [2, 'é[MASK]é'], [3, 'a b [MASK] c [MASK][MASK]'], [4, 'hello [MASK][MASK] world foo bar']];
    for (const direction of ['right', 'left']) {
      for (const [maxLength, text] of cases) {
        reference.setTruncation(maxLength, { stride: 0, strategy: 'LongestFirst', direction });
        const expected = withWindows(theirs)((await reference.encodeBatch([text], { addSpecialTokens: true }))[0]);
        const got = withWindows(ours)((await mine.encodeBatch([text], { addSpecialTokens: true, truncation: { maxLength, stride: 0, direction } }))[0]);
        assert.deepStrictEqual(got, expected, `${direction} ${maxLength} ${text}`);
      }
    }
  });
});
