#include "io/safetensors.h"

#include <cstring>

#include "common/error.h"
#include "io/json.h"

namespace embedkit::io {

namespace {

struct DTypeInfo {
  const char* name;
  DType dtype;
  size_t size;
};

constexpr DTypeInfo kDTypes[] = {
    {"BOOL", DType::Bool, 1},       {"U8", DType::U8, 1},     {"I8", DType::I8, 1},
    {"I16", DType::I16, 2},         {"U16", DType::U16, 2},   {"F16", DType::F16, 2},
    {"BF16", DType::BF16, 2},       {"I32", DType::I32, 4},   {"U32", DType::U32, 4},
    {"F32", DType::F32, 4},         {"F64", DType::F64, 8},   {"I64", DType::I64, 8},
    {"U64", DType::U64, 8},         {"F8_E4M3", DType::F8_E4M3, 1}, {"F8_E5M2", DType::F8_E5M2, 1},
};

// The reference implementation refuses headers above 100 MB; so do we, before allocating anything.
constexpr uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;

}  // namespace

const char* dtype_name(DType d) noexcept {
  for (const auto& info : kDTypes)
    if (info.dtype == d) return info.name;
  return "?";
}

size_t dtype_size(DType d) noexcept {
  for (const auto& info : kDTypes)
    if (info.dtype == d) return info.size;
  return 0;
}

uint64_t TensorView::element_count() const noexcept {
  uint64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

std::shared_ptr<const SafetensorsFile> SafetensorsFile::open(const std::string& path) {
  auto result = std::make_shared<SafetensorsFile>();
  result->file_ = MappedFile::open(path);
  const auto& file = *result->file_;
  auto fail = [&](const std::string& what) -> void {
    throw Error(ErrorKind::Format, path + ": not a valid safetensors file: " + what);
  };
  if (file.size() < 8) fail("the file has " + std::to_string(file.size()) + " bytes, fewer than the 8-byte header length");
  uint64_t header_len = 0;
  for (int i = 7; i >= 0; i--) header_len = (header_len << 8) | file.data()[i];
  if (header_len > file.size() - 8)
    fail("the header length " + std::to_string(header_len) + " runs past the end of the file (" +
         std::to_string(file.size()) + " bytes)");
  if (header_len > kMaxHeaderBytes) fail("the header length " + std::to_string(header_len) + " is absurdly large");
  std::string_view header(reinterpret_cast<const char*>(file.data()) + 8, header_len);
  if (header.empty() || header[0] != '{') fail("the header does not start with a JSON object");
  json::Value root = json::parse(header, path + " (safetensors header)");
  if (!root.is_object()) fail("the header is not a JSON object");
  const uint8_t* data = file.data() + 8 + header_len;
  const uint64_t data_size = file.size() - 8 - header_len;

  for (size_t i = 0; i < root.keys().size(); i++) {
    const std::string& name = root.keys()[i];
    const json::Value& entry = root.items()[i];
    if (name == "__metadata__") {
      if (!entry.is_object()) fail("__metadata__ is not an object");
      for (size_t j = 0; j < entry.keys().size(); j++) {
        if (!entry.items()[j].is_string()) fail("__metadata__ value '" + entry.keys()[j] + "' is not a string");
        result->metadata_[entry.keys()[j]] = entry.items()[j].as_string();
      }
      continue;
    }
    const std::string where = "tensor '" + name + "'";
    if (!entry.is_object()) fail(where + " is not described by an object");
    const json::Value* dtype = entry.find("dtype");
    const json::Value* shape = entry.find("shape");
    const json::Value* offsets = entry.find("data_offsets");
    if (!dtype || !dtype->is_string()) fail(where + " has no dtype string");
    if (!shape || !shape->is_array()) fail(where + " has no shape array");
    if (!offsets || !offsets->is_array() || offsets->size() != 2) fail(where + " has no [begin, end] data_offsets");
    TensorView view;
    view.name = name;
    const DTypeInfo* info = nullptr;
    for (const auto& candidate : kDTypes)
      if (dtype->as_string() == candidate.name) info = &candidate;
    if (!info) fail(where + " has unknown dtype '" + dtype->as_string() + "'");
    view.dtype = info->dtype;
    uint64_t elements = 1;
    bool overflow = false;
    for (const auto& dim : shape->items()) {
      if (!dim.is_integer() || dim.as_int() < 0) fail(where + " has a shape entry that is not a non-negative integer");
      uint64_t d = static_cast<uint64_t>(dim.as_int());
      view.shape.push_back(d);
      if (d != 0 && elements > UINT64_MAX / d) overflow = true;
      elements *= d;
    }
    for (const auto& off : offsets->items())
      if (!off.is_integer() || off.as_int() < 0) fail(where + " has a data offset that is not a non-negative integer");
    uint64_t begin = static_cast<uint64_t>(offsets->items()[0].as_int());
    uint64_t end = static_cast<uint64_t>(offsets->items()[1].as_int());
    if (begin > end) fail(where + " has data_offsets that end before they begin");
    if (end > data_size)
      fail(where + " has data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
           "] past the end of the data (" + std::to_string(data_size) + " bytes)");
    if (overflow || elements > UINT64_MAX / info->size || elements * info->size != end - begin) {
      std::string dims;
      for (auto d : view.shape) dims += (dims.empty() ? "" : ", ") + std::to_string(d);
      fail(where + ": shape [" + dims + "] of " + info->name + " needs " +
           (overflow ? std::string("more than 2^64") : std::to_string(elements * info->size)) + " bytes but data_offsets give " +
           std::to_string(end - begin));
    }
    view.data = data + begin;
    view.byte_size = end - begin;
    result->tensors_[name] = std::move(view);
  }
  return result;
}

const TensorView* SafetensorsFile::find(const std::string& name) const noexcept {
  auto it = tensors_.find(name);
  return it == tensors_.end() ? nullptr : &it->second;
}

}  // namespace embedkit::io
