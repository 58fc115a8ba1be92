#include "tokenizer/serde_float.h"

#include <cmath>
#include <cstdlib>
#include <string>
#include <cstdint>
#include <limits>

namespace embedkit::tok {

namespace {

struct Powers {
  double table[309];
  Powers() {
    for (int i = 0; i < 309; i++) table[i] = std::strtod(("1e" + std::to_string(i)).c_str(), nullptr);
  }
};

// Exact for k <= 22; beyond, the correctly rounded literal that serde's table holds.
double pow10(int k) {
  static const Powers p;
  return p.table[k];
}

}  // namespace

double serde_json_f64(std::string_view s) noexcept {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && s[i] == '-') negative = true, i++;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::numeric_limits<double>::quiet_NaN();
  uint64_t sig = 0;
  int64_t exponent = 0;
  bool overflow = false;
  auto push = [&](int d, bool fraction) {
    if (overflow) {
      if (!fraction) exponent++;
      return;
    }
    const uint64_t max = std::numeric_limits<uint64_t>::max();
    if (sig >= max / 10 && (sig > max / 10 || static_cast<uint64_t>(d) > max % 10)) {
      overflow = true;
      if (!fraction) exponent++;
      return;
    }
    sig = sig * 10 + static_cast<uint64_t>(d);
    if (fraction) exponent--;
  };
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') push(s[i++] - '0', false);
  if (i < s.size() && s[i] == '.') {
    i++;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') push(s[i++] - '0', true);
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    bool eneg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) eneg = s[i] == '-', i++;
    int64_t e = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (e < 100000) e = e * 10 + (s[i] - '0');
      i++;
    }
    exponent += eneg ? -e : e;
  }
  double f = static_cast<double>(sig);
  while (true) {
    const int64_t a = exponent < 0 ? -exponent : exponent;
    if (a <= 308) {
      if (exponent >= 0) f *= pow10(static_cast<int>(a));
      else f /= pow10(static_cast<int>(a));
      break;
    }
    if (f == 0.0) break;
    if (exponent >= 0) return negative ? -HUGE_VAL : HUGE_VAL;  // serde errors; callers see infinity
    f /= 1e308;
    exponent += 308;
  }
  return negative ? -f : f;
}

}  // namespace embedkit::tok
