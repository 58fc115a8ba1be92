'use strict';
// Bad text vector files: every prefix of a small valid file of each text format (word2vec text,
// fastText .vec, GloVe, floret) is ERR_EMBEDKIT_FORMAT, except prefixes that are themselves complete
// files (GloVe has no count, so a cut at a line end is a shorter valid file); and what happens to
// invalid UTF-8 in words, per format (strict by default, U+FFFD with { lossy: true }, as finalfusion).
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { WordVectors } = require('../dist');
const { FifuBuilder } = require('./support/vectors-fifu');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-vec-badtext-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const FX = path.join(__dirname, 'fixtures', 'vectors');

function tryOpen(bytes, options) {
  const file = path.join(dir, 'bad.txt');
  fs.writeFileSync(file, bytes);
  try {
    return { wv: WordVectors.openSync(file, options) };
  } catch (err) {
    return { err };
  }
}

// Every prefix shorter than the file: ERR_EMBEDKIT_FORMAT naming the file, unless `valid(len)`.
function everyPrefix(bytes, format, valid = () => false) {
  let failures = 0;
  for (let len = 0; len < bytes.length; len++) {
    const { wv, err } = tryOpen(bytes.subarray(0, len), { format });
    if (valid(len)) {
      assert.ok(wv, `prefix ${len} should be a valid file: ${err && err.message}`);
    } else {
      assert.ok(err && err.code === 'ERR_EMBEDKIT_FORMAT', `${format} prefix ${len} of ${bytes.length}: ${err ? `${err.code} ${err.message}` : 'no error'}`);
      assert.match(err.message, /bad\.txt/);
      failures++;
    }
  }
  return failures;
}

// Small valid files of each text format, as our writers and the real tools write them.
const words = ['one', 'two', 'drei', 'vier'];
const rows = [[0.5, -1.25, 3], [1e-7, 2, -0.125], [7, 8, 9.5], [-1, 0, 1]];
const src = path.join(dir, 'src.fifu');
fs.writeFileSync(src, new FifuBuilder([1, 2]).simpleVocab(words).ndarray(4, 3, rows.flat()).build());
function written(format) {
  const out = path.join(dir, `small.${format}`);
  WordVectors.openSync(src).saveSync(out, { format });
  return fs.readFileSync(out);
}
const lineEnds = (bytes) => { const ends = []; bytes.forEach((b, i) => { if (b === 0x0a) ends.push(i + 1); }); return ends; };

describe('vectors: bad text input', () => {
  it('word2vec text: every prefix fails (header count, fields, numbers, missing final newline)', () => {
    const bytes = written('word2vec-text');
    assert.strictEqual(everyPrefix(bytes, 'word2vec-text'), bytes.length);
  });

  it('fastText .vec as fastText writes it (a space after every value): every prefix fails', () => {
    const bytes = Buffer.from(`4 3\n${words.map((w, i) => `${w} ${rows[i].join(' ')} \n`).join('')}`);
    assert.strictEqual(WordVectors.openSync(((f) => (fs.writeFileSync(f, bytes), f))(path.join(dir, 'ok.vec'))).vocab.length, 4);
    assert.strictEqual(everyPrefix(bytes, 'fasttext-vec'), bytes.length);
  });

  it('fastText .vec written by the fastText CLI (its first 8 lines under a new header): every prefix fails', () => {
    const all = fs.readFileSync(path.join(FX, 'ft.vec'));
    const body = all.subarray(all.indexOf(0x0a) + 1);
    const ends = lineEnds(body);
    const bytes = Buffer.concat([Buffer.from('8 12\n'), body.subarray(0, ends[7])]);
    assert.ok(tryOpen(bytes, { format: 'fasttext-vec' }).wv);
    assert.strictEqual(everyPrefix(bytes, 'fasttext-vec'), bytes.length);
  });

  it('GloVe (no header): every prefix fails except those ending at a line end (shorter valid files)', () => {
    const bytes = written('glove');
    const ends = lineEnds(bytes);
    const failures = everyPrefix(bytes, 'glove', (len) => ends.includes(len));
    assert.strictEqual(failures, bytes.length - (ends.length - 1)); // the whole file is not a prefix
    assert.match(tryOpen(Buffer.alloc(0), { format: 'glove' }).err.message, /empty file/);
    assert.match(tryOpen(bytes.subarray(0, bytes.length - 1), { format: 'glove' }).err.message, /does not end with a newline/);
  });

  it('GloVe from gensim (first 3 lines): same rule', () => {
    const all = fs.readFileSync(path.join(FX, 'glove.txt'));
    const bytes = all.subarray(0, lineEnds(all)[2]);
    const ends = lineEnds(bytes);
    everyPrefix(bytes, 'glove', (len) => ends.includes(len));
  });

  it('floret text: every prefix fails (header, bucket count, fields, missing final newline)', () => {
    const floret = path.join(dir, 'small.floret');
    fs.writeFileSync(path.join(dir, 'fl.fifu'), new FifuBuilder([9, 2]).floretVocab(2, 3, 4, 2, 2166136261, '<', '>')
      .ndarray(4, 2, [0.5, -1, 2, 3.25, 1e-3, 7, -8, 9]).build());
    WordVectors.openSync(path.join(dir, 'fl.fifu')).saveSync(floret, { format: 'floret' });
    const bytes = fs.readFileSync(floret);
    assert.strictEqual(everyPrefix(bytes, 'floret'), bytes.length);
    const real = fs.readFileSync(path.join(FX, 'rs-floret.floret'));  // written by finalfusion-rust
    const ends = lineEnds(real);
    for (const len of [ends[0] - 1, ends[0], ends[1] - 2, ends[5], real.length - 1]) {
      assert.strictEqual(tryOpen(real.subarray(0, len), { format: 'floret' }).err.code, 'ERR_EMBEDKIT_FORMAT', `prefix ${len}`);
    }
  });

  describe('invalid UTF-8 in words', () => {
    const bad = Buffer.from([0x66, 0x6f, 0xc3, 0x28]); // "fo", a lead byte, then "(": ill-formed
    const lossyWord = 'fo\ufffd(';
    const f32 = (a) => Buffer.from(Float32Array.from(a).buffer);
    const files = {
      'word2vec-text': Buffer.concat([Buffer.from('2 2\nok 1 0\n'), bad, Buffer.from(' 0 1\n')]),
      'fasttext-vec': Buffer.concat([Buffer.from('2 2\nok 1 0 \n'), bad, Buffer.from(' 0 1 \n')]),
      glove: Buffer.concat([Buffer.from('ok 1 0\n'), bad, Buffer.from(' 0 1\n')]),
      word2vec: Buffer.concat([Buffer.from('2 2\nok '), f32([1, 0]), Buffer.from('\n'), bad, Buffer.from(' '), f32([0, 1]), Buffer.from('\n')]),
    };
    for (const [format, bytes] of Object.entries(files)) {
      it(`${format}: ERR_EMBEDKIT_FORMAT naming the word by default; { lossy: true } replaces each bad sequence with one U+FFFD`, () => {
        const { err } = tryOpen(bytes, { format });
        assert.strictEqual(err.code, 'ERR_EMBEDKIT_FORMAT');
        assert.match(err.message, /not valid UTF-8/);
        const { wv } = tryOpen(bytes, { format, lossy: true });
        assert.deepStrictEqual(wv.vocab, ['ok', lossyWord]);
        assert.deepStrictEqual(Array.from(wv.embedding(lossyWord)), [0, 1]);
      });
    }

    it('finalfusion: always ERR_EMBEDKIT_FORMAT (finalfusion has no lossy .fifu reader), lossy or not', () => {
      const good = new FifuBuilder([1, 2]).simpleVocab(['ok', 'foo(']).ndarray(2, 1, [1, 1]).build();
      const at = good.indexOf(Buffer.from('foo('));
      const bytes = Buffer.from(good);
      bytes[at + 2] = 0xc3;
      for (const lossy of [false, true]) {
        const { err } = tryOpen(bytes, { format: 'finalfusion', lossy });
        assert.strictEqual(err.code, 'ERR_EMBEDKIT_FORMAT');
        assert.match(err.message, /not valid UTF-8/);
      }
    });

    it('lossy words stay valid UTF-8 when written back (finalfusion and text)', () => {
      const { wv } = tryOpen(files.glove, { format: 'glove', lossy: true });
      const out = path.join(dir, 'lossy.fifu');
      wv.saveSync(out);
      assert.deepStrictEqual(WordVectors.openSync(out).vocab, ['ok', lossyWord]);
      const txt = path.join(dir, 'lossy.txt');
      wv.saveSync(txt, { format: 'glove' });
      assert.ok(fs.readFileSync(txt).includes(Buffer.from(lossyWord)));
    });
  });
});
