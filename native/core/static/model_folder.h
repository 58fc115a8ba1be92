// Finds the files of a Model2Vec model in a folder, in the layouts model2vec itself accepts:
// native (config.json + model.safetensors + tokenizer.json), Sentence-Transformers flat
// (config_sentence_transformers.json beside model.safetensors) and nested (0_StaticEmbedding/).
#pragma once
#include <optional>
#include <string>

namespace embedkit::static_model {

struct ModelFiles {
  std::string folder;
  std::string layout;            // "model2vec", "sentence-transformers", "sentence-transformers-nested"
  std::string config;            // config.json or config_sentence_transformers.json
  std::string weights;           // model.safetensors (or the legacy embeddings.safetensors)
  std::string tokenizer;         // tokenizer.json
  std::optional<std::string> modules;  // modules.json, when present
};

// Throws Error(NotFound) naming the folder and the files that are missing.
ModelFiles find_model_files(const std::string& folder);

}  // namespace embedkit::static_model
