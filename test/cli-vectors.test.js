'use strict';
// `embedkit vectors info | metadata | convert | similar | analogy`, run as the built CLI on a file of
// each format (finalfusion array/quantized/fastText-vocab, word2vec binary and text, GloVe, fastText
// .bin and .vec, floret text), checked against the library API and finalfusion's asserted results.
const assert = require('assert');
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { WordVectors } = require('../dist');
const { FifuBuilder } = require('./support/vectors-fifu');
const E = require('./support/vectors-expected');

const CLI = path.resolve(__dirname, '..', 'dist', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-cli-vec-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(args, input) {
  const r = spawnSync(process.execPath, [CLI, 'vectors', ...args], { encoding: 'utf8', input: input ?? '' });
  return { out: r.stdout, err: r.stderr, status: r.status };
}
function ok(args, input) {
  const r = cli(args, input);
  assert.strictEqual(r.status, 0, r.err);
  return r.out;
}
const parseTsv = (out) => out.trim().split('\n').map((l) => { const [word, s] = l.split('\t'); return { word, similarity: Number(s) }; });

// One file per format (the .vec and floret files are written by our writers from real inputs).
const floretSrc = path.join(dir, 'floret.fifu');
fs.writeFileSync(floretSrc, new FifuBuilder([9, 2]).floretVocab(3, 5, 20, 2, 2166136261, '<', '>')
  .ndarray(20, 4, Array.from({ length: 80 }, (_, i) => Math.cos(i))).build());
const files = {
  finalfusion: E.RUST('similarity.fifu'),
  quantized: E.RUST('quantized.fifu'),
  word2vec: E.RUST('similarity.bin'),
  'word2vec-text': E.RUST('similarity.txt'),
  glove: E.RUST('similarity.nodims'),
  fasttext: E.PY('fasttext.bin'),
  'fasttext-vec': path.join(dir, 'ft.vec'),
  floret: path.join(dir, 'model.floret'),
};
const formatOf = { quantized: 'finalfusion' };
before(() => {
  WordVectors.openSync(E.PY('fasttext.bin')).saveSync(files['fasttext-vec'], { format: 'fasttext-vec' });
  WordVectors.openSync(floretSrc).saveSync(files.floret, { format: 'floret' });
});

describe('embedkit vectors (CLI)', function () {
  this.timeout(60000);

  for (const [name, file] of Object.entries(files)) {
    const format = formatOf[name] ?? name;
    it(`info on ${name}: the format is sniffed; same facts as the API`, () => {
      const info = JSON.parse(ok(['info', '--json', file]));
      const wv = WordVectors.openSync(file);
      assert.strictEqual(info.format, format);
      assert.deepStrictEqual(info, { ...wv.info, norms: wv.norms !== null, metadata: wv.metadata !== null });
      assert.match(ok(['info', file]), new RegExp(`^format: ${format}\\ndim: ${wv.dim}\\n`));
    });

    it(`similar and convert on ${name}`, () => {
      const wv = WordVectors.openSync(file);
      const query = name === 'floret' ? 'Berlin' : wv.vocab[0];
      if (name === 'quantized') {  // finalfusion cannot rank on quantized storage either
        assert.match(cli(['similar', file, query]).err, /ERR_EMBEDKIT_UNSUPPORTED/);
      } else if (name !== 'floret') {  // floret vectors have no words to rank
        const got = parseTsv(ok(['similar', file, query, '-k', '5']));
        const want = wv.similarity(query, { k: 5 });
        assert.deepStrictEqual(got.map((r) => r.word), want.map((r) => r.word));
        got.forEach((r, i) => assert.ok(Math.abs(r.similarity - want[i].similarity) < 1e-12));
      }
      const to = name === 'floret' ? 'floret' : 'finalfusion';
      const out = path.join(dir, `${name}.converted.${to === 'floret' ? 'floret' : 'fifu'}`);
      ok(['convert', file, out, '--to', to]);
      const back = WordVectors.openSync(out);
      assert.strictEqual(back.info.format, to);
      assert.deepStrictEqual(back.vocab, wv.vocab);
      E.assertAllclose(Array.from(back.embedding(query)), Array.from(wv.embedding(query)), { atol: 1e-7, rtol: 1e-6 });
    });
  }

  it('similar: finalfusion\'s asserted neighbours of Berlin; queries from stdin; unknown words on stderr, exit 2', () => {
    const got = parseTsv(ok(['similar', files.finalfusion, 'Berlin', '-k', '40']));
    assert.deepStrictEqual(got.map((r) => r.word), E.B40);
    got.forEach((r, i) => assert.ok(Math.abs(r.similarity - E.B40_SCORES[i]) < 1e-5));
    const json = ok(['similar', '--json', '-k', '2', files.word2vec], 'Berlin\n\nPotsdam\n').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepStrictEqual(json.map((j) => j.query), ['Berlin', 'Potsdam']);
    assert.strictEqual(json[0].results[0].word, 'Potsdam');
    const r = cli(['similar', files.finalfusion, 'Nirgendwo', 'Berlin', '-k', '1']);
    assert.strictEqual(r.status, 2);
    assert.match(r.err, /no embedding for Nirgendwo/);
    assert.strictEqual(r.out, `Potsdam\t${WordVectors.openSync(files.finalfusion).similarity('Berlin', { k: 1 })[0].similarity}\n`);
  });

  it('analogy: arguments or stdin lines, --include lets query words answer', () => {
    const wv = WordVectors.openSync(files.finalfusion);
    const q = ['Potsdam', 'Hamburg', 'Berlin'];
    const want = wv.analogy(q, { k: 3 });
    assert.deepStrictEqual(parseTsv(ok(['analogy', files.finalfusion, ...q, '-k', '3'])), want);
    assert.deepStrictEqual(parseTsv(ok(['analogy', files.word2vec, '-k', '3'], q.join(' ') + '\n')).map((r) => r.word), want.map((r) => r.word));
    const incl = parseTsv(ok(['analogy', files.finalfusion, ...q, '-k', '3', '--include', 'b', 'c']));
    assert.deepStrictEqual(incl, wv.analogy(q, { k: 3, mask: [true, false, false] }));
    assert.strictEqual(cli(['analogy', files.finalfusion, 'a', 'b']).status, 1);
    assert.match(cli(['analogy', files.finalfusion], 'Berlin Potsdam\n').err, /three words per line/);
  });

  it('metadata: fastText training arguments as TOML; nothing for a file without', () => {
    assert.strictEqual(ok(['metadata', files.fasttext]).trimEnd(), WordVectors.openSync(files.fasttext).metadata.trimEnd());
    assert.match(ok(['metadata', files.fasttext]), /^bucket = 100$/m);
    assert.strictEqual(ok(['metadata', files.finalfusion]), '');
  });

  it('convert: output format from the name, --metadata FILE, --no-metadata, --no-unnormalize', () => {
    const vec = path.join(dir, 'out.vec');
    ok(['convert', files.word2vec, vec]);
    assert.strictEqual(WordVectors.openSync(vec).info.format, 'fasttext-vec');
    const lines = fs.readFileSync(vec, 'utf8').split('\n');
    assert.strictEqual(lines[0], '41 100');
    E.assertAllclose(lines[1].split(' ').slice(1, 6).map(Number), E.BERLIN_RAW_FIRST5, { atol: 1e-7, rtol: 1e-6 });
    const unit = path.join(dir, 'unit.txt');
    ok(['convert', files.word2vec, unit, '--to', 'glove', '--no-unnormalize']);
    const first = fs.readFileSync(unit, 'utf8').split('\n')[0].split(' ').slice(1).map(Number);
    assert.ok(Math.abs(Math.hypot(...first) - 1) < 1e-6);
    const toml = path.join(dir, 'meta.toml');
    fs.writeFileSync(toml, 'source = "similarity.bin"\n');
    const fifu = path.join(dir, 'with-meta.fifu');
    ok(['convert', files.word2vec, fifu, '--metadata', toml]);
    assert.strictEqual(ok(['metadata', fifu]), 'source = "similarity.bin"\n');
    ok(['convert', files.fasttext, fifu, '--no-metadata']);
    assert.strictEqual(ok(['metadata', fifu]), '');
  });

  it('errors: missing file, unknown format, fastText .bin as output, garbage input', () => {
    let r = cli(['info', path.join(dir, 'missing.fifu')]);
    assert.strictEqual(r.status, 1);
    assert.match(r.err, /ERR_EMBEDKIT_NOT_FOUND/);
    r = cli(['info', '--format', 'npy', files.finalfusion]);
    assert.notStrictEqual(r.status, 0);
    assert.match(r.err, /Allowed choices/);
    r = cli(['convert', files.finalfusion, path.join(dir, 'x.bin'), '--to', 'fasttext']);
    assert.notStrictEqual(r.status, 0);
    const bad = path.join(dir, 'bad.fifu');
    fs.writeFileSync(bad, 'FiFu\0\0\0\0');
    r = cli(['similar', bad, 'x']);
    assert.strictEqual(r.status, 1);
    assert.match(r.err, /ERR_EMBEDKIT_FORMAT/);
  });
});
