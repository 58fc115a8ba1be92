// JS class `StaticModel` over core static_model::StaticModel. Validation beyond types and the public
// API shape live in lib/static-model.ts; this file only converts and schedules.
#pragma once
#include <napi.h>

#include <memory>

#include "static/static_model.h"

namespace embedkit::binding {

class StaticModelWrap : public Napi::ObjectWrap<StaticModelWrap> {
 public:
  static void Init(Napi::Env env, Napi::Object exports);
  explicit StaticModelWrap(const Napi::CallbackInfo& info);

 private:
  static Napi::Value Load(const Napi::CallbackInfo& info);
  static Napi::Value LoadSync(const Napi::CallbackInfo& info);
  static Napi::Object Wrap(Napi::Env env, std::shared_ptr<const static_model::StaticModel> model);

  Napi::Value Info(const Napi::CallbackInfo& info);
  Napi::Value Encode(const Napi::CallbackInfo& info);
  Napi::Value EncodeSync(const Napi::CallbackInfo& info);
  Napi::Value EncodeSequence(const Napi::CallbackInfo& info);
  Napi::Value EncodeSequenceSync(const Napi::CallbackInfo& info);
  Napi::Value TokenIds(const Napi::CallbackInfo& info);

  std::shared_ptr<const static_model::StaticModel> model_;
};

}  // namespace embedkit::binding
