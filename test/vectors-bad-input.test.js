'use strict';
// Bad vector files never crash and never allocate from an unchecked size: every truncation of a valid
// file, wrong magic, absurd counts and lying lengths are ERR_EMBEDKIT_FORMAT (or UNSUPPORTED for valid
// files of a kind we do not read), with a message naming the file.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { WordVectors } = require('../dist');
const { FifuBuilder, u32, u64 } = require('./support/vectors-fifu');
const E = require('./support/vectors-expected');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-vec-bad-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function openBytes(bytes, options = {}, name = 'bad.bin') {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return WordVectors.openSync(file, options);
}

function expectCode(bytes, options, code, pattern) {
  assert.throws(() => openBytes(bytes, options), (err) => {
    assert.strictEqual(err.code, code, err.message);
    assert.match(err.message, /bad\.bin/);
    if (pattern) assert.match(err.message, pattern);
    return true;
  });
}

// Opens every prefix of `bytes` (shorter than the whole) and expects ERR_EMBEDKIT_FORMAT, except at the
// lengths in `valid` (prefixes that are themselves well-formed files). `lengths` narrows the prefixes.
function everyPrefix(bytes, format, valid = [], lengths = null) {
  const file = path.join(dir, 'bad.bin');
  for (const len of lengths ?? Array.from({ length: bytes.length }, (_, i) => i)) {
    fs.writeFileSync(file, bytes.subarray(0, len));
    let err = null;
    try {
      WordVectors.openSync(file, { format });
    } catch (e) {
      err = e;
    }
    if (valid.includes(len)) assert.strictEqual(err, null, `prefix ${len} should be a valid file`);
    else assert.ok(err && err.code === 'ERR_EMBEDKIT_FORMAT', `prefix ${len} of ${bytes.length}: ${err ? err.code + ' ' + err.message : 'no error'}`);
  }
}

describe('vectors: bad input', () => {
  it('every truncation of embeddings.fifu (all prefix lengths)', () => {
    const bytes = fs.readFileSync(E.PY('embeddings.fifu'));
    // The header lists [SimpleVocab, NdArray] only; the file is complete without the trailing NdNorms.
    const ndnormsStart = 460 - (12 + 8 + 4 + 4 + 7 * 4);
    everyPrefix(bytes, 'finalfusion', [ndnormsStart]);
    assert.strictEqual(openBytes(bytes.subarray(0, ndnormsStart), { format: 'finalfusion' }).norms, null);
  });

  it('every truncation of quantized.fifu and of a subword file with metadata and norms', function () {
    this.timeout(240000);
    everyPrefix(fs.readFileSync(E.RUST('quantized.fifu')), 'finalfusion');
    const sub = new FifuBuilder([5, 8, 2, 6]).metadata('k = "v"\n').explicitVocab(['a', 'b'], [['<a', 0], ['a>', 1]], 2, 2)
      .ndarray(4, 3, new Array(12).fill(0.5)).norms([1, 2]).build();
    everyPrefix(sub, 'finalfusion');
  });

  it('every truncation of word2vec binary files', function () {
    this.timeout(240000);
    const small = fs.readFileSync(E.PY('embeddings.w2v'));
    everyPrefix(small, 'word2vec', [small.length - 1]); // the final newline is optional (GoogleNews has none)
    // similarity.bin: every prefix through the first three records and the last one, every 7th between.
    const big = fs.readFileSync(E.RUST('similarity.bin'));
    const lengths = Array.from({ length: big.length }, (_, i) => i).filter((i) => i < 1300 || i > big.length - 420 || i % 7 === 0);
    everyPrefix(big, 'word2vec', [big.length - 1], lengths);
  });

  it('every truncation of fasttext.bin', function () {
    this.timeout(240000);
    const bytes = fs.readFileSync(E.PY('fasttext.bin'));
    // finalfusion writes no output matrix, so the file ending right after the input matrix is valid.
    const inputEnd = bytes.length - (1 + 16 + 157 * 50 * 4);
    const matrixStart = inputEnd - 257 * 50 * 4;
    // Every prefix through the args, dictionary and matrix headers; inside the two matrices (one length
    // check each) every 61st, plus the bytes around each boundary.
    const lengths = [];
    for (let len = 0; len < bytes.length; len++) {
      const near = (b) => Math.abs(len - b) <= 8;
      if (len <= matrixStart + 8 || near(inputEnd) || near(inputEnd + 17) || len > bytes.length - 8 || len % 61 === 0) lengths.push(len);
    }
    everyPrefix(bytes, 'fasttext', [inputEnd], lengths);
  });

  it('truncated text files with a header say how many lines are missing', () => {
    const bytes = fs.readFileSync(E.PY('embeddings.dims.txt'));
    const lastLine = bytes.lastIndexOf('\n', bytes.length - 2) + 1;
    expectCode(bytes.subarray(0, lastLine), { format: 'word2vec-text' }, 'ERR_EMBEDKIT_FORMAT', /header announces 7 words/);
    expectCode(bytes.subarray(0, lastLine + 4), { format: 'word2vec-text' }, 'ERR_EMBEDKIT_FORMAT', /expected a word and 10 values/);
  });

  it('wrong magic, unknown version, unknown chunk', () => {
    const good = fs.readFileSync(E.PY('embeddings.fifu'));
    const magic = Buffer.from(good);
    magic.write('FiFx', 0);
    expectCode(magic, { format: 'finalfusion' }, 'ERR_EMBEDKIT_FORMAT', /FiFu/);
    const version = Buffer.from(good);
    version.writeUInt32LE(1, 4);
    expectCode(version, {}, 'ERR_EMBEDKIT_UNSUPPORTED', /version 1/);
    const header = Buffer.from(good);
    header.writeUInt32LE(42, 12);
    expectCode(header, {}, 'ERR_EMBEDKIT_FORMAT', /unknown chunk identifier 42/);
    const body = Buffer.from(good);
    body.writeUInt32LE(42, 20); // the first chunk's id
    expectCode(body, {}, 'ERR_EMBEDKIT_FORMAT', /unknown chunk identifier 42/);
    const ftMagic = fs.readFileSync(E.PY('fasttext.bin'));
    expectCode(Buffer.from(ftMagic).fill(0, 0, 4), { format: 'fasttext' }, 'ERR_EMBEDKIT_FORMAT', /magic/);
  });

  it('absurd sizes are refused before anything is allocated', () => {
    const huge = 2n ** 60n;
    const withCount = (fn) => Buffer.concat([Buffer.from('FiFu'), u32(0), u32(2), u32(1), u32(2), fn()]);
    // SimpleVocab claiming 2^60 words.
    expectCode(withCount(() => Buffer.concat([u32(1), u64(12), u64(huge), u32(0)])), {}, 'ERR_EMBEDKIT_FORMAT', /absurd|truncated/);
    // A chunk longer than the file.
    expectCode(withCount(() => Buffer.concat([u32(1), u64(huge), u64(0)])), {}, 'ERR_EMBEDKIT_FORMAT', /truncated/);
    // NdArray claiming 2^40 x 2^31 values.
    const nd = new FifuBuilder([1, 2]).simpleVocab(['a']).build();
    const ndBody = Buffer.concat([u64(2n ** 40n), u32(2 ** 31), u32(10)]);
    const ndPad = FifuBuilder.pad(nd.length + 12 + ndBody.length);
    expectCode(Buffer.concat([nd, u32(2), u64(ndBody.length + ndPad.length), ndBody, ndPad]), {}, 'ERR_EMBEDKIT_FORMAT', /NdArray matrix/);
    // Header chunk count 2^32-1.
    expectCode(Buffer.concat([Buffer.from('FiFu'), u32(0), u32(0xffffffff)]), {}, 'ERR_EMBEDKIT_FORMAT', /chunk identifiers/);
    // word2vec header claiming 10^14 words.
    expectCode(Buffer.from('100000000000000 300\nab'), { format: 'word2vec' }, 'ERR_EMBEDKIT_FORMAT', /word2vec records/);
    expectCode(Buffer.from('100000000000000 300\nab'), { format: 'word2vec-text' }, 'ERR_EMBEDKIT_FORMAT', /text vector lines/);
    // fastText dictionary of 2^31-1 words.
    const ft = Buffer.from(fs.readFileSync(E.PY('fasttext.bin')));
    const dictAt = 8 + 12 * 4 + 8;
    ft.writeInt32LE(0x7fffffff, dictAt);
    ft.writeInt32LE(0x7fffffff, dictAt + 4);
    expectCode(ft, {}, 'ERR_EMBEDKIT_FORMAT', /dictionary entries/);
    // floret text header claiming 10^15 buckets.
    expectCode(Buffer.from('1000000000000000 10 2 3 2 2166136261 < >\n'), { format: 'floret' }, 'ERR_EMBEDKIT_FORMAT', /buckets/);
  });

  it('inconsistent files: storage rows vs vocab, norms count, duplicate words, bad n-gram range, bad type ids', () => {
    expectCode(new FifuBuilder([1, 2]).simpleVocab(['a', 'b']).ndarray(3, 1, [1, 2, 3]).build(), {}, 'ERR_EMBEDKIT_FORMAT', /3 rows but the vocabulary needs 2/);
    expectCode(new FifuBuilder([1, 2, 6]).simpleVocab(['a']).ndarray(1, 1, [1]).norms([1, 2]).build(), {}, 'ERR_EMBEDKIT_FORMAT', /NdNorms has 2/);
    expectCode(new FifuBuilder([1, 2]).simpleVocab(['a', 'a']).ndarray(2, 1, [1, 2]).build(), {}, 'ERR_EMBEDKIT_FORMAT', /twice/);
    expectCode(new FifuBuilder([3, 2]).bucketVocab(['a'], 4, 3, 2).ndarray(5, 1, [1, 2, 3, 4, 5]).build(), {}, 'ERR_EMBEDKIT_FORMAT', /n-gram lengths/);
    expectCode(new FifuBuilder([1]).simpleVocab(['a']).build(), {}, 'ERR_EMBEDKIT_FORMAT', /no storage/);
    const t = new FifuBuilder([1, 2]).simpleVocab(['a']).ndarray(1, 1, [1]).build();
    t.writeUInt32LE(11, 20 + 12 + 13 + 12 + 12); // header, vocab chunk, ndarray prefix, rows + cols: the type id
    expectCode(new FifuBuilder([1, 2, 6]).simpleVocab(['a']).ndarray(1, 1, [1]).build(), {}, 'ERR_EMBEDKIT_FORMAT', /NdNorms.*missing/);
    expectCode(t, {}, 'ERR_EMBEDKIT_FORMAT', /type id 11/);
    expectCode(Buffer.from('a 1 2\nb 1\n'), { format: 'glove' }, 'ERR_EMBEDKIT_FORMAT', /line 2/);
    expectCode(Buffer.from('a 1 2\n\nb 1 2\n'), { format: 'glove' }, 'ERR_EMBEDKIT_FORMAT', /empty line/);
    expectCode(Buffer.from('a 1 x\n'), { format: 'glove' }, 'ERR_EMBEDKIT_FORMAT', /not a number/);
  });

  it('fastText models we do not read: supervised, quantized, labels', () => {
    const good = fs.readFileSync(E.PY('fasttext.bin'));
    const supervised = Buffer.from(good);
    supervised.writeInt32LE(3, 8 + 7 * 4); // args.model = sup
    expectCode(supervised, {}, 'ERR_EMBEDKIT_UNSUPPORTED', /supervised/);
    const labels = Buffer.from(good);
    labels.writeInt32LE(1, 8 + 12 * 4 + 8 + 8); // nlabels
    expectCode(labels, {}, 'ERR_EMBEDKIT_UNSUPPORTED', /labels/);
    const quant = Buffer.from(good);
    const inputEnd = good.length - (1 + 16 + 157 * 50 * 4);
    quant.writeUInt8(1, inputEnd - (257 * 50 * 4) - 16 - 1); // quant_input flag
    expectCode(quant, {}, 'ERR_EMBEDKIT_UNSUPPORTED', /quantized/);
    const newer = Buffer.from(good);
    newer.writeInt32LE(13, 4);
    expectCode(newer, {}, 'ERR_EMBEDKIT_UNSUPPORTED', /version 13/);
  });

  it('argument errors: unknown format, missing file, bad options', async () => {
    assert.throws(() => WordVectors.openSync(E.PY('embeddings.fifu'), { format: 'nope' }), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    assert.throws(() => WordVectors.openSync(path.join(dir, 'missing.fifu')), { code: 'ERR_EMBEDKIT_NOT_FOUND' });
    await assert.rejects(WordVectors.open(path.join(dir, 'missing.fifu')), { code: 'ERR_EMBEDKIT_NOT_FOUND' });
    assert.throws(() => WordVectors.openSync(''), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    const wv = WordVectors.openSync(E.PY('simple_vocab.fifu'));
    assert.throws(() => wv.similarity('Paris', { k: -1 }), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    assert.throws(() => wv.analogy(['a', 'b']), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    assert.throws(() => wv.analogy(['a', 'b', 'c'], { mask: [true] }), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    assert.throws(() => wv.embedding(1), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    assert.throws(() => wv.row(43), { code: 'ERR_EMBEDKIT_ARGUMENT' });
  });
});
