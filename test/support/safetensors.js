'use strict';
// Writes safetensors files for tests (random models, corrupt variants). The layout is the format's:
// u64 little-endian header length, JSON header, raw little-endian data.
const fs = require('fs');

const SIZES = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1 };

/** tensors: { name: { dtype, shape, bytes: Buffer } } -> Buffer of a whole file */
function encodeSafetensors(tensors, metadata) {
  const header = {};
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  const parts = [];
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.bytes.length] };
    parts.push(t.bytes);
    offset += t.bytes.length;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const head = Buffer.alloc(8);
  head.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  return Buffer.concat([head, Buffer.from(json), ...parts]);
}

function writeSafetensors(file, tensors, metadata) {
  fs.writeFileSync(file, encodeSafetensors(tensors, metadata));
}

function f32Bytes(values) {
  return Buffer.from(new Float32Array(values).buffer);
}

function f64Bytes(values) {
  return Buffer.from(new Float64Array(values).buffer);
}

function i32Bytes(values) {
  return Buffer.from(new Int32Array(values).buffer);
}

// Round-to-nearest-even f32 -> f16 bits.
function f32ToF16Bits(value) {
  const f = new Float32Array([value]);
  const x = new Uint32Array(f.buffer)[0];
  const sign = (x >>> 16) & 0x8000;
  let exp = ((x >>> 23) & 0xff) - 127 + 15;
  let mant = x & 0x7fffff;
  if (((x >>> 23) & 0xff) === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  if (exp >= 31) return sign | 0x7c00;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && (half & 1))) half++;
    return sign | half;
  }
  let half = sign | (exp << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1))) half++;
  return half;
}

function f16BitsToF32(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

function f32ToBf16Bits(value) {
  const f = new Float32Array([value]);
  const x = new Uint32Array(f.buffer)[0];
  const rounding = 0x7fff + ((x >>> 16) & 1);
  return ((x + rounding) >>> 16) & 0xffff;
}

function bf16BitsToF32(b) {
  return new Float32Array(new Uint32Array([b << 16]).buffer)[0];
}

function u16Bytes(values) {
  return Buffer.from(new Uint16Array(values).buffer);
}

module.exports = {
  SIZES, encodeSafetensors, writeSafetensors, f32Bytes, f64Bytes, i32Bytes, u16Bytes,
  f32ToF16Bits, f16BitsToF32, f32ToBf16Bits, bf16BitsToF32,
};
