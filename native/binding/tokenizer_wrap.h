// JS class `Tokenizer` over core tok::Tokenizer (a tokenizer.json pipeline). Input checks beyond types
// and the public API shape live in lib/tokenizer.ts; this file only converts and schedules.
#pragma once
#include <napi.h>

#include <memory>

#include "tokenizer/tokenizer.h"

namespace embedkit::binding {

class TokenizerWrap : public Napi::ObjectWrap<TokenizerWrap> {
 public:
  static void Init(Napi::Env env, Napi::Object exports);
  explicit TokenizerWrap(const Napi::CallbackInfo& info);

 private:
  static Napi::Value FromFile(const Napi::CallbackInfo& info);
  static Napi::Value FromString(const Napi::CallbackInfo& info);
  static Napi::Object Wrap(Napi::Env env, std::shared_ptr<const tok::Tokenizer> tokenizer);

  Napi::Value Encode(const Napi::CallbackInfo& info);
  Napi::Value EncodeIds(const Napi::CallbackInfo& info);
  Napi::Value EncodeBatch(const Napi::CallbackInfo& info);
  Napi::Value EncodeBatchSync(const Napi::CallbackInfo& info);
  Napi::Value EncodeIdsBatch(const Napi::CallbackInfo& info);
  Napi::Value GetTruncation(const Napi::CallbackInfo& info);
  Napi::Value GetPadding(const Napi::CallbackInfo& info);
  Napi::Value NumSpecialTokensToAdd(const Napi::CallbackInfo& info);
  Napi::Value Decode(const Napi::CallbackInfo& info);
  Napi::Value DecodeBatch(const Napi::CallbackInfo& info);
  Napi::Value TokenToId(const Napi::CallbackInfo& info);
  Napi::Value IdToToken(const Napi::CallbackInfo& info);
  Napi::Value GetVocabSize(const Napi::CallbackInfo& info);

  std::shared_ptr<const tok::Tokenizer> tokenizer_;
};

}  // namespace embedkit::binding
