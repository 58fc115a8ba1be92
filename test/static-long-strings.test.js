'use strict';
// StaticModel reads a JS string only as far as model2vec's character cut can reach
// (native/binding/static_texts.cpp): a long string must give exactly the vector of its full UTF-8 bytes
// (byte views are always read whole), wherever the cut lands: inside 2-, 3- and 4-byte characters,
// surrogate pairs and lone surrogates (which become U+FFFD either way).
const assert = require('assert');
const { StaticModel, DEFAULT_MODEL_PATH } = require('../dist');
const corpus = require('./support/corpus');

function longStrings() {
  const emails = corpus.spread(corpus.spamAssassinEmails(), 30);
  const pieces = ['a', 'é', '日本', '😀', '\ud800', 'x\udc00y', 'word ', ', ', 'Ünïcödé ', '𝒳𝒴 '];
  const mixed = [];
  for (let k = 0; k < pieces.length; k++) {
    let s = '';
    for (let i = 0; s.length < 9000; i++) s += pieces[(k + i) % pieces.length] + (i % 7 === 0 ? ' ' : '');
    mixed.push(s);
  }
  return [...emails, ...mixed, '😀'.repeat(5000), 'é'.repeat(7000), 'a'.repeat(20000), '\ud83d'.repeat(4000)];
}

describe('StaticModel on long strings (read up to the character cut)', () => {
  const model = StaticModel.fromFolderSync(DEFAULT_MODEL_PATH);
  const texts = longStrings();
  const bytes = texts.map((t) => Buffer.from(t, 'utf8'));

  for (const maxLength of [undefined, 3, 50, null]) {
    it(`string and UTF-8 bytes give the same vectors (maxLength ${maxLength})`, async () => {
      const options = maxLength === undefined ? {} : { maxLength };
      const fromStrings = model.encodeSync(texts, options);
      const fromBytes = model.encodeSync(bytes, options);
      assert.deepStrictEqual(Array.from(fromStrings.data), Array.from(fromBytes.data));
      const async = await model.encode(texts, options);
      assert.deepStrictEqual(Array.from(async.data), Array.from(fromBytes.data));
    });
  }

  it('a short string among long ones keeps its place', () => {
    const mix = [texts[0], 'hello world', texts[1], '', 'é'];
    const all = model.encodeSync(mix);
    mix.forEach((t, i) => assert.deepStrictEqual(Array.from(all.row(i)), Array.from(model.encodeSync([t]).row(0)), `text ${i}`));
  });

  // The batch buffer grows ahead by the mean text size times the texts still to come; a long text early
  // in a batch without a cut (maxLength: null) once made that guess 45 GB and the encode fail with
  // "out of memory". The guess is capped now.
  it('a 40 MB text before 999 short ones, maxLength null: encodes (the read-ahead guess is capped)', () => {
    const big = 'word '.repeat(8e6);
    const all = model.encodeSync([big, ...Array(999).fill('a short text')], { maxLength: null });
    assert.strictEqual(all.rows, 1000);
    const short = model.encodeSync(['a short text']);
    assert.deepStrictEqual(Array.from(all.row(999)), Array.from(short.row(0)));
    // 8 million times the same token: the mean of its row (up to float rounding of the long sum).
    const word = model.encodeSync(['word word word']).row(0);
    all.row(0).forEach((x, d) => assert.ok(Math.abs(x - word[d]) < 1e-6, `dim ${d}: ${x} vs ${word[d]}`));
  });
});
