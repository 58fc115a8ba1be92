// JS class `WordVectors` over core vectors::WordVectors. Option handling and the public API shape live
// in lib/word-vectors.ts; this file only converts and schedules (heavy calls on the native pool).
#pragma once
#include <napi.h>

#include <memory>

#include "vectors/word_vectors.h"

namespace embedkit::binding {

class WordVectorsWrap : public Napi::ObjectWrap<WordVectorsWrap> {
 public:
  static void Init(Napi::Env env, Napi::Object exports);
  explicit WordVectorsWrap(const Napi::CallbackInfo& info);

 private:
  static Napi::Value Open(const Napi::CallbackInfo& info);
  static Napi::Value OpenSync(const Napi::CallbackInfo& info);
  static Napi::Object Wrap(Napi::Env env, std::shared_ptr<const vectors::WordVectors> wv);

  Napi::Value Info(const Napi::CallbackInfo& info);
  Napi::Value Vocab(const Napi::CallbackInfo& info);
  Napi::Value Metadata(const Napi::CallbackInfo& info);
  Napi::Value Norms(const Napi::CallbackInfo& info);
  Napi::Value Embedding(const Napi::CallbackInfo& info);
  Napi::Value EmbeddingInto(const Napi::CallbackInfo& info);
  Napi::Value Embeddings(const Napi::CallbackInfo& info);
  Napi::Value EmbeddingsSync(const Napi::CallbackInfo& info);
  Napi::Value EmbeddingsIntoSync(const Napi::CallbackInfo& info);
  Napi::Value Row(const Napi::CallbackInfo& info);
  Napi::Value SubwordRows(const Napi::CallbackInfo& info);
  Napi::Value SimilaritySync(const Napi::CallbackInfo& info);
  Napi::Value SimilarityBatch(const Napi::CallbackInfo& info);
  Napi::Value SimilarityBatchSync(const Napi::CallbackInfo& info);
  Napi::Value SimilarityByVectorSync(const Napi::CallbackInfo& info);
  Napi::Value AnalogySync(const Napi::CallbackInfo& info);
  Napi::Value AnalogyBatch(const Napi::CallbackInfo& info);
  Napi::Value AnalogyBatchSync(const Napi::CallbackInfo& info);
  Napi::Value Save(const Napi::CallbackInfo& info);
  Napi::Value SaveSync(const Napi::CallbackInfo& info);

  std::shared_ptr<const vectors::WordVectors> wv_;
};

}  // namespace embedkit::binding
