#include "tokenizer/models/unigram.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "common/error.h"

namespace embedkit::tok {

namespace {

size_t char_len(std::string_view s, size_t i) {
  const uint8_t c = static_cast<uint8_t>(s[i]);
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

struct Node {
  double score;
  int64_t starts_at;  // -1: unset
  uint32_t id;
};

[[noreturn]] void missing_unk() { throw Error(ErrorKind::Runtime, "Unigram: the text needs the unknown piece but the model has no unk_id"); }

}  // namespace

Unigram::Unigram(std::vector<std::pair<std::string, double>> vocab, std::optional<uint32_t> unk_id, bool byte_fallback)
    : pieces_(std::move(vocab)), unk_id_(unk_id), byte_fallback_(byte_fallback) {
  double min_score = std::numeric_limits<double>::infinity();
  std::vector<std::pair<std::string_view, uint32_t>> entries;
  entries.reserve(pieces_.size());
  ids_.reserve(pieces_.size());
  for (uint32_t i = 0; i < pieces_.size(); i++) {
    ids_[pieces_[i].first] = i;
    entries.emplace_back(pieces_[i].first, i);
    min_score = std::min(min_score, pieces_[i].second);
  }
  trie_.build(entries);  // a repeated piece keeps its last id
  unk_score_ = min_score - 10.0;
  char name[8];
  for (int b = 0; b < 256; b++) {
    std::snprintf(name, sizeof name, "<0x%02X>", b);
    auto it = ids_.find(name);
    has_byte_[b] = it != ids_.end();
    byte_ids_[b] = has_byte_[b] ? it->second : 0;
  }
}

std::optional<uint32_t> Unigram::token_to_id(std::string_view token) const {
  auto it = ids_.find(token);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string_view> Unigram::id_to_token(uint32_t id) const {
  if (id >= pieces_.size()) return std::nullopt;
  return std::string_view(pieces_[id].first);
}

std::vector<std::pair<std::string, uint32_t>> Unigram::vocabulary() const {
  std::vector<std::pair<std::string, uint32_t>> out;
  out.reserve(ids_.size());
  for (const auto& e : ids_) out.emplace_back(std::string(e.first), e.second);
  return out;
}

void Unigram::best_path(std::string_view w, std::vector<Span>& out) const {
  thread_local std::vector<Node> nodes;
  const size_t n = w.size();
  nodes.assign(n + 1, Node{0.0, -1, 0});
  size_t at = 0;
  while (at < n) {
    const double here = nodes[at].score;
    const size_t mblen = char_len(w, at);
    bool single = false;
    trie_.for_each_prefix(w.data() + at, n - at, [&](size_t len, uint32_t id) {
      Node& target = nodes[at + len];
      const double candidate = pieces_[id].second + here;
      if (target.starts_at < 0 || candidate > target.score) target = Node{candidate, static_cast<int64_t>(at), id};
      if (len == mblen) single = true;
    });
    if (!single) {
      Node& target = nodes[at + mblen];
      const double candidate = unk_score_ + here;
      if (target.starts_at < 0 || candidate > target.score) {
        if (!unk_id_) missing_unk();
        target = Node{candidate, static_cast<int64_t>(at), *unk_id_};
      }
    }
    at += mblen;
  }
  out.clear();
  size_t end = n;
  int64_t unk_end = -1;  // end of the unknown run being fused (walking backwards)
  uint32_t unk_start = 0;
  while (end > 0) {
    const Node& node = nodes[end];
    const uint32_t start = static_cast<uint32_t>(node.starts_at);
    if (unk_id_ && node.id == *unk_id_) {
      if (unk_end < 0) unk_end = static_cast<int64_t>(end);
      unk_start = start;
    } else {
      if (unk_end >= 0) out.push_back({unk_start, static_cast<uint32_t>(unk_end), true});
      unk_end = -1;
      out.push_back({start, static_cast<uint32_t>(end), false});
    }
    end = start;
  }
  if (unk_end >= 0) out.push_back({unk_start, static_cast<uint32_t>(unk_end), true});
  std::reverse(out.begin(), out.end());
}

template <class Emit>
void Unigram::emit(std::string_view w, const std::vector<Span>& spans, Emit&& emit) const {
  for (const Span& s : spans) {
    const std::string_view text = w.substr(s.start, s.end - s.start);
    auto it = ids_.find(text);
    if (it != ids_.end()) {
      emit(it->second, s, false);
      continue;
    }
    if (byte_fallback_) {
      bool all = true;
      for (char c : text) all = all && has_byte_[static_cast<uint8_t>(c)];
      if (all) {
        for (char c : text) emit(byte_ids_[static_cast<uint8_t>(c)], s, false);
        continue;
      }
    }
    if (!unk_id_) missing_unk();
    emit(*unk_id_, s, true);
  }
}

void Unigram::tokenize_ids(std::string_view word, std::vector<uint32_t>& ids) const {
  thread_local std::vector<Span> spans;
  best_path(word, spans);
  emit(word, spans, [&](uint32_t id, const Span&, bool) { ids.push_back(id); });
}

void Unigram::tokenize(std::string_view word, std::vector<WordToken>& tokens) const {
  thread_local std::vector<Span> spans;
  best_path(word, spans);
  emit(word, spans, [&](uint32_t id, const Span& s, bool literal) {
    WordToken t{id, s.start, s.end};
    t.literal = literal;
    tokens.push_back(t);
  });
}

}  // namespace embedkit::tok
