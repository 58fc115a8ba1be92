#include "tokenizer/models/word_level.h"

#include "common/error.h"

namespace embedkit::tok {

uint32_t WordLevel::lookup(std::string_view word) const {
  if (auto id = vocab_.id(word)) return *id;
  if (!unk_id_)
    throw Error(ErrorKind::Runtime, "WordLevel: the unknown token '" + unk_token_ + "' is not in the vocabulary");
  return *unk_id_;
}

}  // namespace embedkit::tok
