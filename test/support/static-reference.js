'use strict';
// A plain-JavaScript Model2Vec encoder, written from the model2vec algorithm (specs/model2vec.md §2.1)
// with Hugging Face's own tokenizer for the ids. Tests compare the native engine with it on random models.
const { Tokenizer } = require('tokenizers');

function codePoints(s) {
  return Array.from(s).length;
}

class ReferenceStaticModel {
  /**
   * @param tokenizerPath tokenizer.json
   * @param table { rows, dim, row(r) -> Float64Array|number[] }
   * @param weights optional number[] per token id; mapping optional number[] token id -> row
   */
  constructor(tokenizerPath, table, { weights = null, mapping = null, normalize = false } = {}) {
    this.tokenizer = Tokenizer.fromFile(tokenizerPath);
    this.table = table;
    this.weights = weights;
    this.mapping = mapping;
    this.normalize = normalize;
    const vocab = this.tokenizer.getVocab(true);
    const lengths = Object.keys(vocab).map(codePoints).sort((a, b) => a - b);
    const n = lengths.length;
    this.median = Math.floor(n % 2 ? lengths[(n - 1) / 2] : (lengths[n / 2 - 1] + lengths[n / 2]) / 2);
    const json = JSON.parse(require('fs').readFileSync(tokenizerPath, 'utf8'));
    const unk = json.model && json.model.unk_token;
    this.unkId = unk != null ? vocab[unk] : undefined;
  }

  async ids(text, maxLength = 512) {
    let t = text;
    if (maxLength !== null) t = Array.from(t).slice(0, maxLength * this.median).join('');
    const enc = await this.tokenizer.encode(t, null, { addSpecialTokens: false });
    let ids = enc.getIds().filter((id) => id !== this.unkId);
    if (maxLength !== null) ids = ids.slice(0, maxLength);
    return ids;
  }

  async encode(texts, maxLength = 512) {
    const out = [];
    for (const text of texts) {
      const ids = await this.ids(text, maxLength);
      const v = new Float64Array(this.table.dim);
      for (const id of ids) {
        const row = this.table.row(this.mapping ? this.mapping[id] : id);
        const w = this.weights ? this.weights[id] : 1;
        for (let d = 0; d < v.length; d++) v[d] += w * row[d];
      }
      if (ids.length) for (let d = 0; d < v.length; d++) v[d] /= ids.length;
      if (this.normalize) {
        let s = 0;
        for (const x of v) s += x * x;
        const norm = Math.sqrt(s) + 1e-32;
        for (let d = 0; d < v.length; d++) v[d] /= norm;
      }
      out.push(v);
    }
    return out;
  }
}

module.exports = { ReferenceStaticModel };
