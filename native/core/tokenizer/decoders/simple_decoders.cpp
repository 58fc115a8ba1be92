#include "tokenizer/decoders/simple_decoders.h"

#include <algorithm>

#include "text/utf8.h"

namespace embedkit::tok {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  std::string out;
  size_t last = 0;
  while (true) {
    const size_t at = s.find(from, last);
    if (at == std::string::npos) break;
    out.append(s, last, at - last);
    out += to;
    last = at + from.size();
  }
  out.append(s, last, std::string::npos);
  return out;
}

std::string wordpiece_cleanup(std::string s) {
  static const char* const kPairs[][2] = {{" .", "."},      {" ?", "?"},   {" !", "!"},   {" ,", ","},
                                          {" ' ", "'"},     {" n't", "n't"}, {" 'm", "'m"}, {" do not", " don't"},
                                          {" 's", "'s"},    {" 've", "'ve"}, {" 're", "'re"}};
  for (const auto& p : kPairs) s = replace_all(std::move(s), p[0], p[1]);
  return s;
}

void FuseDecoder::decode_chain(std::vector<std::string>& tokens) const {
  std::string all;
  for (const auto& t : tokens) all += t;
  tokens.assign(1, std::move(all));
}

void BpeDecoder::decode_chain(std::vector<std::string>& tokens) const {
  for (size_t i = 0; i < tokens.size(); i++) tokens[i] = replace_all(std::move(tokens[i]), suffix_, i + 1 == tokens.size() ? "" : " ");
}

void WordPieceDecoder::decode_chain(std::vector<std::string>& tokens) const {
  for (size_t i = 0; i < tokens.size(); i++) {
    std::string& t = tokens[i];
    if (i != 0) {
      if (t.compare(0, prefix_.size(), prefix_) == 0) {
        const size_t at = t.find(prefix_);  // replacen(prefix, "", 1): the first occurrence, which is here
        if (!prefix_.empty()) t.erase(at, prefix_.size());
      } else {
        t.insert(0, " ");
      }
    }
    if (cleanup_) t = wordpiece_cleanup(std::move(t));
  }
}

void CtcDecoder::decode_chain(std::vector<std::string>& tokens) const {
  std::vector<std::string> out;
  for (size_t i = 0; i < tokens.size(); i++) {
    if (i > 0 && tokens[i] == tokens[i - 1]) continue;  // dedup consecutive
    std::string t = replace_all(tokens[i], pad_, "");
    if (cleanup_) t = replace_all(wordpiece_cleanup(std::move(t)), delimiter_, " ");
    if (!t.empty()) out.push_back(std::move(t));
  }
  tokens = std::move(out);
}

void StripDecoder::decode_chain(std::vector<std::string>& tokens) const {
  for (auto& t : tokens) {
    std::vector<uint32_t> cps;
    for (size_t p = 0; p < t.size();) cps.push_back(text::decode_utf8(t, p));
    size_t begin = 0, end = cps.size();
    for (size_t i = 0; i < std::min(start_, cps.size()) && cps[i] == content_; i++) begin = i + 1;
    for (size_t i = 0; i < std::min(stop_, cps.size()) && cps[cps.size() - 1 - i] == content_; i++) end = cps.size() - 1 - i;
    std::string out;
    for (size_t i = begin; i < std::max(begin, end); i++) text::append_utf8(out, cps[i]);
    t = std::move(out);
  }
}

}  // namespace embedkit::tok
