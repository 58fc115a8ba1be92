// Per-stage times of the static encode on one thread, without Node: where a text's nanoseconds go.
//
//   g++ -O3 -std=c++17 -march=x86-64 -Inative/core bench/static/stages.cpp build/libembedkit_core.a \
//       .deps/utf8proc/usr/lib/x86_64-linux-gnu/libutf8proc.a \
//       .deps/pcre2/usr/lib/x86_64-linux-gnu/libpcre2-8.a -lpthread -ldl -o /tmp/static-stages
//   /tmp/static-stages lib/default-model texts.json [reps]
//
// (build/libembedkit_core.a is what `node scripts/install.js --force` leaves behind; texts.json is a
// JSON array of strings, e.g. the files bench/static/run.js writes.) Stages, best of `reps` passes,
// in thread CPU time per text:
//   cut        model2vec's character cut alone (bytes of the first max_length x median code points)
//   tokenizer  the tokenizer's own encode_ids on the cut text (the pre-word-cache path)
//   token_ids  StaticModel::token_ids: cut, word-cache ids, first max_length, [UNK] dropped
//   encode     StaticModel::encode on the calling thread: token_ids + row gathers, pooling, normalization
// encode - token_ids is the pooling side; Node's share is the JS encodeSync time minus `encode`.
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "io/json.h"
#include "io/mapped_file.h"
#include "static/static_model.h"
#include "text/utf8.h"

using namespace embedkit;

// Thread CPU time, not wall time: the machine this was written on is shared, and time spent descheduled
// says nothing about the code.
double cpu_ns() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

template <class F>
double best_ns_per_text(size_t texts, int reps, F&& f) {
  double best = 1e300;
  for (int r = 0; r < reps; r++) {
    const double t0 = cpu_ns();
    f();
    best = std::min(best, (cpu_ns() - t0) / static_cast<double>(texts));
  }
  return best;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s MODEL_DIR TEXTS.json [reps]\n", argv[0]);
    return 2;
  }
  const int reps = argc > 3 ? std::atoi(argv[3]) : 10;
  auto model = static_model::StaticModel::load(argv[1], {});
  json::Value doc = json::parse(io::read_file(argv[2]), argv[2]);
  std::vector<std::string_view> texts;
  for (const auto& v : doc.items()) texts.push_back(v.as_string());
  const size_t n = texts.size();
  const size_t max_length = model->default_max_length();
  const size_t max_chars = model->char_limit(max_length);
  std::vector<uint32_t> ids;
  size_t sink = 0, tokens = 0;
  for (auto t : texts) {
    model->token_ids(t, max_length, ids);
    tokens += ids.size();
  }
  const double cut = best_ns_per_text(n, reps, [&] {
    for (auto t : texts) sink += max_chars < t.size() ? text::prefix_bytes_for_code_points(t, max_chars) : t.size();
  });
  const double tokenizer = best_ns_per_text(n, reps, [&] {
    for (auto t : texts) {
      if (max_chars < t.size()) t = t.substr(0, text::prefix_bytes_for_code_points(t, max_chars));
      ids.clear();
      model->tokenizer().encode_ids(t, false, ids, max_length);
      sink += ids.size();
    }
  });
  const double token_ids = best_ns_per_text(n, reps, [&] {
    for (auto t : texts) {
      model->token_ids(t, max_length, ids);
      sink += ids.size();
    }
  });
  std::vector<float> out(n * model->dim());
  const double encode = best_ns_per_text(n, reps, [&] { model->encode(texts.data(), n, max_length, out.data(), nullptr); });
  std::printf("%zu texts, %.1f tokens/text, dim %zu, %s rows\n", n, static_cast<double>(tokens) / n, model->dim(), model->table().dtype_name());
  std::printf("ns/text: cut %.0f | tokenizer encode_ids %.0f | token_ids (word cache) %.0f | encode %.0f (pooling side %.0f)\n",
              cut, tokenizer, token_ids, encode, encode - token_ids);
  return sink == 42 ? 1 : 0;
}
