// The regex engine of the Split and Replace components and ByteLevel's built-in pattern. Hugging Face
// runs these patterns on Oniguruma (Ruby syntax, UTF-8, no options); this is PCRE2 with JIT, fed a
// pattern translated so that it means what Oniguruma would make of it:
//   \w \W \s \S \h \H take Oniguruma's classes (\w = L|M|N|Pc, \s = 9-D, 85, Zs, Zl, Zp, \h = hex digit);
//   X{n,m}+ is a repeated interval, not a possessive one; ^ and $ are line anchors;
//   a class nested in a class is a union (its brackets dropped).
// Class intersection (&&) and negated nested classes are refused (Error Unsupported). Known remaining
// differences: PCRE2's Unicode tables (14.0 in Debian 12's 10.42) against Oniguruma's 16.0 for chars
// assigned since, and \b uses PCRE2's word chars.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace embedkit::text {

class Regex {
 public:
  // Oniguruma-syntax pattern. Throws Error(Format) when it does not compile, Error(Unsupported) for the
  // constructs above. `what` names the pattern in messages.
  static std::shared_ptr<const Regex> compile(std::string_view pattern, const std::string& what);
  // A literal (what Rust's regex::escape then Oniguruma make of a String pattern).
  static std::shared_ptr<const Regex> literal(std::string_view text);

  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  // Every match of the pattern in `subject`, left to right, as onig's find_iter gives them: not
  // overlapping; after an empty match, no empty match at the same place (the search moves on one char).
  // Appends byte ranges [start, end) to `out`.
  void find_all(std::string_view subject, std::vector<std::pair<uint32_t, uint32_t>>& out) const;

  // The PCRE2 pattern a given Oniguruma pattern is translated to (exposed for tests and messages).
  static std::string translate(std::string_view onig_pattern, const std::string& what);

 private:
  Regex() = default;
  void* code_ = nullptr;  // pcre2_code_8*
  std::string literal_;
  bool is_literal_ = false;
};

}  // namespace embedkit::text
