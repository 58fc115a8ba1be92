// JS class `TextModel` over core onnx::TextModel (transformer embeddings and cross-encoders through
// onnxruntime). Option checks and the public API live in lib/text-embedding.ts and
// lib/text-cross-encoder.ts; this file only converts and schedules.
#pragma once
#include <napi.h>

#include <memory>

#include "onnx/text_model.h"

namespace embedkit::binding {

class TextModelWrap : public Napi::ObjectWrap<TextModelWrap> {
 public:
  static void Init(Napi::Env env, Napi::Object exports);
  explicit TextModelWrap(const Napi::CallbackInfo& info);

 private:
  static Napi::Value Load(const Napi::CallbackInfo& info);
  static Napi::Object Wrap(Napi::Env env, std::shared_ptr<const onnx::TextModel> model);

  Napi::Value Info(const Napi::CallbackInfo& info);
  Napi::Value Embed(const Napi::CallbackInfo& info);
  Napi::Value Rerank(const Napi::CallbackInfo& info);

  std::shared_ptr<const onnx::TextModel> model_;
};

}  // namespace embedkit::binding
