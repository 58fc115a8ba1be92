'use strict';
// Truncation, pairs, overflow windows and padding, against Hugging Face's own tokenizers (npm
// `tokenizers`, 0.23): a grid of strategy x direction x max_length x stride x (single | pair) x
// with/without special tokens, on real text pairs (WordNet glosses, SpamAssassin emails, CLDR text),
// for every kind of post-processor (template, BertProcessing, RobertaProcessing, ByteLevel, Sequence,
// none). Everything is compared: ids, type ids, tokens, offsets, masks and the overflow windows.
// HF aborts the whole process (a Rust panic) where stride >= the room left; those cells are checked to
// be refused by us with ERR_EMBEDKIT_ARGUMENT and not sent to HF.
const assert = require('assert');
const hf = require('tokenizers');
const { Tokenizer } = require('../dist');
const corpus = require('./support/corpus');
const { theirs: plain, loadTokenizerJson: load } = require('./support/hf-parity');
const { multilingualTexts } = require('../scripts/fixtures/tokenizers/multilingual');

// tokenizer.json variants, one per post-processor kind.
function variants() {
  const bert = load('bert-uncased.json');
  const gpt2 = load('gpt2-bpe.json');
  const cls = ['[CLS]', 101];
  const sep = ['[SEP]', 102];
  const eos = gpt2.model.vocab['<|endoftext|>'];
  return {
    'WordPiece + TemplateProcessing': bert,
    'WordPiece + BertProcessing': { ...bert, post_processor: { type: 'BertProcessing', sep, cls } },
    'WordPiece, no post-processor': { ...bert, post_processor: null },
    'byte-level BPE + RobertaProcessing (trim_offsets)': {
      ...gpt2,
      post_processor: { type: 'RobertaProcessing', sep: ['<|endoftext|>', eos], cls: ['<|endoftext|>', eos], trim_offsets: true, add_prefix_space: false },
    },
    'byte-level BPE + ByteLevel processor': gpt2,
    'Llama 3 BPE + Sequence[ByteLevel, Template]': load('llama3-bpe.json'),
    'T5 Unigram + TemplateProcessing': load('t5-unigram.json'),
  };
}

// Short and long real texts, so that every strategy meets both "fits" and "must cut".
function textPairs() {
  const glosses = corpus.spread(corpus.wordnetGlosses(), 8);
  const mails = corpus.spread(corpus.spamAssassinEmails(), 2).map((m) => m.slice(0, 400));
  const world = corpus.spread(multilingualTexts(), 4).map((t) => t.slice(0, 200));
  const all = [...glosses, ...mails, ...world];
  const pairs = [];
  for (let i = 0; i < all.length; i += 2) pairs.push([all[i], all[i + 1]]);
  pairs.push(['a', 'b'], ['', 'two words'], ['one', '']);
  return pairs;
}

function theirs(e) {
  return { ...plain(e), overflowing: e.getOverflowing().map(plain) };
}

// The native flat batch of one encoding (and its windows) in the same shape.
function unflatten(b) {
  const out = [];
  let at = 0;
  let tokenAt = 0;
  const text = Buffer.from(b.tokenBytes.buffer, b.tokenBytes.byteOffset, b.tokenBytes.byteLength).toString('utf8'); // token strings, joined
  for (let i = 0; i < b.counts.length; i++) {
    const n = b.counts[i];
    const tokens = [];
    for (let k = at; k < at + n; k++) {
      tokens.push(text.slice(tokenAt, b.tokenEnds[k]));
      tokenAt = b.tokenEnds[k];
    }
    const offsets = [];
    for (let k = at; k < at + n; k++) offsets.push([b.offsets[2 * k], b.offsets[2 * k + 1]]);
    out.push({
      ids: Array.from(b.ids.subarray(at, at + n)),
      typeIds: Array.from(b.typeIds.subarray(at, at + n)),
      tokens,
      offsets,
      attentionMask: Array.from(b.attentionMask.subarray(at, at + n)),
      specialTokensMask: Array.from(b.specialTokensMask.subarray(at, at + n)),
    });
    at += n;
  }
  return out;
}

function ours(native, a, b, add, truncation, padding) {
  const r = native.encode(a, add, b === null ? undefined : b, truncation, padding);
  return { ...unflatten(r)[0], overflowing: r.overflowing ? unflatten(r.overflowing) : [] };
}

const STRATEGIES = ['LongestFirst', 'OnlyFirst', 'OnlySecond'];
const DIRECTIONS = ['Right', 'Left'];
const MAX_LENGTHS = [0, 1, 2, 3, 5, 8, 13, 40];
const STRIDES = [0, 1, 4];

describe('tokenizer truncation and pairs: parity with HF tokenizers', function () {
  this.timeout(120000);
  const pairs = textPairs();
  const counts = { compared: 0, refused: 0, errors: 0 };
  after(function () {
    // eslint-disable-next-line no-console
    console.log(`      truncation grid: ${counts.compared} encodings identical to HF, ${counts.errors} errors where HF errs, ` +
      `${counts.refused} settings or cells HF refuses by aborting the process (stride >= room) only checked not to crash`);
  });

  for (const [name, json] of Object.entries(variants())) {
    it(`${name}: ${STRATEGIES.length * DIRECTIONS.length * MAX_LENGTHS.length * STRIDES.length} truncation settings x ${pairs.length} texts, single and pair, with and without special tokens`, async function () {
      const text = JSON.stringify(json);
      const reference = hf.Tokenizer.fromString(text);
      const native = Tokenizer.fromString(text).handle;
      const problems = [];
      const nAdded = (await reference.encode('', null)).getIds().length; // special tokens of a single sequence
      for (const strategy of STRATEGIES) {
        for (const direction of DIRECTIONS) {
          for (const maxLength of MAX_LENGTHS) {
            for (const stride of STRIDES) {
              const truncation = { maxLength, strategy, direction, stride };
              if (maxLength >= nAdded && maxLength - nAdded < stride) {
                // HF's setTruncation refuses these (its Node binding aborts the process on it): ours
                // must only not crash.
                for (const [a, b] of pairs) {
                  try {
                    ours(native, a, b, true, truncation, null);
                  } catch (e) {
                    assert.strictEqual(e.code, 'ERR_EMBEDKIT_ARGUMENT');
                  }
                }
                counts.refused++;
                continue;
              }
              reference.setTruncation(maxLength, { strategy, direction: direction.toLowerCase(), stride });
              for (const [a, b] of pairs) {
                for (const second of [null, b]) {
                  for (const add of [true, false]) {
                    const cell = `${strategy}/${direction}/max ${maxLength}/stride ${stride}/${second === null ? 'single' : 'pair'}/${add ? 'special' : 'plain'} ${JSON.stringify(a.slice(0, 30))}`;
                    let mine;
                    let mineError = null;
                    try {
                      mine = ours(native, a, second, add, truncation, null);
                    } catch (e) {
                      mineError = e;
                    }
                    if (mineError && /stride/.test(mineError.message)) {
                      assert.strictEqual(mineError.code, 'ERR_EMBEDKIT_ARGUMENT');
                      counts.refused++;
                      continue; // HF would abort the process here
                    }
                    let expected;
                    let theirError = null;
                    try {
                      expected = theirs(await reference.encode(a, second, { addSpecialTokens: add }));
                    } catch (e) {
                      theirError = e;
                    }
                    if (theirError || mineError) {
                      if (!theirError || !mineError) problems.push(`${cell}: ours ${mineError ? mineError.message : 'ok'}, HF ${theirError ? theirError.message : 'ok'}`);
                      else {
                        assert.strictEqual(mineError.code, 'ERR_EMBEDKIT_ARGUMENT');
                        counts.errors++;
                      }
                      continue;
                    }
                    counts.compared++;
                    for (const field of Object.keys(expected)) {
                      if (JSON.stringify(mine[field]) !== JSON.stringify(expected[field])) {
                        problems.push(`${cell}: ${field}\n    ours:   ${JSON.stringify(mine[field]).slice(0, 300)}\n    theirs: ${JSON.stringify(expected[field]).slice(0, 300)}`);
                        break;
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      if (problems.length) assert.fail(`${problems.length} cells differ:\n${problems.slice(0, 6).join('\n')}`);
    });
  }
});

describe('tokenizer padding: parity with HF tokenizers', function () {
  this.timeout(60000);
  const base = load('bert-uncased.json');
  const texts = corpus.spread(corpus.wordnetGlosses(), 24).concat(['', 'a', 'short one']);
  const settings = [];
  for (const strategy of ['BatchLongest', { Fixed: 7 }, { Fixed: 64 }]) {
    for (const direction of ['Right', 'Left']) {
      for (const multiple of [null, 8]) settings.push({ strategy, direction, pad_to_multiple_of: multiple, pad_id: 3, pad_type_id: 2, pad_token: '[PAD-X]' });
    }
  }
  const truncations = [null, { max_length: 10, stride: 2, strategy: 'LongestFirst', direction: 'Right' }];

  for (const padding of settings) {
    for (const truncation of truncations) {
      const label = `${JSON.stringify(padding.strategy)} ${padding.direction} multiple ${padding.pad_to_multiple_of}${truncation ? ', truncated with overflow' : ''}`;
      it(`pads like HF from the file's padding (${label}): encode, encodeBatch, pairs`, async function () {
        const text = JSON.stringify({ ...base, padding, truncation });
        const reference = hf.Tokenizer.fromString(text);
        const native = Tokenizer.fromString(text).handle;
        // single encode (HF pads each encoding on its own)
        for (const t of texts) {
          assert.deepStrictEqual(ours(native, t, null, true), theirs(await reference.encode(t)), t);
          assert.deepStrictEqual(ours(native, t, 'and a second sequence', false), theirs(await reference.encode(t, 'and a second sequence', { addSpecialTokens: false })), t);
        }
        // a batch pads to its longest (HF encodeBatch)
        const expected = (await reference.encodeBatch(texts)).map(plain);
        const flat = await native.encodeBatch(texts, true);
        assert.deepStrictEqual(unflatten(flat), expected);
        // pairs in a batch (HF's Node encodeBatch takes no pairs): each pair is what HF's encode gives,
        // padded to the batch's longest by HF itself (BatchLongest: its Fixed padding of that length).
        const seconds = texts.map((t, i) => texts[(i + 1) % texts.length]);
        const flatPairs = unflatten(await native.encodeBatch(texts, true, seconds, new Uint8Array(texts.length).fill(1)));
        const width = Math.max(...flatPairs.map((e) => e.ids.length));
        const strategy = padding.strategy === 'BatchLongest' ? { Fixed: width } : padding.strategy;
        const fixed = hf.Tokenizer.fromString(JSON.stringify({ ...base, truncation, padding: { ...padding, strategy } }));
        for (let i = 0; i < texts.length; i++) assert.deepStrictEqual(flatPairs[i], plain(await fixed.encode(texts[i], seconds[i])), texts[i]);
      });
    }
  }
});

describe('tokenizer truncation and padding from tokenizer.json', function () {
  const base = load('bert-uncased.json');

  it('honours the file truncation like HF encode, and an explicit null turns it off', async function () {
    const text = JSON.stringify({ ...base, truncation: { max_length: 6, stride: 0, strategy: 'LongestFirst', direction: 'Left' } });
    const reference = hf.Tokenizer.fromString(text);
    const native = Tokenizer.fromString(text).handle;
    const s = 'the quick brown fox jumps over the lazy dog';
    assert.deepStrictEqual(ours(native, s, null, true), theirs(await reference.encode(s)));
    assert.strictEqual(ours(native, s, null, true, null).ids.length, 11);
  });

  it('rejects the spellings and shapes HF rejects', function () {
    const bad = [
      { truncation: { max_length: 6, stride: 0, strategy: 'longest_first' } },
      { truncation: { max_length: 6, strategy: 'LongestFirst' } },
      { truncation: { max_length: 6, stride: 0, strategy: 'LongestFirst', direction: 'left' } },
      { padding: { strategy: 'Longest', direction: 'Right', pad_id: 0, pad_type_id: 0, pad_token: '[PAD]' } },
      { padding: { strategy: 'BatchLongest', direction: 'Right', pad_type_id: 0, pad_token: '[PAD]' } },
      { padding: { strategy: { Fixed: -1 }, direction: 'Right', pad_id: 0, pad_type_id: 0, pad_token: '[PAD]' } },
    ];
    for (const extra of bad) {
      const text = JSON.stringify({ ...base, ...extra });
      assert.throws(() => hf.Tokenizer.fromString(text), undefined, JSON.stringify(extra));
      assert.throws(() => Tokenizer.fromString(text), (e) => e.code === 'ERR_EMBEDKIT_FORMAT' && /truncation|padding/.test(e.message), JSON.stringify(extra));
    }
  });
});
