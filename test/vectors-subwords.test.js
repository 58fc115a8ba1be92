'use strict';
// Unknown words through subwords, for each finalfusion subword vocabulary (bucket, fastText, explicit,
// floret), on files built chunk by chunk. Hash test vectors: finalfusion-rust's own tests (<hallo>,
// <Daniël>, in ../shared/specs/finalfusion.md §2.2-2.3) and MurmurHash3 values computed with the
// Python mmh3 package (floret).
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { WordVectors } = require('../dist');
const { FifuBuilder } = require('./support/vectors-fifu');
const E = require('./support/vectors-expected');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-vec-sub-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
function write(buf) {
  const file = path.join(dir, `f${n++}.fifu`);
  fs.writeFileSync(file, buf);
  return file;
}
const sorted = (a) => [...a].sort((x, y) => x - y);

describe('vectors: subword vocabularies', () => {
  it('bucket vocab (id 3): finalfusion FNV-1a buckets of <hallo> (exp 21)', () => {
    const words = ['x'];
    const rows = 1 + 2 ** 21;
    const file = write(new FifuBuilder([3, 2]).bucketVocab(words, 3, 6, 21).ndarray(rows, 1, new Float32Array(rows).fill(1)).build());
    const wv = WordVectors.openSync(file);
    assert.strictEqual(wv.info.subwords, 'bucket');
    assert.strictEqual(wv.info.rows, rows);
    assert.deepStrictEqual(sorted(wv.subwordRows('hallo').map((r) => r - 1)),
      [75867, 104120, 136555, 456131, 599360, 722393, 938007, 985859, 1006102, 1163391, 1218704, 1321513, 1505861, 1892376]);
  });

  it('fastText vocab (id 7): sign-extended FNV-1a buckets of <Daniël> (2M buckets)', () => {
    const rows = 1 + 2000000;
    const file = write(new FifuBuilder([7, 2]).bucketVocab(['x'], 3, 6, 2000000, 7).ndarray(rows, 1, new Float32Array(rows).fill(1)).build());
    const wv = WordVectors.openSync(file, { mmap: true });
    assert.strictEqual(wv.info.subwords, 'fasttext');
    assert.deepStrictEqual(sorted(wv.subwordRows('Daniël').map((r) => r - 1)),
      [69886, 84537, 338340, 441697, 448390, 468430, 504093, 573175, 749365, 804851, 811506, 991985, 1022467, 1105725, 1249224, 1418443,
        1493412, 1880616]);
  });

  it('explicit vocab (id 8): shared indices renumbered by first appearance; unknown word = normalized sum', () => {
    // n-grams of <ab> for 2..3: <a, <ab, ab, ab>, b>. Stored indices 7, 7, 3, 9 -> dense 0, 0, 1, 2.
    const ngrams = [['<a', 7], ['<ab', 7], ['ab', 3], ['b>', 9]];
    const words = ['w0', 'w1'];
    const data = [1, 0, 0, 1, /* n-gram rows: */ 1, 2, 3, 4, 5, 6];
    const file = write(new FifuBuilder([8, 2]).explicitVocab(words, ngrams, 2, 3).ndarray(5, 2, data).build());
    const wv = WordVectors.openSync(file);
    assert.strictEqual(wv.info.subwords, 'explicit');
    assert.strictEqual(wv.info.subwordRows, 3);
    assert.deepStrictEqual(sorted(wv.subwordRows('ab')), [2, 2, 3, 4]); // 'ab>' is unknown: contributes nothing
    const sum = [1 + 1 + 3 + 5, 2 + 2 + 4 + 6];
    const { embedding, norm } = wv.embeddingWithNorm('ab');
    E.assertAllclose(Array.from(embedding), E.unit(sum));
    assert.ok(Math.abs(norm - Math.hypot(...sum)) < 1e-4);
    assert.deepStrictEqual(Array.from(wv.embedding('w1')), [0, 1]); // known words use their own row only
    assert.strictEqual(wv.embedding('zz'), null); // no known n-gram: no vector
    // Queries rank only word rows.
    assert.deepStrictEqual(wv.similarity('ab', { k: 5 }).map((r) => r.word), ['w1', 'w0']);
  });

  it('floret vocab (id 9): MurmurHash3 of the word and its n-grams, 2 hashes (floret README demo shape)', () => {
    const file = write(new FifuBuilder([9, 2]).floretVocab(2, 3, 10, 2, 2166136261, '<', '>').ndarray(10, 1, new Float32Array(10).fill(1)).build());
    const wv = WordVectors.openSync(file);
    assert.strictEqual(wv.info.subwords, 'floret');
    assert.strictEqual(wv.info.words, 0);
    assert.deepStrictEqual(wv.subwordRows('der'), [5, 6, 7, 5, 4, 6, 8, 2, 7, 3, 8, 9, 0, 2, 3, 3]);
  });

  it('floret vocab: 4 hashes, own markers and seed, multi-byte chars', () => {
    const file = write(new FifuBuilder([9, 2]).floretVocab(3, 6, 97, 4, 7, '[', ']').ndarray(97, 1, new Float32Array(97).fill(1)).build());
    const wv = WordVectors.openSync(file);
    assert.deepStrictEqual(sorted(wv.subwordRows('Bärlin')), [1, 4, 6, 12, 12, 16, 16, 17, 17, 17, 19, 19, 21, 21, 21, 21, 22, 22, 22, 25, 25,
      27, 28, 29, 31, 32, 37, 38, 40, 43, 46, 47, 50, 50, 50, 51, 51, 53, 54, 57, 58, 59, 61, 62, 62, 62, 64, 65, 66, 67, 67, 68, 68, 68, 70,
      72, 73, 74, 75, 76, 76, 76, 77, 81, 83, 84, 84, 88, 88, 93, 93, 94, 94, 94, 95, 96]);
  });

  it('metadata chunk first, norms chunk last, and both paddings (1..3 and 4 bytes)', () => {
    for (const meta of ['a = 1\n', 'ab = 1\n', 'abc = 1\n', 'abcd = 1\n']) {
      const b = new FifuBuilder([5, 1, 2, 6]).metadata(meta).simpleVocab(['a', 'b']).ndarray(2, 3, [1, 0, 0, 0, 1, 0]).norms([2, 3]);
      const wv = WordVectors.openSync(write(b.build()));
      assert.strictEqual(wv.metadata, meta);
      assert.deepStrictEqual(Array.from(wv.norms), [2, 3]);
      assert.deepStrictEqual(Array.from(wv.embedding('b')), [0, 1, 0]);
    }
  });

  it('an unknown word whose n-grams sum to zero keeps the zero vector', () => {
    const file = write(new FifuBuilder([8, 2]).explicitVocab(['w'], [['<a', 0]], 2, 2).ndarray(2, 2, [1, 0, 0, 0]).build());
    const wv = WordVectors.openSync(file);
    assert.deepStrictEqual(Array.from(wv.embedding('a')), [0, 0]);
  });
});
