'use strict';
// The static model's word cache (native/core/static/word_cache_ids.*) must give exactly the ids the
// tokenizer gives: model2vec's character cut, no special tokens, the first maxLength ids, [UNK] dropped.
// Checked on real text (WordNet glosses, SpamAssassin mail, hard Unicode strings) and on edge cases of
// the cache itself (control chars inside words, long words, non-ASCII, added tokens, capitals), for an
// uncased (the default model) and a cased (bert-cased tokenizer.json) WordPiece vocabulary.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { StaticModel, Tokenizer, DEFAULT_MODEL_PATH } = require('../dist');
const corpus = require('./support/corpus');
const st = require('./support/safetensors');

/** What tokenIds must return, from the tokenizer alone. */
function expectedIds(tok, text, maxChars, maxLength, unk) {
  const cut = Array.from(text).slice(0, maxChars).join('');
  const ids = Array.from(tok.encodeIds(cut, { addSpecialTokens: false })).slice(0, maxLength);
  return ids.filter((id) => id !== unk);
}

function edgeTexts() {
  const long = 'x'.repeat(31) + ' ' + 'y'.repeat(32) + ' ' + 'z'.repeat(33) + ' ' + 'w'.repeat(101) + ' ' + 'Q'.repeat(200);
  return [
    '', ' ', 'a', 'A', 'Hello, World!', 'HELLO hello HeLLo', 'ab\u0001cd ef\u0000gh\u007fij', 'tab\tnew\nline\rret',
    'café CAFÉ naïve résumé', 'mixed日本語text here', 'x\u00e9y', '[CLS] hello [SEP] [MASK]x [UNK] [unk]', '[not a token] [ [[',
    'unaffable unaffable unaffable', 'antidisestablishmentarianism', long, '12345 3.14159 1,000,000 0x1F',
    "don't can't won't", 'e-mail re:subject [PATCH] foo_bar foo-bar', 'a'.repeat(5000), 'word '.repeat(2000),
    '\u00a0nbsp\u2003emsp', 'end with punct.', '.start', 'UPPER lower 9digits9',
  ];
}

function check(model, tok, texts, maxLength) {
  const info = model.info;
  const maxChars = maxLength === null ? Infinity : maxLength * info.medianTokenLength;
  const unk = tok.tokenToId('[UNK]');
  let checked = 0;
  // Twice: the first pass fills the thread's cache, the second reads it.
  for (let pass = 0; pass < 2; pass++) {
    for (const text of texts) {
      const got = Array.from(model.tokenIds(text, { maxLength }));
      const want = expectedIds(tok, text, maxChars, maxLength === null ? Infinity : maxLength, unk);
      assert.deepStrictEqual(got, want, `ids differ for ${JSON.stringify(text.slice(0, 80))} (pass ${pass})`);
      checked++;
    }
  }
  return checked;
}

function realTexts() {
  return [
    ...corpus.spread(corpus.wordnetGlosses(), 3000),
    ...corpus.spread(corpus.spamAssassinEmails(), 200),
    ...corpus.hardUnicodeStrings(),
    ...edgeTexts(),
  ];
}

describe('StaticModel word cache gives the tokenizer ids', () => {
  it('uncased (the default model), with the default limit, a small limit and none', () => {
    const model = StaticModel.fromFolderSync(DEFAULT_MODEL_PATH);
    const tok = Tokenizer.fromFile(model.info.tokenizerPath);
    const texts = realTexts();
    assert.ok(check(model, tok, texts, 512) > 6000);
    check(model, tok, texts.slice(0, 500).concat(edgeTexts()), 7);
    check(model, tok, edgeTexts().concat(corpus.spread(corpus.spamAssassinEmails(), 20)), null);
  });

  it('cased (bert-cased vocabulary), alternating with another model on the same thread', () => {
    const tokPath = path.join(__dirname, 'fixtures', 'tokenizers', 'bert-cased.json');
    const tok = Tokenizer.fromFile(tokPath);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ek-cased-'));
    const rows = tok.vocabSize(true);
    const dim = 4;
    const ints = Array.from({ length: rows * dim }, (_, i) => ((i * 37) % 255) - 127);
    st.writeSafetensors(path.join(dir, 'model.safetensors'), { embeddings: { dtype: 'I8', shape: [rows, dim], bytes: Buffer.from(new Int8Array(ints).buffer) } });
    fs.copyFileSync(tokPath, path.join(dir, 'tokenizer.json'));
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ model_type: 'model2vec', normalize: true }));
    const cased = StaticModel.fromFolderSync(dir);
    const uncased = StaticModel.fromFolderSync(DEFAULT_MODEL_PATH);
    const uncasedTok = Tokenizer.fromFile(uncased.info.tokenizerPath);
    const texts = realTexts().slice(0, 1500).concat(edgeTexts());
    // Interleaved, so each model's thread cache is filled while the other's is live.
    for (let i = 0; i < texts.length; i += 100) {
      check(cased, tok, texts.slice(i, i + 100), 512);
      check(uncased, uncasedTok, texts.slice(i, i + 100), 512);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('encode and encodeSync use the same ids as tokenIds (cache filled on pool threads)', async () => {
    const model = StaticModel.fromFolderSync(DEFAULT_MODEL_PATH);
    const texts = corpus.spread(corpus.spamAssassinEmails(), 50).concat(edgeTexts());
    const a = await model.encode(texts);
    const b = model.encodeSync(texts);
    assert.deepStrictEqual(Array.from(a.data), Array.from(b.data));
    // A text's row is the same alone and in a batch.
    for (const i of [0, 7, texts.length - 1]) {
      assert.deepStrictEqual(Array.from(model.encodeSync([texts[i]]).data), Array.from(b.row(i)));
    }
  });
});
