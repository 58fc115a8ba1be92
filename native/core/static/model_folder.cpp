#include "static/model_folder.h"

#include "common/error.h"
#include "io/mapped_file.h"

namespace embedkit::static_model {

namespace {
std::string join(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  return a.back() == '/' ? a + b : a + "/" + b;
}
}  // namespace

ModelFiles find_model_files(const std::string& folder) {
  ModelFiles files;
  files.folder = folder;
  const std::string modules = join(folder, "modules.json");
  if (io::file_exists(modules)) files.modules = modules;

  // 1. model2vec's own layout; the native config wins when both configs exist (as in model2vec).
  const std::string config = join(folder, "config.json");
  if (io::file_exists(config) && io::file_exists(join(folder, "tokenizer.json"))) {
    std::string weights = join(folder, "model.safetensors");
    if (!io::file_exists(weights) && io::file_exists(join(folder, "embeddings.safetensors")))
      weights = join(folder, "embeddings.safetensors");  // first model2vec releases used this name
    if (io::file_exists(weights)) {
      files.layout = "model2vec";
      files.config = config;
      files.weights = weights;
      files.tokenizer = join(folder, "tokenizer.json");
      return files;
    }
  }
  const std::string st_config = join(folder, "config_sentence_transformers.json");
  if (io::file_exists(st_config)) {
    // 2. Sentence-Transformers, everything in one folder.
    if (io::file_exists(join(folder, "model.safetensors")) && io::file_exists(join(folder, "tokenizer.json"))) {
      files.layout = "sentence-transformers";
      files.config = st_config;
      files.weights = join(folder, "model.safetensors");
      files.tokenizer = join(folder, "tokenizer.json");
      return files;
    }
    // 3. Sentence-Transformers with the StaticEmbedding module in its own folder.
    const std::string nested = join(folder, "0_StaticEmbedding");
    if (io::file_exists(join(nested, "model.safetensors")) && io::file_exists(join(nested, "tokenizer.json"))) {
      files.layout = "sentence-transformers-nested";
      files.config = st_config;
      files.weights = join(nested, "model.safetensors");
      files.tokenizer = join(nested, "tokenizer.json");
      return files;
    }
  }
  std::string missing;
  for (const char* name : {"config.json", "model.safetensors", "tokenizer.json"})
    if (!io::file_exists(join(folder, name))) missing += std::string(missing.empty() ? "" : ", ") + name;
  throw Error(ErrorKind::NotFound, folder + ": not a Model2Vec model folder (missing " +
                                       (missing.empty() ? std::string("a model file") : missing) +
                                       "; also looked for the Sentence-Transformers layouts)");
}

}  // namespace embedkit::static_model
