#include "tokenizer/models/vocab.h"

#include <algorithm>

namespace embedkit::tok {

Vocab Vocab::from_json(const JsonReader& r, const json::Value& object, const std::string& path) {
  r.expect(object, json::Type::Object, path);
  Vocab v;
  const auto& keys = object.keys();
  const auto& values = object.items();
  std::unordered_map<std::string_view, size_t> index;  // token -> entry
  index.reserve(keys.size());
  v.entries_.reserve(keys.size());
  uint64_t max_id = 0;
  for (size_t i = 0; i < keys.size(); i++) {
    const uint64_t id = r.as_uint(values[i], JsonReader::join(path, keys[i]));
    if (id > 0xFFFFFFFEu) r.fail(values[i], JsonReader::join(path, keys[i]), "token id out of range");
    max_id = std::max(max_id, id);
    auto it = index.find(keys[i]);
    if (it != index.end()) {
      v.entries_[it->second].second = static_cast<uint32_t>(id);
    } else {
      index.emplace(keys[i], v.entries_.size());
      v.entries_.emplace_back(keys[i], static_cast<uint32_t>(id));
    }
  }
  v.ids_.reserve(v.entries_.size());
  for (const auto& e : v.entries_) v.ids_.emplace(e.first, e.second);
  const bool dense = max_id < 2 * v.entries_.size() + 1024;
  if (dense) v.dense_.assign(v.entries_.empty() ? 0 : max_id + 1, 0);
  for (size_t i = 0; i < v.entries_.size(); i++) {  // a shared id names its last token
    if (dense) v.dense_[v.entries_[i].second] = static_cast<uint32_t>(i + 1);
    else v.sparse_[v.entries_[i].second] = static_cast<uint32_t>(i);
  }
  return v;
}

std::optional<uint32_t> Vocab::id(std::string_view token) const {
  auto it = ids_.find(token);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string_view> Vocab::token(uint32_t id) const {
  if (!dense_.empty() || sparse_.empty()) {
    if (id >= dense_.size() || dense_[id] == 0) return std::nullopt;
    return std::string_view(entries_[dense_[id] - 1].first);
  }
  auto it = sparse_.find(id);
  if (it == sparse_.end()) return std::nullopt;
  return std::string_view(entries_[it->second].first);
}

}  // namespace embedkit::tok
