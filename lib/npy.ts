/** Writes a float32 matrix in NumPy's .npy format (version 1.0), readable by numpy.load. */
export function npyBytes(data: Float32Array, rows: number, dim: number): Buffer {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${dim}), }`;
  // Magic (6) + version (2) + header length (2) + header + '\n' must be a multiple of 64.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const head = Buffer.alloc(10 + header.length);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  head.write(header, 10, 'latin1');
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (require('os').endianness() !== 'LE') {
    const swapped = Buffer.from(body);
    swapped.swap32();
    return Buffer.concat([head, swapped]);
  }
  return Buffer.concat([head, body]);
}
