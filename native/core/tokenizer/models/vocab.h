// A {token: id} vocabulary as HF reads it: a repeated token keeps its last id; ids may have holes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "io/json.h"
#include "tokenizer/json_reader.h"

namespace embedkit::tok {

class Vocab {
 public:
  Vocab() = default;
  Vocab(Vocab&&) = default;
  Vocab& operator=(Vocab&&) = default;
  Vocab(const Vocab&) = delete;  // ids_ holds views into entries_
  Vocab& operator=(const Vocab&) = delete;

  static Vocab from_json(const JsonReader& reader, const json::Value& object, const std::string& path);

  size_t size() const noexcept { return entries_.size(); }
  const std::vector<std::pair<std::string, uint32_t>>& entries() const noexcept { return entries_; }
  std::optional<uint32_t> id(std::string_view token) const;
  std::optional<std::string_view> token(uint32_t id) const;

 private:
  std::vector<std::pair<std::string, uint32_t>> entries_;  // unique tokens, first-appearance order
  std::unordered_map<std::string_view, uint32_t> ids_;     // views into entries_
  std::vector<uint32_t> dense_;                            // id -> entry index + 1 (0: none), when ids are dense
  std::unordered_map<uint32_t, uint32_t> sparse_;          // otherwise
};

}  // namespace embedkit::tok
