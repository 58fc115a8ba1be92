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
});
