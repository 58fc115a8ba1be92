#include "text/regex.h"

#include <pcre2.h>

#include <cctype>

#include "common/error.h"
#include "text/utf8.h"

namespace embedkit::text {

namespace {

constexpr const char* kWordOut = "[\\p{L}\\p{M}\\p{N}\\p{Pc}]";
constexpr const char* kNotWordOut = "[^\\p{L}\\p{M}\\p{N}\\p{Pc}]";
constexpr const char* kWordIn = "\\p{L}\\p{M}\\p{N}\\p{Pc}";
constexpr const char* kSpaceIn = "\\t-\\r\\x{85}\\p{Zs}\\p{Zl}\\p{Zp}";
constexpr const char* kSpaceOut = "[\\t-\\r\\x{85}\\p{Zs}\\p{Zl}\\p{Zp}]";
constexpr const char* kNotSpaceOut = "[^\\t-\\r\\x{85}\\p{Zs}\\p{Zl}\\p{Zp}]";

size_t utf8_len_at(std::string_view s, size_t i) {
  const uint8_t c = static_cast<uint8_t>(s[i]);
  const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return i + n <= s.size() ? n : s.size() - i;
}

// Length of an escape starting at p[i] == '\\', braces of \p{..} \x{..} \k<..> included.
size_t escape_len(std::string_view p, size_t i) {
  if (i + 1 >= p.size()) return 1;
  const char c = p[i + 1];
  if ((c == 'p' || c == 'P' || c == 'x' || c == 'o') && i + 2 < p.size() && p[i + 2] == '{') {
    const size_t close = p.find('}', i + 3);
    return close == std::string_view::npos ? p.size() - i : close + 1 - i;
  }
  if (c == 'x') {  // \xHH
    size_t n = 2;
    while (n < 4 && i + n < p.size() && std::isxdigit(static_cast<unsigned char>(p[i + n]))) n++;
    return n;
  }
  return 1 + utf8_len_at(p, i + 1);
}

// "{n}", "{n,}", "{,m}", "{n,m}" at p[i]: its length and the PCRE2 spelling, or 0 when it is a literal.
size_t interval(std::string_view p, size_t i, std::string& spelled) {
  size_t j = i + 1;
  std::string lo, hi;
  bool comma = false;
  while (j < p.size() && std::isdigit(static_cast<unsigned char>(p[j]))) lo.push_back(p[j++]);
  if (j < p.size() && p[j] == ',') {
    comma = true;
    j++;
    while (j < p.size() && std::isdigit(static_cast<unsigned char>(p[j]))) hi.push_back(p[j++]);
  }
  if (j >= p.size() || p[j] != '}' || (lo.empty() && hi.empty())) return 0;
  spelled = "{" + (lo.empty() ? std::string("0") : lo) + (comma ? "," + hi : "") + "}";
  return j + 1 - i;
}

[[noreturn]] void refuse(const std::string& what, const std::string& construct) {
  throw Error(ErrorKind::Unsupported, what + ": the regex construct " + construct + " is not supported");
}

}  // namespace

std::string Regex::translate(std::string_view p, const std::string& what) {
  std::string out;
  out.reserve(p.size() * 2);
  std::vector<size_t> groups;  // output positions of open '('
  size_t atom = 0;             // output position where the last atom starts
  int depth = 0;               // class nesting
  size_t i = 0;
  while (i < p.size()) {
    const char c = p[i];
    if (depth > 0) {
      if (c == '\\') {
        const size_t n = escape_len(p, i);
        const char e = n > 1 ? p[i + 1] : 0;
        if (e == 'w') out += kWordIn;
        else if (e == 's') out += kSpaceIn;
        else if (e == 'h') out += "0-9a-fA-F";
        else if (e == 'W' || e == 'H') refuse(what, std::string("\\") + e + " inside a class");
        else out.append(p.substr(i, n));
        i += n;
      } else if (c == '[') {
        if (i + 1 < p.size() && p[i + 1] == ':') {
          const size_t close = p.find(":]", i + 2);
          const size_t n = close == std::string_view::npos ? p.size() - i : close + 2 - i;
          out.append(p.substr(i, n));
          i += n;
        } else {
          if (i + 1 < p.size() && p[i + 1] == '^') refuse(what, "'negated class inside a class'");
          depth++;  // a nested class is a union: drop its brackets
          i++;
        }
      } else if (c == ']') {
        if (depth == 1) out.push_back(']');
        depth--;
        i++;
      } else if (c == '&' && i + 1 < p.size() && p[i + 1] == '&') {
        refuse(what, "'&&' (class intersection)");
      } else {
        const size_t n = utf8_len_at(p, i);
        out.append(p.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '\\': {
        const size_t n = escape_len(p, i);
        const char e = n > 1 ? p[i + 1] : 0;
        atom = out.size();
        if (e == 'w') out += kWordOut;
        else if (e == 'W') out += kNotWordOut;
        else if (e == 's') out += kSpaceOut;
        else if (e == 'S') out += kNotSpaceOut;
        else if (e == 'h') out += "[0-9a-fA-F]";
        else if (e == 'H') out += "[^0-9a-fA-F]";
        else out.append(p.substr(i, n));
        i += n;
        break;
      }
      case '[':
        atom = out.size();
        out.push_back('[');
        i++;
        if (i < p.size() && p[i] == '^') out.push_back(p[i++]);
        if (i < p.size() && p[i] == ']') out += "\\]", i++;  // a leading ']' is literal
        depth = 1;
        break;
      case '(':
        groups.push_back(out.size());
        out.push_back('(');
        i++;
        break;
      case ')':
        atom = groups.empty() ? out.size() : groups.back();
        if (!groups.empty()) groups.pop_back();
        out.push_back(')');
        i++;
        break;
      case '{': {
        std::string spelled;
        const size_t n = interval(p, i, spelled);
        if (n == 0) {
          atom = out.size();
          out += "\\{";
          i++;
          break;
        }
        i += n;
        if (i < p.size() && p[i] == '+') {
          // Oniguruma: X{n,m}+ is (?:X{n,m})+, not possessive.
          out.insert(atom, "(?:");
          out += spelled + ")";
        } else {
          out += spelled;
        }
        break;
      }
      default: {
        const size_t n = utf8_len_at(p, i);
        if (c != '|' && c != '*' && c != '+' && c != '?' && c != '^' && c != '$') atom = out.size();
        out.append(p.substr(i, n));
        i += n;
      }
    }
  }
  return out;
}

std::shared_ptr<const Regex> Regex::compile(std::string_view pattern, const std::string& what) {
  const std::string translated = translate(pattern, what);
  int err = 0;
  PCRE2_SIZE at = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(),
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE, &err, &at, nullptr);
  if (!code) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(err, msg, sizeof msg);
    throw Error(ErrorKind::Format, what + ": invalid regex '" + std::string(pattern) + "': " + reinterpret_cast<char*>(msg));
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // falls back to the interpreter when JIT is unavailable
  std::shared_ptr<Regex> r(new Regex());
  r->code_ = code;
  return r;
}

std::shared_ptr<const Regex> Regex::literal(std::string_view text) {
  std::shared_ptr<Regex> r(new Regex());
  r->is_literal_ = true;
  r->literal_.assign(text.data(), text.size());
  return r;
}

Regex::~Regex() {
  if (code_) pcre2_code_free(static_cast<pcre2_code*>(code_));
}

namespace {

struct MatchScratch {
  pcre2_match_data* data = nullptr;
  pcre2_match_context* context = nullptr;
  pcre2_jit_stack* stack = nullptr;
  MatchScratch() {
    data = pcre2_match_data_create(32, nullptr);
    context = pcre2_match_context_create(nullptr);
    stack = pcre2_jit_stack_create(64 * 1024, 8 * 1024 * 1024, nullptr);
    if (context && stack) pcre2_jit_stack_assign(context, nullptr, stack);
  }
  ~MatchScratch() {
    pcre2_match_data_free(data);
    pcre2_match_context_free(context);
    pcre2_jit_stack_free(stack);
  }
};

}  // namespace

void Regex::find_all(std::string_view s, std::vector<std::pair<uint32_t, uint32_t>>& out) const {
  const size_t n = s.size();
  if (is_literal_) {
    if (literal_.empty()) {  // an empty match at every char boundary
      for (size_t i = 0; i < n; i += utf8_len_at(s, i)) out.emplace_back(i, i);
      out.emplace_back(n, n);
      return;
    }
    size_t from = 0;
    while (true) {
      const size_t at = s.find(literal_, from);
      if (at == std::string_view::npos) break;
      out.emplace_back(at, at + literal_.size());
      from = at + literal_.size();
    }
    return;
  }
  thread_local MatchScratch scratch;
  const auto* code = static_cast<const pcre2_code*>(code_);
  size_t pos = 0;
  size_t last_end = static_cast<size_t>(-1);
  while (pos <= n) {
    const int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(s.data()), n, pos, PCRE2_NO_UTF_CHECK,
                               scratch.data, scratch.context);
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message(rc, msg, sizeof msg);
      throw Error(ErrorKind::Runtime, std::string("regex match failed: ") + reinterpret_cast<char*>(msg));
    }
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(scratch.data);
    const size_t start = ov[0], end = ov[1];
    if (start == end && last_end == end) {  // onig's find_iter: no empty match where the last one ended
      if (pos >= n) break;
      pos += utf8_len_at(s, pos);
      continue;
    }
    out.emplace_back(static_cast<uint32_t>(start), static_cast<uint32_t>(end));
    pos = end;
    last_end = end;
  }
}

}  // namespace embedkit::text
