'use strict';
// Writers: finalfusion byte for byte as finalfusion-rust writes (re-saving the files in ../shared/data,
// and files with every vocab chunk built chunk by chunk), word2vec binary and text, GloVe, fastText
// .vec and floret text round trips, and atomic saves (no half-written file, no temporary left over).
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { WordVectors } = require('../dist');
const { FifuBuilder } = require('./support/vectors-fifu');
const E = require('./support/vectors-expected');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-vec-write-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const tmp = (ext = '') => path.join(dir, `f${n++}${ext}`);
function write(buf, ext = '.fifu') {
  const file = tmp(ext);
  fs.writeFileSync(file, buf);
  return file;
}
const leftovers = () => fs.readdirSync(dir).filter((f) => f.includes('.tmp-'));

// Every word's vector (and the norms) agree within `tol` (relative to the vector's size).
function assertSameVectors(a, b, tol, words = a.vocab) {
  assert.deepStrictEqual(b.vocab, a.vocab);
  for (const w of words) {
    const x = a.embedding(w);
    const y = b.embedding(w);
    assert.ok(x && y, `no vector for ${w}`);
    const scale = Math.max(...Array.from(x, Math.abs));
    for (let j = 0; j < x.length; j++) assert.ok(Math.abs(x[j] - y[j]) <= tol * scale, `${w}[${j}]: ${x[j]} vs ${y[j]}`);
  }
  if (a.norms) {
    for (let i = 0; i < a.norms.length; i++) assert.ok(Math.abs(a.norms[i] - b.norms[i]) <= tol * a.norms[i], `norm ${i}`);
  }
}

describe('vectors: writers', () => {
  describe('finalfusion: re-saving gives the bytes finalfusion wrote', () => {
    const files = [E.RUST('similarity.fifu'), E.RUST('quantized.fifu'), E.RUST('quantized_storage.bin'), E.PY('pq.fifu'),
      E.PY('similarity.fifu'), E.PY('simple_vocab.fifu')];
    for (const file of files) {
      for (const mmap of [false, true]) {
        it(`${path.basename(path.dirname(file))}/${path.basename(file)}${mmap ? ' (mmap)' : ''}`, async () => {
          const out = tmp('.fifu');
          await (await WordVectors.open(file, { mmap })).save(out);
          assert.ok(fs.readFileSync(out).equals(fs.readFileSync(file)));
        });
      }
    }

    it('embeddings.fifu (old writer left NdNorms out of the header): same chunks, header now lists NdNorms', () => {
      const orig = fs.readFileSync(E.PY('embeddings.fifu'));
      const out = tmp('.fifu');
      WordVectors.openSync(E.PY('embeddings.fifu')).saveSync(out);
      const got = fs.readFileSync(out);
      const header = Buffer.concat([Buffer.from('FiFu'), ...[0, 3, 1, 2, 6].map((v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); return b; })]);
      assert.ok(got.subarray(0, 24).equals(header));
      // 4 more header bytes keep every offset's remainder mod 4, so padding and the rest are unchanged.
      assert.ok(got.subarray(24).equals(orig.subarray(20)));
      assert.deepStrictEqual(Array.from(WordVectors.openSync(out).norms), Array.from(WordVectors.openSync(E.PY('embeddings.fifu')).norms));
    });

    const built = {
      'simple vocab + metadata + norms': () => new FifuBuilder([5, 1, 2, 6]).metadata('[model]\ndims = 2\n').simpleVocab(['a', 'bé', 'c d'])
        .ndarray(3, 2, [1, 0, 0, 1, 0.6, 0.8]).norms([2, 3, 4]),
      'bucket vocab (3)': () => new FifuBuilder([3, 2]).bucketVocab(['ab', 'cd'], 2, 3, 3).ndarray(10, 2, Array.from({ length: 20 }, (_, i) => i / 7)),
      'fastText vocab (7)': () => new FifuBuilder([7, 2, 6]).bucketVocab(['x', 'yz'], 1, 4, 5, 7).ndarray(7, 3, Array.from({ length: 21 }, (_, i) => -i))
        .norms([1.5, 2.5]),
      'explicit vocab (8), dense indices': () => new FifuBuilder([8, 2]).explicitVocab(['w0', 'w1'], [['<a', 0], ['<ab', 0], ['ab', 1], ['b>', 2]], 2, 3)
        .ndarray(5, 2, [1, 0, 0, 1, 1, 2, 3, 4, 5, 6]),
      'floret vocab (9)': () => new FifuBuilder([5, 9, 2]).metadata('x = 1\n').floretVocab(2, 3, 10, 2, 2166136261, '<', '>')
        .ndarray(10, 2, Array.from({ length: 20 }, (_, i) => Math.sin(i))),
    };
    for (const [name, make] of Object.entries(built)) {
      it(`${name}: byte-identical re-save, array and mmap`, () => {
        const src = write(make().build());
        for (const mmap of [false, true]) {
          const out = tmp('.fifu');
          WordVectors.openSync(src, { mmap }).saveSync(out);
          assert.ok(fs.readFileSync(out).equals(fs.readFileSync(src)), `${name} mmap=${mmap}`);
        }
      });
    }

    it('explicit vocab with sparse shared indices: renumbered by first appearance (as finalfusion does), same vectors', () => {
      const src = write(new FifuBuilder([8, 2]).explicitVocab(['w0', 'w1'], [['<a', 7], ['<ab', 7], ['ab', 3], ['b>', 9]], 2, 3)
        .ndarray(5, 2, [1, 0, 0, 1, 1, 2, 3, 4, 5, 6]).build());
      const out = tmp('.fifu');
      const a = WordVectors.openSync(src);
      a.saveSync(out);
      const expected = new FifuBuilder([8, 2]).explicitVocab(['w0', 'w1'], [['<a', 0], ['<ab', 0], ['ab', 1], ['b>', 2]], 2, 3)
        .ndarray(5, 2, [1, 0, 0, 1, 1, 2, 3, 4, 5, 6]).build();
      assert.ok(fs.readFileSync(out).equals(expected));
      assert.deepStrictEqual(Array.from(WordVectors.openSync(out).embedding('ab')), Array.from(a.embedding('ab')));
    });

    it('fastText .bin -> finalfusion: fastText vocab, metadata, norms; known and unknown words unchanged', async () => {
      const a = await WordVectors.open(E.PY('fasttext.bin'));
      const out = tmp('.fifu');
      await a.save(out);
      const b = await WordVectors.open(out, { mmap: true });
      assert.strictEqual(b.info.subwords, 'fasttext');
      assert.strictEqual(b.metadata, a.metadata);
      assert.ok(a.metadata.length > 0);
      assertSameVectors(a, b, 0);
      for (const w of ['über', 'Übermensch', 'qqqqzz']) assert.deepStrictEqual(Array.from(b.embedding(w)), Array.from(a.embedding(w)));
    });

    it('metadata: replaced by a string, dropped with null, kept by default', () => {
      const src = write(new FifuBuilder([5, 1, 2]).metadata('a = 1\n').simpleVocab(['x']).ndarray(1, 1, [1]).build());
      const wv = WordVectors.openSync(src);
      const kept = tmp('.fifu');
      const replaced = tmp('.fifu');
      const dropped = tmp('.fifu');
      wv.saveSync(kept);
      wv.saveSync(replaced, { metadata: 'name = "ü"\n' });
      wv.saveSync(dropped, { metadata: null });
      assert.strictEqual(WordVectors.openSync(kept).metadata, 'a = 1\n');
      assert.strictEqual(WordVectors.openSync(replaced).metadata, 'name = "ü"\n');
      assert.strictEqual(WordVectors.openSync(dropped).metadata, null);
      assert.ok(fs.readFileSync(dropped).equals(new FifuBuilder([1, 2]).simpleVocab(['x']).ndarray(1, 1, [1]).build()));
    });
  });

  describe('word2vec, text, GloVe, fastText .vec, floret', () => {
    const sources = [['similarity.bin', 'word2vec'], ['similarity.txt', 'word2vec-text'], ['similarity.nodims', 'glove']];
    for (const [file, format] of sources) {
      for (const to of ['word2vec', 'word2vec-text', 'glove', 'fasttext-vec', 'finalfusion']) {
        it(`${format} -> ${to} -> read: same words, vectors and norms (f32 rounding of x / n * n)`, () => {
          const a = WordVectors.openSync(E.RUST(file), { format });
          const out = tmp();
          a.saveSync(out, { format: to });
          const b = WordVectors.openSync(out, { format: to });
          assertSameVectors(a, b, to === 'finalfusion' ? 0 : 4e-7);
          if (to !== 'finalfusion') {  // unnormalized: the file holds the original vectors
            const raw = b.embeddingWithNorm('Berlin');
            E.assertAllclose(Array.from(raw.embedding.slice(0, 5), (v) => v * raw.norm), E.BERLIN_RAW_FIRST5, { atol: 1e-7, rtol: 1e-5 });
          }
        });
      }
    }

    it('text output: shortest round-trip decimals, no exponent; unnormalize: false writes the unit rows', () => {
      const src = write(new FifuBuilder([1, 2, 6]).simpleVocab(['a', 'b']).ndarray(2, 3, [0.1, 1e-7, -0, 0.6, 0.8, 0]).norms([10, 2]).build());
      const wv = WordVectors.openSync(src);
      const raw = tmp('.txt');
      const unit = tmp('.txt');
      wv.saveSync(raw, { format: 'word2vec-text' });
      wv.saveSync(unit, { format: 'glove', unnormalize: false });
      assert.strictEqual(fs.readFileSync(raw, 'utf8'), '2 3\na 1 0.000001 -0\nb 1.2 1.6 0\n');
      assert.strictEqual(fs.readFileSync(unit, 'utf8'), 'a 0.1 0.0000001 -0\nb 0.6 0.8 0\n');
    });

    it('word2vec binary layout: "<rows> <dims>\\n", then word, space, LE f32, newline', () => {
      const src = write(new FifuBuilder([1, 2]).simpleVocab(['ä', 'b']).ndarray(2, 2, [1, 0, 0, 1]).build());
      const out = tmp('.bin');
      WordVectors.openSync(src).saveSync(out, { format: 'word2vec' });
      const f = (a) => Buffer.from(Float32Array.from(a).buffer);
      assert.ok(fs.readFileSync(out).equals(Buffer.concat([Buffer.from('2 2\nä '), f([1, 0]), Buffer.from('\nb '), f([0, 1]), Buffer.from('\n')])));
    });

    it('subword vocab -> word2vec keeps the words only; quantized storage is reconstructed', () => {
      const ft = WordVectors.openSync(E.PY('fasttext.bin'));
      const out = tmp('.vec');
      ft.saveSync(out, { format: 'fasttext-vec' });
      const b = WordVectors.openSync(out);
      assert.strictEqual(b.info.format, 'fasttext-vec');
      assertSameVectors(ft, b, 4e-7);
      const q = WordVectors.openSync(E.RUST('quantized.fifu'));
      const w2v = tmp('.bin');
      q.saveSync(w2v, { format: 'word2vec', unnormalize: false });
      const r = WordVectors.openSync(w2v);
      for (const w of q.vocab.slice(0, 10)) E.assertAllclose(Array.from(r.embedding(w)), E.unit(Array.from(q.embedding(w))), { atol: 1e-7, rtol: 1e-6 });
    });

    it('floret text: written and read back (header, one line per bucket); floret -> finalfusion -> floret is stable', () => {
      const src = write(new FifuBuilder([9, 2]).floretVocab(2, 4, 10, 3, 2166136261, '<', '>').ndarray(10, 2, Array.from({ length: 20 }, (_, i) => i / 3)).build());
      const a = WordVectors.openSync(src);
      const out = tmp('.floret');
      a.saveSync(out, { format: 'floret' });
      const text = fs.readFileSync(out, 'utf8');
      assert.ok(text.startsWith('10 2 2 4 3 2166136261 < >\n0 0 0.33333334\n'));
      const b = WordVectors.openSync(out);
      assert.strictEqual(b.info.format, 'floret');
      for (const w of ['Berlin', 'ab', 'ü']) {
        assert.deepStrictEqual(b.subwordRows(w), a.subwordRows(w));
        assert.deepStrictEqual(Array.from(b.embedding(w)), Array.from(a.embedding(w)));
      }
      const back = tmp('.fifu');
      b.saveSync(back);
      assert.ok(fs.readFileSync(back).equals(fs.readFileSync(src)));
    });
  });

  describe('errors and atomicity', () => {
    const wv = () => WordVectors.openSync(E.PY('embeddings.fifu'));
    const code = (fn, c, re) => assert.throws(fn, (e) => e.code === c && (!re || re.test(e.message)));

    it('words a text format cannot hold: ERR_EMBEDKIT_UNSUPPORTED, nothing written', () => {
      const src = write(new FifuBuilder([1, 2]).simpleVocab(['ok', 'two words']).ndarray(2, 1, [1, 1]).build());
      const out = tmp('.txt');
      for (const format of ['word2vec', 'word2vec-text', 'glove', 'fasttext-vec']) {
        code(() => WordVectors.openSync(src).saveSync(out, { format }), 'ERR_EMBEDKIT_UNSUPPORTED', /word 1 \("two words"\)/);
      }
      assert.ok(!fs.existsSync(out));
      // finalfusion strings are length-prefixed: spaces are fine there.
      WordVectors.openSync(src).saveSync(out);
      assert.deepStrictEqual(WordVectors.openSync(out).vocab, ['ok', 'two words']);
    });

    it('floret text needs floret vectors; fastText .bin is read only; bad options', () => {
      code(() => wv().saveSync(tmp(), { format: 'floret' }), 'ERR_EMBEDKIT_UNSUPPORTED', /floret/);
      code(() => wv().saveSync(tmp(), { format: 'fasttext' }), 'ERR_EMBEDKIT_ARGUMENT', /read only/);
      code(() => wv().saveSync(tmp(), { format: 'npy' }), 'ERR_EMBEDKIT_ARGUMENT');
      code(() => wv().saveSync(tmp(), { metadata: 3 }), 'ERR_EMBEDKIT_ARGUMENT');
      code(() => wv().saveSync(tmp(), { unnormalize: 'yes' }), 'ERR_EMBEDKIT_ARGUMENT');
      code(() => wv().saveSync(''), 'ERR_EMBEDKIT_ARGUMENT');
    });

    it('missing folder or a folder as target: ERR_EMBEDKIT_IO (async too)', async () => {
      code(() => wv().saveSync(path.join(dir, 'no', 'such', 'f.fifu')), 'ERR_EMBEDKIT_IO');
      code(() => wv().saveSync(dir), 'ERR_EMBEDKIT_IO', /folder/);
      await assert.rejects(wv().save(path.join(dir, 'no', 'f.fifu')), (e) => e.code === 'ERR_EMBEDKIT_IO');
    });

    it('a failure in the middle of writing leaves the old file intact and no temporary file', async () => {
      // A quantized file whose last code points past its 32 centroids: reading is lazy, so the error
      // comes while the word2vec writer reconstructs the last row, after most bytes are out.
      const bytes = Buffer.from(fs.readFileSync(E.PY('pq.fifu')));
      bytes[bytes.length - 1] = 200;
      const bad = WordVectors.openSync(write(bytes));
      const out = tmp('.bin');
      fs.writeFileSync(out, 'previous contents');
      code(() => bad.saveSync(out, { format: 'word2vec' }), 'ERR_EMBEDKIT_FORMAT', /centroid 200/);
      await assert.rejects(bad.save(out, { format: 'glove' }), (e) => e.code === 'ERR_EMBEDKIT_FORMAT');
      assert.strictEqual(fs.readFileSync(out, 'utf8'), 'previous contents');
      assert.deepStrictEqual(leftovers(), []);
    });

    it('overwrites an existing file in one step; file mode follows the umask', () => {
      const out = tmp('.fifu');
      fs.writeFileSync(out, 'old');
      wv().saveSync(out);
      assert.strictEqual(WordVectors.openSync(out).vocab.length, 7);
      if (process.platform !== 'win32') assert.strictEqual(fs.statSync(out).mode & 0o777, 0o666 & ~process.umask());
      assert.deepStrictEqual(leftovers(), []);
    });
  });
});
