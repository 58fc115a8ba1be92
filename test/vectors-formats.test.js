'use strict';
// Format selection (option, magic, extension, content) and the text formats without shared files:
// GloVe, fastText .vec, floret text; and the async forms against the sync ones.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { WordVectors } = require('../dist');
const { FifuBuilder } = require('./support/vectors-fifu');
const E = require('./support/vectors-expected');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-vec-fmt-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
function write(name, content) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('vectors: formats', () => {
  it('sniffs the format from the magic, the extension or the content', () => {
    const fifu = fs.readFileSync(E.PY('embeddings.fifu'));
    const w2v = fs.readFileSync(E.PY('embeddings.w2v'));
    const dims = fs.readFileSync(E.PY('embeddings.dims.txt'));
    const txt = fs.readFileSync(E.PY('embeddings.txt'));
    const cases = [
      ['model.bin', fifu, 'finalfusion'], ['model', w2v, 'word2vec'], ['model.txt', dims, 'word2vec-text'], ['model.vec', dims, 'fasttext-vec'],
      ['model.txt', txt, 'glove'], ['model', fs.readFileSync(E.PY('fasttext.bin')), 'fasttext'],
    ];
    for (const [name, bytes, format] of cases) {
      const wv = WordVectors.openSync(write(name, bytes));
      assert.strictEqual(wv.info.format, format, name);
      assert.strictEqual(wv.vocab.length, format === 'fasttext' ? 157 : 7);
    }
  });

  it('GloVe text: no header, dims from the first line, trailing spaces and CRLF tolerated, norms kept', () => {
    const wv = WordVectors.openSync(write('g.txt', 'a 3 4 \r\nb 0 2\r\n<unk> 1 0\n'));
    assert.strictEqual(wv.info.format, 'glove');
    assert.deepStrictEqual(wv.vocab, ['a', 'b', '<unk>']);
    assert.deepStrictEqual(Array.from(wv.norms), [5, 2, 1]);
    E.assertAllclose(Array.from(wv.embedding('a')), [0.6, 0.8]);
    assert.deepStrictEqual(wv.similarity('a', { k: 2 }).map((r) => r.word), ['b', '<unk>']);
  });

  it('fastText .vec: header, trailing space after every value', () => {
    const wv = WordVectors.openSync(write('f.vec', '2 3\nx 1 0 0 \ny 0 0.5 0 \n'));
    assert.strictEqual(wv.info.format, 'fasttext-vec');
    assert.deepStrictEqual(Array.from(wv.embedding('y')), [0, 1, 0]);
    assert.deepStrictEqual(Array.from(wv.norms), [1, 0.5]);
  });

  it('floret text: the header\'s hashing, no words, every lookup sums hashed rows (same as the chunk)', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [i + 1, (i * 7) % 5 - 2]);
    const text = `10 2 2 3 2 2166136261 < >\n${rows.map((r, i) => `${i} ${r.join(' ')} `).join('\n')}\n`;
    const wv = WordVectors.openSync(write('v.floret', text));
    assert.strictEqual(wv.info.format, 'floret');
    assert.strictEqual(wv.info.words, 0);
    assert.strictEqual(wv.norms, null);
    const idx = wv.subwordRows('der');
    assert.deepStrictEqual(idx, [5, 6, 7, 5, 4, 6, 8, 2, 7, 3, 8, 9, 0, 2, 3, 3]);
    const sum = [0, 0];
    for (const i of idx) { sum[0] += rows[i][0]; sum[1] += rows[i][1]; }
    E.assertAllclose(Array.from(wv.embedding('der')), E.unit(sum));
    const chunk = new FifuBuilder([9, 2]).floretVocab(2, 3, 10, 2, 2166136261, '<', '>').ndarray(10, 2, rows.flat()).build();
    const ff = WordVectors.openSync(write('v.fifu', chunk));
    for (const w of ['der', ',', 'Bärlin']) assert.deepStrictEqual(ff.embedding(w), wv.embedding(w));
    assert.deepStrictEqual(wv.similarity('der'), []); // no word rows to rank
  });

  it('the Promise forms equal the sync forms', async () => {
    const wv = await WordVectors.open(E.PY('simple_vocab.fifu'), { mmap: true });
    const words = ['Paris', 'Berlin', 'nope', 'Hamburg'];
    assert.deepStrictEqual(await wv.similarityBatch(words, { k: 5 }), wv.similarityBatchSync(words, { k: 5 }));
    assert.deepStrictEqual((await wv.similarityBatch(words, { k: 5 }))[2], null);
    const a = await wv.embeddings(words);
    const b = wv.embeddingsSync(words);
    assert.deepStrictEqual(a.found, b.found);
    assert.deepStrictEqual(a.embeddings.data, b.embeddings.data);
  });

  it('works in worker threads (context-aware addon, async on the shared pool)', async () => {
    const { Worker } = require('worker_threads');
    const code = `const { parentPort, workerData } = require('worker_threads');
      const { WordVectors } = require(workerData.dist);
      WordVectors.open(workerData.file).then(async (wv) => {
        const [r] = await wv.similarityBatch(['Berlin'], { k: 3 });
        parentPort.postMessage(r.map((x) => x.word));
      });`;
    const runs = [0, 1].map(() => new Promise((resolve, reject) => {
      const w = new Worker(code, { eval: true, workerData: { dist: require.resolve('../dist'), file: E.PY('similarity.fifu') } });
      w.once('message', (m) => { resolve(m); w.terminate(); });
      w.once('error', reject);
    }));
    for (const r of await Promise.all(runs)) assert.deepStrictEqual(r, E.B40.slice(0, 3));
  });

  it('k larger than the vocabulary returns every other word; k = 0 returns none', () => {
    const wv = WordVectors.openSync(E.PY('embeddings.fifu'));
    assert.strictEqual(wv.similarity('one', { k: 100 }).length, 6);
    assert.deepStrictEqual(wv.similarity('one', { k: 0 }), []);
  });

  it('ties are broken by word (byte order), as finalfusion does', () => {
    const file = write('ties.fifu', new FifuBuilder([1, 2]).simpleVocab(['q', 'zeta', 'Beta', 'alpha', 'Ähnlich'])
      .ndarray(5, 2, [1, 0, 0.6, 0.8, 0.6, 0.8, 0.6, 0.8, 0.6, 0.8]).build());
    const wv = WordVectors.openSync(file);
    assert.deepStrictEqual(wv.similarity('q').map((r) => r.word), ['Beta', 'alpha', 'zeta', 'Ähnlich']);
  });
});
