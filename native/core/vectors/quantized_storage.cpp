#include "vectors/quantized_storage.h"

#include <cstring>

#include "common/error.h"
#include "vectors/padding.h"

namespace embedkit::vectors {

namespace {

std::vector<float> read_floats(ByteReader& r, uint64_t count, const char* what) {
  r.need_items(count, 4, what);
  std::vector<float> out(count);
  if (count) std::memcpy(out.data(), r.take(count * 4, what), count * 4);
  return out;
}

uint32_t read_flag(ByteReader& r, const char* what) {
  uint32_t v = r.u32(what);
  if (v > 1) r.fail(std::string(what) + " is " + std::to_string(v) + ", expected 0 or 1");
  return v;
}

}  // namespace

QuantizedStorage::QuantizedStorage(Parts parts) : p_(std::move(parts)) {
  if (!p_.file) p_.codes = p_.owned_codes.data();
}

void QuantizedStorage::row(uint64_t i, float* out) const {
  const size_t sub_dim = p_.dim / p_.subquantizers;
  const uint8_t* codes = p_.codes + i * p_.subquantizers;
  std::vector<float> concat;
  float* r = out;
  if (!p_.projection.empty()) {
    concat.resize(p_.dim);
    r = concat.data();
  }
  for (size_t m = 0; m < p_.subquantizers; m++) {
    // Codes are checked here rather than at load, so a mapped file is never scanned whole.
    if (codes[m] >= p_.centroids)
      throw Error(ErrorKind::Format, p_.path + ": quantized row " + std::to_string(i) + " uses centroid " +
                                         std::to_string(codes[m]) + " of " + std::to_string(p_.centroids));
    const float* c = p_.centroid_table.data() + (m * p_.centroids + codes[m]) * sub_dim;
    std::memcpy(r + m * sub_dim, c, sub_dim * sizeof(float));
  }
  if (!p_.projection.empty()) {  // out = r . P^T, i.e. out[a] = sum_b r[b] * P[a][b]
    for (size_t a = 0; a < p_.dim; a++) {
      const float* prow = p_.projection.data() + a * p_.dim;
      float s = 0;
      for (size_t b = 0; b < p_.dim; b++) s += r[b] * prow[b];
      out[a] = s;
    }
  }
  if (!p_.norms.empty()) {
    const float n = p_.norms[i];
    for (size_t a = 0; a < p_.dim; a++) out[a] *= n;
  }
}

void QuantizedStorage::add_row(uint64_t i, float* acc) const {
  std::vector<float> tmp(p_.dim);
  row(i, tmp.data());
  for (size_t a = 0; a < p_.dim; a++) acc[a] += tmp[a];
}

std::unique_ptr<Storage> read_quantized_chunk(ByteReader& r, const std::shared_ptr<const io::MappedFile>& file, bool mmap) {
  QuantizedStorage::Parts p;
  p.path = r.path();
  const bool projection = read_flag(r, "QuantizedArray projection flag");
  const bool use_norms = read_flag(r, "QuantizedArray norms flag");
  p.subquantizers = r.u32("QuantizedArray subquantizer count");
  p.dim = r.u32("QuantizedArray reconstructed length");
  p.centroids = r.u32("QuantizedArray centroid count");
  p.rows = r.u64("QuantizedArray row count");
  uint32_t qtype = r.u32("QuantizedArray quantized type id");
  uint32_t rtype = r.u32("QuantizedArray reconstructed type id");
  if (qtype != 1) r.fail("QuantizedArray quantized type id " + std::to_string(qtype) + " is not u8 (1)");
  if (rtype != 10) r.fail("QuantizedArray reconstructed type id " + std::to_string(rtype) + " is not f32 (10)");
  if (p.subquantizers == 0 || p.dim == 0 || p.dim % p.subquantizers != 0)
    r.fail("QuantizedArray has " + std::to_string(p.subquantizers) + " subquantizers for length " + std::to_string(p.dim) +
           " (must divide it)");
  if (p.centroids == 0 || p.centroids > 256)
    r.fail("QuantizedArray has " + std::to_string(p.centroids) + " centroids (u8 codes allow 1..256)");
  r.skip(finalfusion_padding(r.pos()), "QuantizedArray padding");
  if (projection) p.projection = read_floats(r, uint64_t(p.dim) * p.dim, "QuantizedArray projection");
  p.centroid_table = read_floats(r, uint64_t(p.centroids) * p.dim, "QuantizedArray centroids");
  if (use_norms) p.norms = read_floats(r, p.rows, "QuantizedArray norms");
  r.need_items(p.rows, p.subquantizers, "QuantizedArray codes");
  const uint8_t* codes = r.take(p.rows * p.subquantizers, "QuantizedArray codes");
  if (mmap && file) {
    p.file = file;
    p.codes = codes;
  } else {
    p.owned_codes.assign(codes, codes + p.rows * p.subquantizers);
  }
  return std::make_unique<QuantizedStorage>(std::move(p));
}

}  // namespace embedkit::vectors
