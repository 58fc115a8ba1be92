#include "vectors/vocab.h"

#include "common/error.h"

namespace embedkit::vectors {

Vocab::Vocab(std::vector<std::string> words, std::unique_ptr<SubwordIndexer> subwords, const std::string& path)
    : words_(std::move(words)), subwords_(std::move(subwords)) {
  size_t i = 0;
  if (!table_.build(words_, i))
    throw Error(ErrorKind::Format, path + ": the vocabulary lists the word \"" + words_[i] + "\" twice (again at index " +
                                       std::to_string(i) + ")");
}

std::optional<size_t> Vocab::word_index(std::string_view word) const { return table_.find(word); }

void Vocab::subword_rows(std::string_view word, std::vector<uint64_t>& out) const {
  out.clear();
  if (!subwords_) return;
  subwords_->indices(word, out);
  for (auto& i : out) i += words_.size();
}

}  // namespace embedkit::vectors
