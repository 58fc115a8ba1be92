#include "tokenizer/pipeline.h"

#include <unordered_set>

#include "common/error.h"
#include "text/utf8.h"
#include "text/unicode.h"
#include "tokenizer/bert_ascii_scan.h"
#include "tokenizer/models/wordpiece.h"
#include "tokenizer/normalizers/bert_normalizer.h"
#include "tokenizer/pre_tokenizers/bert_pre_tokenizer.h"
#include "tokenizer/truncation.h"

namespace embedkit::tok {

namespace {

// Per-thread buffers, reused by every call on the thread (run() is not re-entered).
struct Scratch {
  NormalizedText text;       // the piece being worked on
  NormalizedText other;      // normalizers write here, then swap
  NormalizedText sub;        // a gap between normalized added tokens
  std::vector<Piece> whole;  // the one piece handed to the pre-tokenizer
  std::vector<Piece> pieces;
  std::vector<AddedVocabulary::Match> raw_matches;
  std::vector<AddedVocabulary::Match> norm_matches;
  std::vector<WordToken> word_tokens;
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

void check_utf8(std::string_view text) {
  const size_t bad = text::find_invalid_utf8(text);
  if (bad != std::string_view::npos)
    throw Error(ErrorKind::Argument, "text to encode is not valid UTF-8 (byte " + std::to_string(bad) + ")");
}

// ids only.
struct IdSink {
  static constexpr bool kOffsets = false;
  std::vector<uint32_t>& ids;
  void added(uint32_t id, Span, std::string_view) { ids.push_back(id); }
  void split() {}
};

// ids, token strings and byte spans in the input.
struct FullSink {
  static constexpr bool kOffsets = true;
  const Model& model;
  Encoding& enc;
  std::vector<size_t>* splits = nullptr;  // where each pre-token's tokens start, when asked
  std::vector<uint8_t>* split_added = nullptr;  // with splits: 1 where the pre-token is an added token
  void split() {
    if (!splits) return;
    splits->push_back(enc.ids.size());
    split_added->push_back(0);
  }
  void added(uint32_t id, Span span, std::string_view matched) {
    if (splits && !splits->empty() && splits->back() == enc.ids.size()) split_added->back() = 1;
    enc.ids.push_back(id);
    enc.tokens.emplace_back(matched);
    enc.offsets.push_back({span.start, span.end});
  }
  void token(uint32_t id, Span span) {
    enc.ids.push_back(id);
    auto s = model.id_to_token(id);
    enc.tokens.emplace_back(s ? *s : std::string_view());
    enc.offsets.push_back({span.start, span.end});
  }
};

}  // namespace

PipelineTokenizer::PipelineTokenizer(std::unique_ptr<Normalizer> normalizer, std::unique_ptr<PreTokenizer> pre_tokenizer,
                                     std::unique_ptr<Model> model, std::unique_ptr<PostProcessor> post_processor,
                                     std::vector<AddedToken> added_tokens, std::unique_ptr<Decoder> decoder)
    : normalizer_(std::move(normalizer)),
      pre_tokenizer_(std::move(pre_tokenizer)),
      model_(std::move(model)),
      post_processor_(std::move(post_processor)),
      decoder_(std::move(decoder)) {
  added_.build(added_tokens, *model_, normalizer_.get());
  auto* bn = dynamic_cast<const BertNormalizer*>(normalizer_.get());
  auto* wp = dynamic_cast<const WordPiece*>(model_.get());
  if (bn && wp && pre_tokenizer_ && dynamic_cast<const BertPreTokenizer*>(pre_tokenizer_.get()) && !added_.has_normalized()) {
    bert_normalizer_ = bn;
    bert_wordpiece_ = wp;
  }
  build_fused();
}

template <class Sink>
void PipelineTokenizer::run(std::string_view input, Sink& sink) const {
  Scratch& s = scratch();
  constexpr bool track = Sink::kOffsets;
  // Source ranges are also needed by a pre-tokenizer that asks where a piece starts (Metaspace "first").
  const bool track_text = track || (pre_tokenizer_ && pre_tokenizer_->needs_offsets());

  // Pre-tokenize the normalized piece `nt` and run the model on each word.
  auto tokenize_normalized = [&](NormalizedText& nt) {
    s.pieces.clear();
    if (pre_tokenizer_) {
      s.whole.assign(1, Piece{0, static_cast<uint32_t>(nt.text.size())});
      pre_tokenizer_->pre_tokenize(nt, s.whole, s.pieces);
    } else {
      s.pieces.push_back({0, static_cast<uint32_t>(nt.text.size())});
    }
    for (const Piece& p : s.pieces) {
      const std::string_view word(nt.text.data() + p.begin, p.end - p.begin);
      if (word.empty()) continue;
      sink.split();
      if constexpr (track) {
        s.word_tokens.clear();
        model_->tokenize(word, s.word_tokens);
        for (const WordToken& t : s.word_tokens) {
          // A token past the word's end (BPE byte fallback on a prefixed char) keeps its raw offsets, as in HF.
          if (t.end > word.size()) sink.token(t.id, Span{t.start, t.end});
          else if (t.literal) sink.added(t.id, nt.source(p.begin + t.start, p.begin + t.end), word.substr(t.start, t.end - t.start));
          else sink.token(t.id, nt.source(p.begin + t.start, p.begin + t.end));
        }
      } else {
        model_->tokenize_ids(word, sink.ids);
      }
    }
  };

  // Normalize one gap between raw added tokens, find normalized added tokens in it, tokenize the rest.
  auto process_gap = [&](size_t begin, size_t end) {
    if (begin >= end) return;
    s.text.reset(input.substr(begin, end - begin), begin, track_text);
    if (normalizer_) normalizer_->normalize(s.text, s.other);
    if (s.text.text.empty()) return;
    if (!added_.has_normalized()) {
      tokenize_normalized(s.text);
      return;
    }
    s.norm_matches.clear();
    added_.find(s.text.text, true, s.norm_matches);
    if (s.norm_matches.empty()) {
      tokenize_normalized(s.text);
      return;
    }
    auto sub_gap = [&](size_t b, size_t e) {
      if (b >= e) return;
      s.sub.text.assign(s.text.text, b, e - b);
      s.sub.tracking = track_text;
      if (track_text) s.sub.align.assign(s.text.align.begin() + static_cast<std::ptrdiff_t>(b),
                                    s.text.align.begin() + static_cast<std::ptrdiff_t>(e));
      tokenize_normalized(s.sub);
    };
    size_t cursor = 0;
    for (const auto& m : s.norm_matches) {
      const size_t b = std::max<size_t>(m.begin, cursor);
      sub_gap(cursor, b);
      if (b < m.end) {
        sink.split();
        if constexpr (track) sink.added(m.id, s.text.source(b, m.end), std::string_view(s.text.text).substr(b, m.end - b));
        else sink.added(m.id, Span{0, 0}, {});
      }
      cursor = std::max<size_t>(cursor, m.end);
    }
    sub_gap(cursor, s.text.text.size());
  };

  if (!added_.has_raw()) {
    process_gap(0, input.size());
    return;
  }
  s.raw_matches.clear();
  added_.find(input, false, s.raw_matches);
  size_t cursor = 0;
  for (const auto& m : s.raw_matches) {  // process_gap never touches raw_matches
    const size_t b = std::max<size_t>(m.begin, cursor);
    process_gap(cursor, b);
    if (b < m.end) {
      sink.split();
      sink.added(m.id, Span{static_cast<uint32_t>(b), m.end}, input.substr(b, m.end - b));
    }
    cursor = std::max<size_t>(cursor, m.end);
  }
  process_gap(cursor, input.size());
}

void PipelineTokenizer::ids_gap_general(std::string_view gap, std::vector<uint32_t>& ids, size_t max_ids) const {
  if (gap.empty()) return;
  Scratch& s = scratch();
  s.text.reset(gap, 0, false);
  normalizer_->normalize(s.text, s.other);
  if (s.text.text.empty()) return;
  s.whole.assign(1, Piece{0, static_cast<uint32_t>(s.text.text.size())});
  s.pieces.clear();
  pre_tokenizer_->pre_tokenize(s.text, s.whole, s.pieces);
  for (const Piece& p : s.pieces) {
    if (p.end == p.begin) continue;
    model_->tokenize_ids(std::string_view(s.text.text.data() + p.begin, p.end - p.begin), ids);
    if (ids.size() >= max_ids) return;
  }
}

void PipelineTokenizer::ids_gap_bert_ascii(std::string_view gap, std::vector<uint32_t>& ids, size_t max_ids) const {
  // The scan is bert_ascii_scan.h's; words go to WordPiece as they come, the rest to ids_gap_general.
  // Stops once max_ids is reached (checked after each word or chunk, so the last one may run past it).
  const WordPiece& wordpiece = *bert_wordpiece_;
  scan_bert_ascii<false>(
      gap, bert_normalizer_->clean_text(), bert_normalizer_->lowercase(),
      [&](std::string_view word, const uint32_t*) {
        wordpiece.tokenize_ids_padded(word, ids);
        return ids.size() < max_ids;
      },
      [&](size_t begin, size_t end) {
        ids_gap_general(gap.substr(begin, end - begin), ids, max_ids);
        return ids.size() < max_ids;
      });
}

void PipelineTokenizer::encode_ids(std::string_view text, bool add_special_tokens, std::vector<uint32_t>& out,
                                   size_t max_ids) const {
  check_utf8(text);
  const size_t begin = out.size();
  const size_t limit = max_ids > static_cast<size_t>(-1) - begin ? static_cast<size_t>(-1) : begin + max_ids;
  if (bert_wordpiece_) {
    // Raw added tokens split the text; each gap goes through the fused path.
    if (!added_.has_raw()) {
      ids_gap_bert_ascii(text, out, limit);
    } else {
      Scratch& s = scratch();
      s.raw_matches.clear();
      added_.find(text, false, s.raw_matches);
      size_t cursor = 0;
      for (const auto& m : s.raw_matches) {
        if (out.size() >= limit) break;
        const size_t b = std::max<size_t>(m.begin, cursor);
        if (b > cursor) ids_gap_bert_ascii(text.substr(cursor, b - cursor), out, limit);
        if (out.size() >= limit) break;
        if (b < m.end) out.push_back(m.id);
        cursor = std::max<size_t>(cursor, m.end);
      }
      if (out.size() < limit && cursor < text.size()) ids_gap_bert_ascii(text.substr(cursor), out, limit);
    }
  } else {
    IdSink sink{out};
    run(text, sink);
  }
  if (post_processor_) post_processor_->process_ids(out, begin, add_special_tokens);
}

namespace {

// Keeps the pre-tokens [first, last) of `enc` (their tokens start at splits[first], ...).
void keep_splits(Encoding& enc, const std::vector<size_t>& splits, size_t first, size_t last) {
  const size_t b = first < splits.size() ? splits[first] : enc.ids.size();
  const size_t e = last < splits.size() ? splits[last] : enc.ids.size();
  auto cut = [&](auto& v) {
    v.erase(v.begin() + static_cast<std::ptrdiff_t>(e), v.end());
    v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(b));
  };
  cut(enc.ids);
  cut(enc.tokens);
  cut(enc.offsets);
}

// HF 0.23 tokenize_with_limit: pre-tokens are tokenized from the truncation side and the walk stops after
// the one that brings the count to max_length or more. An added token counts but never stops the walk
// (HF checks the count only after running the model on a pre-token): with max_length 2,
// "[MASK][MASK] hello world" keeps "[MASK] [MASK] hello". This only shows in overflowing windows.
void early_exit(Encoding& enc, const std::vector<size_t>& splits, const std::vector<uint8_t>& split_added, const Truncation& limit) {
  const size_t n = splits.size();
  auto end_of = [&](size_t k) { return k + 1 < n ? splits[k + 1] : enc.ids.size(); };
  if (limit.side == Side::Right) {
    for (size_t k = 0; k < n; k++) {
      if (!split_added[k] && end_of(k) >= limit.max_length) {
        keep_splits(enc, splits, 0, k + 1);
        return;
      }
    }
  } else {
    for (size_t k = n; k-- > 0;) {
      if (!split_added[k] && enc.ids.size() - splits[k] >= limit.max_length) {
        keep_splits(enc, splits, k, n);
        return;
      }
    }
  }
}

}  // namespace

Encoding PipelineTokenizer::encode_sequence(std::string_view text, uint32_t type_id, const Truncation* limit) const {
  check_utf8(text);
  if (text.size() > 0xFFFFFFF0u) throw Error(ErrorKind::Argument, "text to encode is larger than 4 GiB");
  Encoding enc;
  std::vector<size_t> splits;
  std::vector<uint8_t> split_added;
  FullSink sink{*model_, enc, limit ? &splits : nullptr, limit ? &split_added : nullptr};
  run(text, sink);
  if (limit) early_exit(enc, splits, split_added, *limit);
  const size_t n = enc.ids.size();
  enc.type_ids.assign(n, type_id);
  enc.special_tokens_mask.assign(n, 0);
  enc.attention_mask.assign(n, 1);

  // Byte offsets -> char (Unicode scalar) offsets, as HF's Node binding reports them.
  bool ascii = true;
  for (char c : text) {
    if (static_cast<uint8_t>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) {
    std::vector<uint32_t> chars(text.size() + 1);
    uint32_t count = 0;
    for (size_t i = 0; i < text.size(); i++) {
      chars[i] = count;
      if ((static_cast<uint8_t>(text[i]) & 0xC0) != 0x80) count++;
    }
    // A byte inside a char maps to the char it belongs to (never happens for the spans produced above).
    chars[text.size()] = count;
    for (Offsets& o : enc.offsets) {
      if (o.start > text.size() || o.end > text.size()) continue;  // HF keeps offsets it cannot convert
      o.start = chars[o.start];
      o.end = chars[o.end];
    }
  }
  return enc;
}

Encoding PipelineTokenizer::encode(std::string_view text, bool add_special_tokens) const {
  EncodeOptions options;
  options.add_special_tokens = add_special_tokens;
  return encode_pair(text, std::nullopt, options);
}

Encoding PipelineTokenizer::encode_pair(std::string_view first, std::optional<std::string_view> second,
                                        const EncodeOptions& options) const {
  const Truncation* t = options.truncation;
  std::vector<Encoding> encodings;
  encodings.reserve(2);
  // HF exempts the first sequence from the early exit under OnlySecond (it is never cut).
  encodings.push_back(encode_sequence(first, 0, t && t->strategy != Truncation::Strategy::OnlySecond ? t : nullptr));
  if (second) encodings.push_back(encode_sequence(*second, 1, t));
  if (t) {
    Truncation room = *t;
    const size_t added = post_processor_ ? post_processor_->added_tokens(second.has_value()) : 0;
    // Unsigned like HF's usize: max_length below the special-token count wraps, and nothing is cut.
    if (options.add_special_tokens && added > 0) room.max_length = t->max_length - added;
    truncate_encodings(encodings[0], second ? &encodings[1] : nullptr, room);
  }
  if (!post_processor_) return merge_encodings(std::move(encodings));
  if (encodings.size() == 1) {
    post_processor_->process(encodings[0], options.add_special_tokens);  // a processor's one-sequence shortcut
    return std::move(encodings[0]);
  }
  return post_processor_->process(std::move(encodings), options.add_special_tokens);
}

std::string PipelineTokenizer::decode(const std::vector<uint32_t>& ids, bool skip_special_tokens) const {
  std::vector<std::string> tokens;
  tokens.reserve(ids.size());
  for (uint32_t id : ids) {
    std::optional<std::string_view> t = added_.id_to_token(id);
    if (!t) t = model_->id_to_token(id);
    if (!t) continue;
    if (skip_special_tokens && added_.is_special(*t)) continue;
    tokens.emplace_back(*t);
  }
  std::string out;
  if (decoder_) {
    decoder_->decode_chain(tokens);
    for (const auto& t : tokens) out += t;
  } else {
    for (size_t i = 0; i < tokens.size(); i++) {
      if (i) out.push_back(' ');
      out += tokens[i];
    }
  }
  return out;
}

std::optional<uint32_t> PipelineTokenizer::token_to_id(std::string_view token) const {
  if (auto id = added_.token_to_id(token)) return id;
  return model_->token_to_id(token);
}

std::optional<std::string> PipelineTokenizer::id_to_token(uint32_t id) const {
  if (auto t = added_.id_to_token(id)) return std::string(*t);
  if (auto t = model_->id_to_token(id)) return std::string(*t);
  return std::nullopt;
}

size_t PipelineTokenizer::vocab_size(bool with_added_tokens) const {
  if (!with_added_tokens) return model_->vocab_size();
  // HF: the model's vocabulary plus added tokens whose content it does not already have.
  size_t n = model_->vocab_size();
  for (const auto& e : added_.entries())
    if (!model_->token_to_id(e.first)) n++;
  return n;
}

std::vector<std::pair<std::string, uint32_t>> PipelineTokenizer::vocabulary(bool with_added_tokens) const {
  auto out = model_->vocabulary();
  if (!with_added_tokens) return out;
  std::unordered_set<std::string> present;
  for (const auto& e : out) present.insert(e.first);
  for (auto& e : added_.entries())
    if (!present.count(e.first)) out.push_back(std::move(e));
  return out;
}

}  // namespace embedkit::tok
