'use strict';
// Values from ../shared/data/finalfusion-EXPECTED.md (what finalfusion's own test suites assert, plus
// the cosines that file derives), and helpers to compare results with them.
const assert = require('assert');
const path = require('path');
const { SHARED_DATA } = require('./paths');

const RUST = (f) => path.join(SHARED_DATA, 'finalfusion-rust', f);
const PY = (f) => path.join(SHARED_DATA, 'finalfusion-python', f);

const B40 = ['Potsdam', 'Hamburg', 'Leipzig', 'Dresden', 'München', 'Düsseldorf', 'Bonn', 'Stuttgart', 'Weimar', 'Berlin-Charlottenburg',
  'Rostock', 'Karlsruhe', 'Chemnitz', 'Breslau', 'Wiesbaden', 'Hannover', 'Mannheim', 'Kassel', 'Köln', 'Danzig', 'Erfurt', 'Dessau',
  'Bremen', 'Charlottenburg', 'Magdeburg', 'Neuruppin', 'Darmstadt', 'Jena', 'Wien', 'Heidelberg', 'Dortmund', 'Stettin', 'Schwerin',
  'Neubrandenburg', 'Greifswald', 'Göttingen', 'Braunschweig', 'Berliner', 'Warschau', 'Berlin-Spandau'];
const B40_SCORES = [0.884851, 0.875753, 0.855145, 0.844803, 0.828337, 0.809514, 0.789038, 0.773155, 0.771304, 0.768241, 0.765554,
  0.764982, 0.762029, 0.756846, 0.756535, 0.7554, 0.750658, 0.749823, 0.747808, 0.742182, 0.741823, 0.741634, 0.74014, 0.739185,
  0.739172, 0.736521, 0.731179, 0.727993, 0.726544, 0.725441, 0.721844, 0.718343, 0.718082, 0.713321, 0.712266, 0.712004, 0.710947,
  0.705944, 0.701642, 0.701501];
const S10 = ['Karlsruhe', 'Mannheim', 'München', 'Darmstadt', 'Heidelberg', 'Wiesbaden', 'Kassel', 'Düsseldorf', 'Leipzig', 'Berlin'];
const S10_SCORES = [0.945954, 0.892286, 0.861649, 0.858603, 0.824187, 0.815044, 0.81434, 0.812553, 0.796304, 0.773155];
const RAW_NORMS = [17.14735, 17.217421, 16.568079, 19.240648, 18.631964, 18.328585, 16.825197, 16.902994, 17.473167, 17.456434,
  16.659983, 18.255461, 17.231762, 16.275877, 18.661049, 15.296933, 18.165627, 16.21744, 16.688171, 17.266603, 16.363321, 17.119812,
  16.069874, 16.799763, 17.492702, 18.564171, 14.538054, 16.360647, 17.933231, 18.441648, 16.686447, 16.178461, 17.269268, 17.258247,
  16.432837, 18.516043, 17.69492, 16.998705, 19.81241, 17.645939, 13.754132];
const BERLIN_RAW_FIRST5 = [1.4724287, -3.0660472, 1.2919313, 3.178568, 1.90044];
const A40 = ['Deutschland', 'Westdeutschland', 'Sachsen', 'Mitteldeutschland', 'Brandenburg', 'Polen', 'Norddeutschland', 'Dänemark',
  'Schleswig-Holstein', 'Österreich', 'Bayern', 'Thüringen', 'Bundesrepublik', 'Ostdeutschland', 'Preußen', 'Deutschen', 'Hessen',
  'Potsdam', 'Mecklenburg', 'Niedersachsen', 'Hamburg', 'Süddeutschland', 'Bremen', 'Russland', 'Deutschlands', 'BRD', 'Litauen',
  'Mecklenburg-Vorpommern', 'DDR', 'West-Berlin', 'Saarland', 'Lettland', 'Hannover', 'Rostock', 'Sachsen-Anhalt', 'Pommern', 'Schweden',
  'Deutsche', 'deutschen', 'Westfalen'];
const A40_SCORES = [0.764606, 0.749861, 0.728379, 0.717764, 0.710885, 0.710553, 0.696412, 0.689465, 0.688982, 0.685805, 0.683197,
  0.68292, 0.681702, 0.677247, 0.668206, 0.651239, 0.63642, 0.631631, 0.630541, 0.630415, 0.629761, 0.629064, 0.627896, 0.627458,
  0.623767, 0.615213, 0.613734, 0.613728, 0.61341, 0.611848, 0.611126, 0.607192, 0.606238, 0.603098, 0.602246, 0.600296, 0.599573,
  0.595937, 0.595411, 0.595275];
const EMB_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
const EMB_MATRIX = [[3, 1, 0, 0, 0, 0, 2, 2, 4, 3], [2, 3, 3, 3, 3, 2, 0, 3, 3, 4], [0, 0, 2, 0, 2, 1, 2, 4, 0, 3], [1, 4, 4, 2, 4, 2, 4, 1, 3, 1],
  [0, 4, 1, 2, 0, 4, 0, 3, 1, 3], [3, 3, 4, 2, 0, 0, 0, 3, 2, 1], [1, 4, 0, 2, 2, 2, 4, 3, 1, 1]];
const TEST_NORMS = [6.557438373565674, 8.83176040649414, 6.164413928985596, 9.165151596069336, 7.4833149909973145, 7.211102485656738,
  7.4833149909973145];
const FT_UEBER_TOP5 = [['auf', 0.5685133], ['vor', 0.5515504], ['durch', 0.5473491], ['für', 0.5325676], ['und', 0.5278913]];
const FT_UNKNOWN_TOP5 = [['einer', 0.6911767], ['und', 0.5764492], ['des', 0.5703983], ['werden', 0.5631218], ['unter', 0.563015]];
const FT_UEBER_BUCKETS = [82, 69, 81, 5, 27, 27, 31, 66, 56, 40];
const FT_FIRST5_NORMS = [1.7968078, 0.9811299, 1.4076427, 0.9460309, 0.9792694];

// numpy's allclose: |a - b| <= atol + rtol * |b|.
function assertAllclose(actual, expected, { atol = 1e-8, rtol = 1e-5, what = 'values' } = {}) {
  assert.strictEqual(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const ok = Math.abs(actual[i] - expected[i]) <= atol + rtol * Math.abs(expected[i]);
    assert.ok(ok, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

function assertNeighbours(results, words, scores, tol = 1e-6) {
  assert.deepStrictEqual(results.map((r) => r.word), words);
  if (scores) results.forEach((r, i) => assert.ok(Math.abs(r.similarity - scores[i]) <= tol, `${r.word}: ${r.similarity} vs ${scores[i]}`));
}

function unit(v) {
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return v.map((x) => x / n);
}

module.exports = {
  RUST, PY, B40, B40_SCORES, S10, S10_SCORES, RAW_NORMS, BERLIN_RAW_FIRST5, A40, A40_SCORES, EMB_WORDS, EMB_MATRIX, TEST_NORMS,
  FT_UEBER_TOP5, FT_UNKNOWN_TOP5, FT_UEBER_BUCKETS, FT_FIRST5_NORMS, assertAllclose, assertNeighbours, unit,
};
