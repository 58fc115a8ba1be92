'use strict';
// How the tokenizer fails: every error a user can cause is an Error with a stable `code` and a message
// naming the file and the JSON path; odd inputs (10 MB texts, lone surrogates) do not crash and match HF.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const hf = require('tokenizers');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { FIXTURES } = require('./support/paths');

const UNCASED = path.join(FIXTURES, 'tokenizers', 'bert-uncased.json');
const base = () => JSON.parse(fs.readFileSync(UNCASED, 'utf8'));

function throwsCode(fn, code, ...fragments) {
  let caught;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught, `expected an error with code ${code}`);
  assert.strictEqual(caught.code, code, `code of: ${caught.message}`);
  for (const f of fragments) assert.ok(caught.message.includes(f), `message ${JSON.stringify(caught.message)} lacks ${JSON.stringify(f)}`);
  return caught;
}

async function rejectsCode(promise, code, ...fragments) {
  let caught;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  assert.ok(caught, `expected a rejection with code ${code}`);
  assert.strictEqual(caught.code, code, caught.message);
  for (const f of fragments) assert.ok(caught.message.includes(f), `message ${JSON.stringify(caught.message)} lacks ${JSON.stringify(f)}`);
}

describe('tokenizer errors', function () {
  let tmp;
  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'embedkit-tok-'));
  });
  after(function () {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('loading', function () {
    it('an unknown component type is ERR_EMBEDKIT_UNSUPPORTED naming the file, the component and its JSON path', function () {
      const j = base();
      j.normalizer = { type: 'Sequence', normalizers: [{ type: 'NFD' }, { type: 'NoSuchNormalizer' }] };
      const file = path.join(tmp, 'unknown-normalizer.json');
      fs.writeFileSync(file, JSON.stringify(j));
      throwsCode(() => Tokenizer.fromFile(file), 'ERR_EMBEDKIT_UNSUPPORTED',
        `${file}: unsupported normalizer type 'NoSuchNormalizer' at normalizer.normalizers[1]`);
      throwsCode(() => Tokenizer.fromString(JSON.stringify(j), 'my.json'), 'ERR_EMBEDKIT_UNSUPPORTED', 'my.json:');
    });

    it('components HF has but this engine does not yet are ERR_EMBEDKIT_UNSUPPORTED too', function () {
      const cases = [
        ['pre_tokenizer', { type: 'Sequence', pretokenizers: [{ type: 'WhitespaceSplit' }, { type: 'FixedLength', length: 5 }] },
          "unsupported pre-tokenizer type 'FixedLength' at pre_tokenizer.pretokenizers[1]"],
        ['pre_tokenizer', { type: 'FixedLength', length: 5 }, "unsupported pre-tokenizer type 'FixedLength' at pre_tokenizer"],
        ['decoder', { type: 'Sequence', decoders: [{ type: 'Fuse' }, { type: 'Nope' }] }, "unsupported decoder type 'Nope' at decoder.decoders[1]"],
      ];
      for (const [key, value, message] of cases) {
        const j = base();
        j[key] = value;
        throwsCode(() => Tokenizer.fromString(JSON.stringify(j)), 'ERR_EMBEDKIT_UNSUPPORTED', message);
      }
    });

    it('text that is not JSON is ERR_EMBEDKIT_FORMAT with line and column', function () {
      throwsCode(() => Tokenizer.fromString('not json at all', 'bad.json'), 'ERR_EMBEDKIT_FORMAT', 'bad.json', 'line 1, column 1');
      const file = path.join(tmp, 'truncated.json');
      fs.writeFileSync(file, '{\n  "version": "1.0",\n  "model": {"type": "WordPiece", \n');
      throwsCode(() => Tokenizer.fromFile(file), 'ERR_EMBEDKIT_FORMAT', file, 'line 4');
      throwsCode(() => Tokenizer.fromString('{"model": {"vocab": {"a": 1,}}}'), 'ERR_EMBEDKIT_FORMAT', 'line 1, column 29');
    });

    it('a malformed component is ERR_EMBEDKIT_FORMAT naming the field and its position', function () {
      const j = base();
      delete j.normalizer.lowercase;
      throwsCode(() => Tokenizer.fromString(JSON.stringify(j, null, 2)), 'ERR_EMBEDKIT_FORMAT', "missing field 'lowercase' at normalizer", 'line ');
      const k = base();
      k.model.max_input_chars_per_word = 'many';
      throwsCode(() => Tokenizer.fromString(JSON.stringify(k)), 'ERR_EMBEDKIT_FORMAT', 'model.max_input_chars_per_word');
      const a = base();
      delete a.added_tokens[2].single_word;
      throwsCode(() => Tokenizer.fromString(JSON.stringify(a)), 'ERR_EMBEDKIT_FORMAT', "missing field 'single_word' at added_tokens[2]");
      const v = base();
      v.version = '2.0';
      throwsCode(() => Tokenizer.fromString(JSON.stringify(v)), 'ERR_EMBEDKIT_FORMAT', 'version');
      const m = base();
      delete m.model;
      throwsCode(() => Tokenizer.fromString(JSON.stringify(m)), 'ERR_EMBEDKIT_FORMAT', "missing field 'model'");
      throwsCode(() => Tokenizer.fromString('[1, 2]'), 'ERR_EMBEDKIT_FORMAT', 'expected an object');
    });

    it('a missing file is ERR_EMBEDKIT_NOT_FOUND naming it', function () {
      const file = path.join(tmp, 'nope', 'tokenizer.json');
      throwsCode(() => Tokenizer.fromFile(file), 'ERR_EMBEDKIT_NOT_FOUND', file);
    });

    it('truncation and padding are read (applied as HF does: test/tokenizer-truncation.test.js)', function () {
      const j = base();
      j.truncation = { max_length: 8, strategy: 'LongestFirst', stride: 0, direction: 'Right' };
      j.padding = { strategy: 'BatchLongest', direction: 'Right', pad_to_multiple_of: null, pad_id: 0, pad_type_id: 0, pad_token: '[PAD]' };
      const t = Tokenizer.fromString(JSON.stringify(j));
      assert.ok(t.encode('hello world').ids.length > 0);
      assert.deepStrictEqual(t.truncation, { maxLength: 8, stride: 0, strategy: 'LongestFirst', direction: 'Right' });
      assert.strictEqual(t.padding.strategy, 'BatchLongest');
    });
  });

  describe('inputs', function () {
    let tok;
    before(function () {
      tok = Tokenizer.fromFile(UNCASED);
    });

    it('non-string inputs are ERR_EMBEDKIT_ARGUMENT', async function () {
      for (const bad of [42, null, undefined, {}, ['a'], Symbol('s')]) {
        throwsCode(() => tok.encode(bad), 'ERR_EMBEDKIT_ARGUMENT', 'text must be a string');
        throwsCode(() => tok.encodeIds(bad), 'ERR_EMBEDKIT_ARGUMENT');
      }
      throwsCode(() => tok.encodeBatchSync(['a', 3]), 'ERR_EMBEDKIT_ARGUMENT', 'texts[1]');
      throwsCode(() => tok.encodeBatchSync('a'), 'ERR_EMBEDKIT_ARGUMENT', 'array');
      await rejectsCode(tok.encodeBatch(['a', null]), 'ERR_EMBEDKIT_ARGUMENT', 'texts[1]');
      throwsCode(() => tok.encode('a', { addSpecialTokens: 'yes' }), 'ERR_EMBEDKIT_ARGUMENT', 'addSpecialTokens');
      throwsCode(() => tok.encode('a', null), 'ERR_EMBEDKIT_ARGUMENT', 'options');
      throwsCode(() => Tokenizer.fromFile(42), 'ERR_EMBEDKIT_ARGUMENT');
      throwsCode(() => Tokenizer.fromString(null), 'ERR_EMBEDKIT_ARGUMENT');
      throwsCode(() => tok.tokenToId(7), 'ERR_EMBEDKIT_ARGUMENT');
      throwsCode(() => tok.idToToken('7'), 'ERR_EMBEDKIT_ARGUMENT');
      throwsCode(() => tok.idToToken(-1), 'ERR_EMBEDKIT_ARGUMENT');
    });

    it('UTF-8 bytes work like the string; invalid UTF-8 is ERR_EMBEDKIT_ARGUMENT', function () {
      const text = 'Héllo wörld, 東京!';
      const bytes = Buffer.from(`xx${text}yy`).subarray(2, 2 + Buffer.byteLength(text));
      assert.deepStrictEqual(tok.encode(bytes).toJSON(), tok.encode(text).toJSON());
      throwsCode(() => tok.encode(new Uint8Array([0x61, 0xc3, 0x28])), 'ERR_EMBEDKIT_ARGUMENT', 'UTF-8');
    });

    it('a 10 MB text does not crash and matches HF', async function () {
      const parts = [];
      let size = 0;
      for (const g of corpus.wordnetGlosses()) {
        parts.push(g);
        size += g.length + 1;
        if (size > 10e6) break;
      }
      const big = parts.join(' ');
      const mine = tok.encode(big);
      const ids = tok.encodeIds(big);
      assert.deepStrictEqual(Array.from(ids), Array.from(mine.ids));
      const ref = await hf.Tokenizer.fromFile(UNCASED).encode(big);
      assert.strictEqual(mine.ids.length, ref.getLength());
      assert.deepStrictEqual(Array.from(mine.ids), ref.getIds());
      assert.deepStrictEqual(mine.offsets[mine.offsets.length - 2], ref.getOffsets()[ref.getLength() - 2]);
      // One 10 MB "word" is longer than max_input_chars_per_word: a single [UNK], as in HF.
      const word = 'a'.repeat(10e6);
      assert.deepStrictEqual(Array.from(tok.encodeIds(word, { addSpecialTokens: false })), [100]);
    });

    it('lone surrogates reach the tokenizer as U+FFFD, as in HF (BertNormalizer then removes it)', async function () {
      const ref = hf.Tokenizer.fromFile(UNCASED);
      const noClean = base();
      noClean.normalizer = null;
      const mine2 = Tokenizer.fromString(JSON.stringify(noClean));
      const ref2 = hf.Tokenizer.fromString(JSON.stringify(noClean));
      for (const s of ['a\ud800b', '\udfff', 'x \ud83d y', 'end\ud83d', '\ude00start', 'ok 😀 \ud83d\ud83d ok']) {
        const a = tok.encode(s).toJSON();
        const b = await ref.encode(s);
        assert.deepStrictEqual(a.ids, b.getIds(), s);
        assert.deepStrictEqual(a.offsets, b.getOffsets(), s);
        // Without a normalizer U+FFFD stays, and is [UNK] in both.
        const c = mine2.encode(s).toJSON();
        const d = await ref2.encode(s);
        assert.deepStrictEqual(c.ids, d.getIds(), s);
        assert.deepStrictEqual(c.tokens, d.getTokens(), s);
        assert.deepStrictEqual(c.offsets, d.getOffsets(), s);
      }
    });

    it('a WordPiece vocabulary without its unknown token fails at encode with ERR_EMBEDKIT_RUNTIME, as HF does', async function () {
      const j = base();
      j.model.unk_token = '<missing>';
      const t = Tokenizer.fromString(JSON.stringify(j));
      assert.deepStrictEqual(Array.from(t.encodeIds('hello world', { addSpecialTokens: false })), [7592, 2088]);
      throwsCode(() => t.encode('hello 😀'), 'ERR_EMBEDKIT_RUNTIME', '<missing>');
      await rejectsCode(t.encodeBatch(['fine', 'hello 😀']), 'ERR_EMBEDKIT_RUNTIME');
      await assert.rejects(hf.Tokenizer.fromString(JSON.stringify(j)).encode('hello 😀'));
    });
  });
});
