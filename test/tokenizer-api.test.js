'use strict';
// The public Tokenizer API around pairs, truncation, padding and batch tensors, checked against HF's
// own tokenizers (npm `tokenizers`) on real text: encode({ pair }), encodePair, encodeBatch with mixed
// texts and [first, second] pairs, `.tensors` (BigInt64Array / Int32Array, row-major), the file's
// truncation and padding honoured like HF's encode, overflow windows, fromString and fromPretrained.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const hf = require('tokenizers');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { FIXTURES } = require('./support/paths');
const { theirs, ours } = require('./support/hf-parity');

const BERT = path.join(FIXTURES, 'tokenizers', 'bert-uncased.json');
const LLAMA3 = path.join(FIXTURES, 'tokenizers', 'llama3-bpe.json');

const texts = corpus.spread(corpus.wordnetGlosses(), 40);

describe('Tokenizer API: pairs, truncation, padding, tensors', function () {
  for (const file of [BERT, LLAMA3]) {
    describe(path.basename(file), function () {
      const json = fs.readFileSync(file, 'utf8');
      const mine = Tokenizer.fromString(json);
      const reference = hf.Tokenizer.fromString(json);

      it('encode({ pair }) and encodePair give HF encode(first, second)', async function () {
        for (let i = 0; i + 1 < texts.length; i += 2) {
          const expected = theirs(await reference.encode(texts[i], texts[i + 1]));
          assert.deepStrictEqual(ours(mine.encode(texts[i], { pair: texts[i + 1] })), expected);
          assert.deepStrictEqual(ours(mine.encodePair(texts[i], texts[i + 1])), expected);
          const plain = theirs(await reference.encode(texts[i], texts[i + 1], { addSpecialTokens: false }));
          assert.deepStrictEqual(ours(mine.encodePair(texts[i], texts[i + 1], { addSpecialTokens: false })), plain);
        }
      });

      it('encodeBatch takes texts and [first, second] pairs mixed, as HF encode each', async function () {
        const inputs = texts.map((t, i) => (i % 3 === 0 ? [t, texts[(i + 5) % texts.length]] : t));
        const batch = await mine.encodeBatch(inputs);
        const sync = mine.encodeBatchSync(inputs);
        assert.strictEqual(batch.length, inputs.length);
        for (let i = 0; i < inputs.length; i++) {
          const [a, b] = Array.isArray(inputs[i]) ? inputs[i] : [inputs[i], null];
          const expected = theirs(await reference.encode(a, b));
          assert.deepStrictEqual(ours(batch[i]), expected);
          assert.deepStrictEqual(ours(sync[i]), expected);
        }
      });

      it('encodeBatch with padding and truncation: HF encodeBatch, and tensors laid out row-major', async function () {
        const truncation = { maxLength: 24, strategy: 'LongestFirst', direction: 'right', stride: 0 };
        const padding = { padToMultipleOf: 8, padId: 0 };
        const ref = hf.Tokenizer.fromString(json);
        ref.setTruncation(24, { strategy: 'LongestFirst', direction: 'right', stride: 0 });
        ref.setPadding({ padToMultipleOf: 8, padId: 0 });
        const expected = (await ref.encodeBatch(texts)).map(theirs);
        const batch = await mine.encodeBatch(texts, { truncation, padding });
        assert.deepStrictEqual(batch.map(ours), expected);
        const t = batch.tensors;
        assert.strictEqual(t.rows, texts.length);
        assert.strictEqual(t.cols, expected[0].ids.length);
        assert.strictEqual(t.cols % 8, 0);
        assert.deepStrictEqual(t.dims, [t.rows, t.cols]);
        assert.ok(t.inputIds instanceof BigInt64Array);
        for (let r = 0; r < t.rows; r++) {
          for (let c = 0; c < t.cols; c++) {
            assert.strictEqual(t.inputIds[r * t.cols + c], BigInt(expected[r].ids[c]));
            assert.strictEqual(t.attentionMask[r * t.cols + c], BigInt(expected[r].attentionMask[c]));
            assert.strictEqual(t.tokenTypeIds[r * t.cols + c], BigInt(expected[r].typeIds[c]));
          }
        }
        const t32 = (await mine.encodeBatch(texts, { truncation, padding, tensorType: 'int32' })).tensors;
        assert.ok(t32.inputIds instanceof Int32Array);
        assert.deepStrictEqual(Array.from(t32.inputIds), Array.from(t.inputIds, Number));
        assert.deepStrictEqual(Array.from(t32.attentionMask), Array.from(t.attentionMask, Number));
      });

      it('tensors of an unpadded batch are padded with id 0 and attention 0 on the right', async function () {
        const batch = await mine.encodeBatch(['a', texts[0]], { padding: null });
        const t = batch.tensors;
        assert.strictEqual(t.cols, batch[1].ids.length);
        const n = batch[0].ids.length;
        assert.deepStrictEqual(Array.from(t.inputIds.subarray(0, t.cols), Number), [...batch[0].ids, ...new Array(t.cols - n).fill(0)]);
        assert.deepStrictEqual(Array.from(t.attentionMask.subarray(0, t.cols), Number), [...new Array(n).fill(1), ...new Array(t.cols - n).fill(0)]);
      });

      it('left padding and left truncation with overflow windows match HF', async function () {
        const ref = hf.Tokenizer.fromString(json);
        ref.setTruncation(10, { strategy: 'LongestFirst', direction: 'left', stride: 3 });
        ref.setPadding({ direction: 'left', padId: 5, padTypeId: 1, padToken: '<pad>', maxLength: 12 });
        for (const t of texts.slice(0, 10)) {
          const e = await ref.encode(t);
          const m = mine.encode(t, {
            truncation: { maxLength: 10, direction: 'left', stride: 3 },
            padding: { direction: 'left', padId: 5, padTypeId: 1, padToken: '<pad>', maxLength: 12 },
          });
          assert.deepStrictEqual(ours(m), theirs(e));
          assert.deepStrictEqual(m.overflowing.map(ours), e.getOverflowing().map(theirs));
        }
      });

      // Small results come back as views of one ArrayBuffer, big ones as a buffer per array
      // (native/binding/tokenizer_wrap.cpp, kPackedMax = 256 KiB): both layouts must read the same.
      it('small (one shared buffer) and large (a buffer per array) results give the same encodings', async function () {
        const many = corpus.spread(corpus.wordnetGlosses(), 6000);
        const options = { truncation: { maxLength: 12, stride: 2 } };
        const big = await mine.encodeBatch(many, options);
        assert.ok(big[0].ids.buffer.byteLength > 256 * 1024, 'the big batch is past the packing limit');
        for (let i = 0; i < many.length; i += 97) {
          const one = mine.encode(many[i], options);
          assert.ok(one.ids.buffer.byteLength <= 256 * 1024, 'one text is packed');
          assert.deepStrictEqual(ours(one), ours(big[i]), `text ${i}`);
          assert.deepStrictEqual(one.overflowing.map(ours), big[i].overflowing.map(ours), `text ${i} windows`);
          const small = mine.encodeBatchSync(many.slice(i, i + 3), options);
          for (let k = 0; k < small.length; k++) assert.deepStrictEqual(ours(small[k]), ours(big[i + k]), `text ${i + k} in a small batch`);
          assert.strictEqual(one.ids.buffer, one.typeIds.buffer, 'ids and typeIds share one buffer');
        }
        const tensors = mine.encodeBatchSync(many.slice(0, 4), { ...options, padding: {} }).tensors;
        assert.deepStrictEqual(Array.from(tensors.inputIds.subarray(0, big[0].ids.length), Number), Array.from(big[0].ids));
      });
    });
  }

  describe('from the tokenizer.json', function () {
    const base = JSON.parse(fs.readFileSync(BERT, 'utf8'));
    const withFile = JSON.stringify({
      ...base,
      truncation: { max_length: 16, stride: 2, strategy: 'OnlySecond', direction: 'Right' },
      padding: { strategy: { Fixed: 24 }, direction: 'Left', pad_to_multiple_of: null, pad_id: 0, pad_type_id: 0, pad_token: '[PAD]' },
    });

    it('exposes the file truncation and padding', function () {
      const t = Tokenizer.fromString(withFile);
      assert.deepStrictEqual(t.truncation, { maxLength: 16, stride: 2, strategy: 'OnlySecond', direction: 'Right' });
      assert.deepStrictEqual(t.padding, { strategy: 'Fixed', length: 24, padId: 0, padTypeId: 0, padToken: '[PAD]', direction: 'Left' });
      assert.strictEqual(Tokenizer.fromFile(BERT).truncation, null);
      assert.strictEqual(Tokenizer.fromFile(BERT).padding, null);
      assert.strictEqual(t.numSpecialTokensToAdd(false), 2);
      assert.strictEqual(t.numSpecialTokensToAdd(true), 3);
    });

    it('applies them like HF encode and encodeBatch; null turns each off', async function () {
      const mine = Tokenizer.fromString(withFile);
      const reference = hf.Tokenizer.fromString(withFile);
      const pairs = [];
      for (let i = 0; i + 1 < texts.length; i += 2) pairs.push([texts[i].slice(0, 12), texts[i + 1]]);
      for (const [a, b] of pairs) {
        const e = await reference.encode(a, b);
        const m = mine.encodePair(a, b);
        assert.deepStrictEqual(ours(m), theirs(e));
        assert.deepStrictEqual(m.overflowing.map(ours), e.getOverflowing().map(theirs));
      }
      const batch = await mine.encodeBatch(pairs);
      for (let i = 0; i < pairs.length; i++) assert.deepStrictEqual(ours(batch[i]), theirs(await reference.encode(...pairs[i])));
      const long = texts.find((t) => t.split(' ').length > 30);
      const free = mine.encodePair(pairs[0][0], long, { truncation: null, padding: null });
      assert.ok(free.ids.length > 24, String(free.ids.length));
      assert.strictEqual(free.attentionMask.indexOf(0), -1);
    });
  });

  describe('loading and arguments', function () {
    it('fromPretrained reads tokenizer.json from a local folder', async function () {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedkit-tok-'));
      try {
        fs.copyFileSync(BERT, path.join(dir, 'tokenizer.json'));
        const t = await Tokenizer.fromPretrained(dir);
        assert.deepStrictEqual(Array.from(t.encode('hello world').ids), [101, 7592, 2088, 102]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('fromPretrained on a missing folder or id offline is ERR_EMBEDKIT_NOT_FOUND / OFFLINE', async function () {
      const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedkit-cache-'));
      try {
        await assert.rejects(Tokenizer.fromPretrained('no-such-org/no-such-tokenizer', { offline: true, cacheDir }), (e) => e.code === 'ERR_EMBEDKIT_OFFLINE');
      } finally {
        fs.rmSync(cacheDir, { recursive: true, force: true });
      }
    });

    it('refuses bad options with ERR_EMBEDKIT_ARGUMENT, as HF refuses a stride without room', function () {
      const t = Tokenizer.fromFile(BERT);
      const bad = [
        () => t.encode('x', { truncation: 'yes' }),
        () => t.encode('x', { truncation: { maxLength: -1 } }),
        () => t.encode('x', { truncation: { strategy: 'shortest' } }),
        () => t.encode('x', { truncation: { maxLength: 4, stride: 3 } }), // 4 - 2 specials < 3
        () => t.encode('x', { padding: { direction: 'up' } }),
        () => t.encode('x', { padding: { padToken: 3 } }),
        () => t.encode('x', { pair: 5 }),
        () => t.encodePair('x', null),
        () => t.encodeBatchSync([['a']]),
        () => t.encodeBatchSync([['a', 'b', 'c']]),
        () => t.encodeBatchSync(['a'], { tensorType: 'float' }),
        () => t.encode('a b c d e f', { pair: 'x', truncation: { maxLength: 6, strategy: 'OnlySecond' } }),
      ];
      for (const f of bad) assert.throws(f, (e) => e.code === 'ERR_EMBEDKIT_ARGUMENT', f.toString());
    });
  });
});
