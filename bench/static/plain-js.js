'use strict';
// Peer (d): Model2Vec in plain JavaScript, the way a user without embedkit would write it:
// Hugging Face `tokenizers` (npm) for the ids, the safetensors file parsed by hand
// (u64 LE header length + JSON header + little-endian data), a Float32Array mean and L2 norm.
// Follows model2vec's algorithm: cut each text to maxLength x median token length characters,
// tokenize without special tokens (truncated to maxLength tokens), drop [UNK], optional per-token
// weights / token->row mapping, mean, normalize if config.json says so.
const fs = require('fs');
const path = require('path');
const { Tokenizer } = require('tokenizers');

function f16ToF32(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Reads a safetensors file into { name: { dtype, shape, values: Float32Array|Int32Array... } } widened. */
function readSafetensors(file) {
  const buf = fs.readFileSync(file);
  if (buf.length < 8) throw new Error(`${file}: too short for a safetensors header`);
  const headerLen = Number(buf.readBigUInt64LE(0));
  if (8 + headerLen > buf.length) throw new Error(`${file}: header length ${headerLen} past end of file`);
  const header = JSON.parse(buf.toString('utf8', 8, 8 + headerLen));
  const base = 8 + headerLen;
  const out = {};
  for (const [name, t] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const [start, end] = t.data_offsets;
    const bytes = buf.subarray(base + start, base + end);
    const n = t.shape.reduce((a, b) => a * b, 1);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let values;
    switch (t.dtype) {
      case 'F32': values = new Float32Array(n); for (let i = 0; i < n; i++) values[i] = dv.getFloat32(i * 4, true); break;
      case 'F64': values = new Float32Array(n); for (let i = 0; i < n; i++) values[i] = dv.getFloat64(i * 8, true); break;
      case 'F16': values = new Float32Array(n); for (let i = 0; i < n; i++) values[i] = f16ToF32(dv.getUint16(i * 2, true)); break;
      case 'BF16': {
        values = new Float32Array(n);
        const u = new Uint32Array(values.buffer);
        for (let i = 0; i < n; i++) u[i] = dv.getUint16(i * 2, true) << 16;
        break;
      }
      case 'I8': values = new Float32Array(n); for (let i = 0; i < n; i++) values[i] = dv.getInt8(i); break;
      case 'U8': values = new Float32Array(n); for (let i = 0; i < n; i++) values[i] = dv.getUint8(i); break;
      case 'I32': values = new Int32Array(n); for (let i = 0; i < n; i++) values[i] = dv.getInt32(i * 4, true); break;
      case 'I64': values = new Int32Array(n); for (let i = 0; i < n; i++) values[i] = Number(dv.getBigInt64(i * 8, true)); break;
      default: throw new Error(`${file}: tensor ${name} has unsupported dtype ${t.dtype}`);
    }
    out[name] = { dtype: t.dtype, shape: t.shape, values };
  }
  return out;
}

function medianTokenLength(tokenizer) {
  const lengths = Object.keys(tokenizer.getVocab(true)).map((s) => Array.from(s).length).sort((a, b) => a - b);
  const n = lengths.length;
  return Math.floor(n % 2 ? lengths[(n - 1) / 2] : (lengths[n / 2 - 1] + lengths[n / 2]) / 2);
}

class PlainJsStaticModel {
  constructor(folder) {
    const tokPath = path.join(folder, 'tokenizer.json');
    this.tokenizer = Tokenizer.fromFile(tokPath);
    this.tokenizer.disablePadding();
    const config = fs.existsSync(path.join(folder, 'config.json'))
      ? JSON.parse(fs.readFileSync(path.join(folder, 'config.json'), 'utf8')) : {};
    this.normalize = config.normalize === true;
    const tensors = readSafetensors(path.join(folder, 'model.safetensors'));
    const emb = tensors.embeddings || tensors['embedding.weight'] || Object.values(tensors).find((t) => t.shape.length === 2);
    this.table = emb.values;
    this.rows = emb.shape[0];
    this.dim = emb.shape[1];
    this.weights = tensors.weights ? tensors.weights.values : null;
    this.mapping = tensors.mappings ? tensors.mappings.values : null;
    const tokJson = JSON.parse(fs.readFileSync(tokPath, 'utf8'));
    const unk = tokJson.model && tokJson.model.unk_token;
    this.unkId = unk != null ? this.tokenizer.tokenToId(unk) : null;
    this.median = medianTokenLength(this.tokenizer);
  }

  cut(texts, maxLength = 512) {
    const m = maxLength * this.median;
    return texts.map((t) => (t.length <= m ? t : Array.from(t).slice(0, m).join('')));
  }

  /** -> Float32Array of texts.length x dim */
  async encode(texts, maxLength = 512, alreadyCut = false) {
    const input = alreadyCut ? texts : this.cut(texts, maxLength);
    this.tokenizer.setTruncation(maxLength);
    const encs = await this.tokenizer.encodeBatch(input, { addSpecialTokens: false });
    const dim = this.dim;
    const out = new Float32Array(texts.length * dim);
    const { table, weights, mapping, unkId } = this;
    for (let i = 0; i < encs.length; i++) {
      const ids = encs[i].getIds();
      const o = i * dim;
      let count = 0;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k];
        if (id === unkId) continue;
        const r = (mapping ? mapping[id] : id) * dim;
        const w = weights ? weights[id] : 1;
        for (let d = 0; d < dim; d++) out[o + d] += w * table[r + d];
        count++;
      }
      if (count === 0) continue;
      let ss = 0;
      for (let d = 0; d < dim; d++) { out[o + d] /= count; ss += out[o + d] * out[o + d]; }
      if (this.normalize) {
        const inv = 1 / (Math.sqrt(ss) + 1e-32);
        for (let d = 0; d < dim; d++) out[o + d] *= inv;
      }
    }
    return out;
  }
}

module.exports = { PlainJsStaticModel, readSafetensors };
