'use strict';
// Batched lookups (`embeddings`, `embeddingsSync`, `embeddingsInto`: one native call, pipelined) give
// exactly the rows of one-word `embedding` calls — known words, unknown words through subwords, words
// with no vector (zeros, found false), repeats — for array and mapped storage, and for batches large
// enough to be split over the native pool.
const assert = require('assert');
const path = require('path');
const { execFileSync } = require('child_process');
const { WordVectors } = require('../dist');
const E = require('./support/vectors-expected');
const { wordnetGlosses } = require('./support/corpus');

function assertBatchMatches(wv, words, { embeddings, found }, what) {
  assert.strictEqual(embeddings.rows, words.length, what);
  assert.strictEqual(embeddings.dim, wv.dim, what);
  words.forEach((w, i) => {
    const one = wv.embedding(w);
    assert.strictEqual(found[i], one !== null, `${what}: found[${i}] (${w})`);
    if (one) assert.deepStrictEqual(embeddings.row(i), one, `${what}: row ${i} (${w})`);
    else assert.ok(embeddings.row(i).every((x) => x === 0), `${what}: row ${i} (${w}) is zeros`);
  });
}

// Real words from WordNet glosses, with the file's own vocabulary mixed in and repeats.
function mixedWords(wv, n) {
  const text = wordnetGlosses(3000).join(' ').split(/[\s,;()."'`]+/).filter(Boolean);
  const out = [];
  for (let i = 0; out.length < n; i++) {
    out.push(i % 3 === 0 ? wv.vocab[(i * 7919) % wv.vocab.length] : text[i % text.length]);
    if (i % 50 === 0) out.push(out[out.length - 1]); // a repeat
  }
  return out;
}

describe('vectors: batched lookups', function () {
  this.timeout(120000);

  it('fastText .bin (subwords): known, unknown and empty words, small and pool-sized batches', async () => {
    const wv = WordVectors.openSync(E.RUST('fasttext.bin'));
    for (const words of [[], ['über', 'Übermut', '', 'x', 'über'], mixedWords(wv, 5000)]) {
      assertBatchMatches(wv, words, wv.embeddingsSync(words), `sync ${words.length}`);
      assertBatchMatches(wv, words, await wv.embeddings(words), `async ${words.length}`);
      const out = new Float32Array(words.length * wv.dim).fill(Number.NaN);
      const found = wv.embeddingsInto(words, out);
      assert.strictEqual(found.length, words.length);
      words.forEach((w, i) => {
        const one = wv.embedding(w);
        assert.strictEqual(found[i], one ? 1 : 0);
        assert.deepStrictEqual(out.subarray(i * wv.dim, (i + 1) * wv.dim), one || new Float32Array(wv.dim));
      });
    }
  });

  it('finalfusion array and mmap storage (no subwords: unknown words are zeros, found false)', async () => {
    for (const mmap of [false, true]) {
      const wv = WordVectors.openSync(E.PY('similarity.fifu'), { mmap });
      const words = mixedWords(wv, 3000);
      assertBatchMatches(wv, words, wv.embeddingsSync(words), `mmap=${mmap}`);
      assertBatchMatches(wv, words, await wv.embeddings(words), `async mmap=${mmap}`);
    }
  });

  it('quantized storage reconstructs the same rows in a batch', () => {
    for (const mmap of [false, true]) {
      const wv = WordVectors.openSync(E.PY('pq.fifu'), { mmap });
      const words = mixedWords(wv, 500);
      assertBatchMatches(wv, words, wv.embeddingsSync(words), `pq mmap=${mmap}`);
    }
  });

  it('words holding U+0000 or given as UTF-8 bytes take the array path with the same rows', async () => {
    const wv = WordVectors.openSync(E.RUST('fasttext.bin'));
    const words = ['über', 'a\u0000b', '\u0000', 'Übermut', ''];
    assertBatchMatches(wv, words, wv.embeddingsSync(words), 'nul sync');
    assertBatchMatches(wv, words, await wv.embeddings(words), 'nul async');
    const bytes = wv.embeddingsSync([Buffer.from('über'), 'Übermut']);
    assert.deepStrictEqual(bytes.embeddings.row(0), wv.embedding('über'));
    assert.deepStrictEqual(bytes.embeddings.row(1), wv.embedding('Übermut'));
    const out = new Float32Array(words.length * wv.dim);
    assert.deepStrictEqual(Array.from(wv.embeddingsInto(words, out)), words.map((w) => (wv.embedding(w) ? 1 : 0)));
  });

  it('the reused conversion buffer: multi-byte characters across its 4 KiB edge, growing and shrinking batches', () => {
    // A fresh process per start, so the per-thread buffer has its first size (4096 bytes) when the long
    // batch arrives: the 4-byte emoji lands on every position around the buffer's last bytes.
    const script = `const { WordVectors } = require(${JSON.stringify(path.resolve(__dirname, '..', 'dist'))});
      const wv = WordVectors.openSync(${JSON.stringify(E.RUST('fasttext.bin'))});
      const bad = [];
      const same = (words, what) => {
        const { embeddings, found } = wv.embeddingsSync(words);
        words.forEach((w, i) => {
          const one = wv.embedding(w);
          if (found[i] !== (one !== null) || (one && embeddings.row(i).some((v, j) => v !== one[j]))) bad.push(what + ' ' + i);
        });
      };
      const pad = Number(process.argv[1]);
      same(['über', 'Übermut'], 'small before');
      same(['x'.repeat(pad), '😀', 'über', '€uro', 'Übermut', 'a'], 'pad ' + pad);
      same(['über', 'Übermut'], 'small after');
      process.stdout.write(JSON.stringify(bad));`;
    for (let pad = 4084; pad <= 4096; pad++) {
      assert.deepStrictEqual(JSON.parse(execFileSync(process.execPath, ['-e', script, String(pad)]).toString()), [], `pad ${pad}`);
    }
  });

  it('embeddingsInto writes found flags into a caller\'s Uint32Array when given', () => {
    const wv = WordVectors.openSync(E.RUST('fasttext.bin'));
    const words = ['über', '', 'Übermut', 'x'];
    const out = new Float32Array(words.length * wv.dim);
    const found = new Uint32Array(words.length).fill(7);
    assert.strictEqual(wv.embeddingsInto(words, out, found), found);
    assert.deepStrictEqual(Array.from(found), words.map((w) => (wv.embedding(w) ? 1 : 0)));
    assert.throws(() => wv.embeddingsInto(words, out, new Uint32Array(3)), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    assert.throws(() => wv.embeddingsInto(words, out, new Int32Array(4)), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    assert.throws(() => wv.embeddingsInto([Buffer.from('über')], new Float32Array(wv.dim), new Uint32Array(2)), { code: 'ERR_EMBEDKIT_ARGUMENT' });
  });

  it('embeddingsInto checks its output buffer', () => {
    const wv = WordVectors.openSync(E.PY('similarity.fifu'));
    assert.throws(() => wv.embeddingsInto(['Berlin'], new Float32Array(wv.dim + 1)), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    assert.throws(() => wv.embeddingsInto(['Berlin'], new Float64Array(wv.dim)), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    assert.throws(() => wv.embeddingsInto([1], new Float32Array(wv.dim)), { code: 'ERR_EMBEDKIT_ARGUMENT' });
  });

  // The word table keeps each word's first 8 bytes in its slot and settles words of up to 8 bytes there:
  // words that share 8 bytes, or differ in one byte only, must still find exactly their own row.
  it('near-identical words of every length up to 20 bytes find exactly their own rows', () => {
    const vocab = new Set();
    const near = new Set();
    const base = 'abcdefghijklmnopqrstu';
    for (let n = 1; n <= 20; n++) {
      const w = base.slice(0, n);
      vocab.add(w);
      for (let at = 0; at < n; at++) {
        const changed = w.slice(0, at) + 'Z' + w.slice(at + 1);
        (at % 2 === 0 ? vocab : near).add(changed); // half of the one-byte variants are words, half are not
      }
      near.add(w + 'Z');
      vocab.add('é'.repeat(Math.ceil(n / 2)).slice(0, n)); // multi-byte words of many lengths
    }
    for (const w of vocab) near.delete(w);
    const words = [...vocab];
    const dim = 3;
    // Unit vectors (readers of word2vec normalize rows), one direction per word.
    const unit = (k) => [Math.cos(k / 100), Math.sin(k / 100), 0];
    const lines = words.map((w, k) => `${w} ${unit(k).join(' ')}`);
    const fs = require('fs');
    const os = require('os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedkit-table-'));
    const file = path.join(dir, 'near.txt');
    fs.writeFileSync(file, `${words.length} ${dim}\n${lines.join('\n')}\n`);
    try {
      const wv = WordVectors.openSync(file, { format: 'word2vec-text' });
      const queries = [...words, ...near];
      const out = new Float32Array(queries.length * dim);
      const found = wv.embeddingsInto(queries, out);
      queries.forEach((w, i) => {
        const k = words.indexOf(w);
        assert.strictEqual(found[i], k >= 0 ? 1 : 0, `found ${JSON.stringify(w)}`);
        if (k >= 0) {
          const row = out.subarray(i * dim, (i + 1) * dim);
          unit(k).forEach((x, d) => assert.ok(Math.abs(row[d] - x) < 1e-6, `${JSON.stringify(w)}: row ${k} expected`));
        }
        assert.strictEqual(wv.embedding(w) !== null, k >= 0, `embedding(${JSON.stringify(w)})`);
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('embedding(word, out) fills a caller\'s Float32Array with the same vector, or leaves it alone', () => {
    for (const [file, words] of [
      [E.RUST('fasttext.bin'), ['über', 'Übermut', '', 'x']], // known, unknown through subwords, empty
      [E.PY('similarity.fifu'), ['Berlin', 'Bärlin-not-there', '']], // no subwords: unknown words have none
    ]) {
      const wv = WordVectors.openSync(file);
      const out = new Float32Array(wv.dim);
      for (const w of words) {
        out.fill(42);
        const one = wv.embedding(w);
        const got = wv.embedding(w, out);
        if (one) {
          assert.strictEqual(got, out, `${w}: returns out`);
          assert.deepStrictEqual(out, one, `${w}: same vector`);
        } else {
          assert.strictEqual(got, null, `${w}: null`);
          assert.ok(out.every((x) => x === 42), `${w}: out left as it was`);
        }
      }
      for (const bad of [new Float32Array(wv.dim + 1), new Float64Array(wv.dim), new Array(wv.dim).fill(0), new Uint8Array(4 * wv.dim)]) {
        assert.throws(() => wv.embedding(words[0], bad), { code: 'ERR_EMBEDKIT_ARGUMENT' }, kindOf(bad));
      }
      assert.throws(() => wv.embedding(7, out), { code: 'ERR_EMBEDKIT_ARGUMENT' });
    }
  });
});

function kindOf(v) {
  return `${v.constructor.name}(${v.length})`;
}
