#!/usr/bin/env bash
# Installs the benchmark peers into bench/.peers/ (ignored by git). Bench-only: never run by
# `npm install` or the tests. Needs: python3 (>= 3.9) with venv, cargo (>= 1.88), and the package
# registries (PyPI, crates.io). The npm peer (`tokenizers`) is a devDependency already.
#
#   bench/setup-peers.sh            # both peers
#   bench/setup-peers.sh python     # only the Python venv
#   bench/setup-peers.sh rust       # only the model2vec-rs runner
#   bench/setup-peers.sh vectors    # only bench/vectors: the finalfusion runner and the limits probe
#   bench/setup-peers.sh onnx       # only Python FastEmbed (bench/onnx) in the same venv
#
# Results:
#   bench/.peers/venv/                                   Python venv with model2vec (no torch)
#   bench/.peers/target/release/model2vec-rs-runner      the model2vec-rs timing program
#   bench/.peers/target/release/finalfusion-runner       finalfusion 0.18 (crates.io) for bench/vectors
#   bench/.peers/bin/vectors-limits                      memory bandwidth / sgemm probe (cc)
#   bench/.peers/venv/ also gets fastembed (Python FastEmbed with onnxruntime, no torch) for bench/onnx;
#   bench/onnx's other peers (fastembed-js, transformers.js, onnxruntime-node) are npm devDependencies,
#   and its model comes from scripts/test-setup/onnx-models.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS="$HERE/.peers"
MODEL2VEC_PY_VERSION="${MODEL2VEC_PY_VERSION:-0.10.0}"
FASTEMBED_PY_VERSION="${FASTEMBED_PY_VERSION:-0.9.1}"
what="${1:-all}"
mkdir -p "$PEERS"

if [[ "$what" == all || "$what" == python ]]; then
  PY="${PYTHON:-python3}"
  echo "[setup-peers] Python venv at $PEERS/venv ($("$PY" --version))"
  [[ -x "$PEERS/venv/bin/python" ]] || "$PY" -m venv "$PEERS/venv"
  "$PEERS/venv/bin/python" -m pip install --quiet --upgrade pip
  echo "[setup-peers] pip install model2vec==$MODEL2VEC_PY_VERSION (inference only: numpy, tokenizers, safetensors)"
  "$PEERS/venv/bin/python" -m pip install --quiet "model2vec==$MODEL2VEC_PY_VERSION"
  "$PEERS/venv/bin/python" -c 'import model2vec, tokenizers, numpy; print("[setup-peers] model2vec", model2vec.__version__, "tokenizers", tokenizers.__version__, "numpy", numpy.__version__)'
fi

if [[ "$what" == all || "$what" == rust ]]; then
  command -v cargo >/dev/null || { echo "[setup-peers] cargo not found: install Rust (rustup) first" >&2; exit 1; }
  echo "[setup-peers] cargo build --release bench/static/model2vec-rs-runner (model2vec-rs 0.4.0, no hf-hub; takes minutes)"
  CARGO_TARGET_DIR="$PEERS/target" cargo build --release \
    --manifest-path "$HERE/static/model2vec-rs-runner/Cargo.toml"
  echo "[setup-peers] built $PEERS/target/release/model2vec-rs-runner"
fi

if [[ "$what" == all || "$what" == vectors ]]; then
  command -v cargo >/dev/null || { echo "[setup-peers] cargo not found: install Rust (rustup) first" >&2; exit 1; }
  echo "[setup-peers] cargo build --release -j1 bench/vectors/finalfusion-runner (finalfusion 0.18.0, default features)"
  CARGO_TARGET_DIR="$PEERS/target" cargo build --release -j1 \
    --manifest-path "$HERE/vectors/finalfusion-runner/Cargo.toml"
  mkdir -p "$PEERS/bin"
  "${CC:-cc}" -O3 -march=native -o "$PEERS/bin/vectors-limits" "$HERE/vectors/limits.c" -lpthread -ldl
  echo "[setup-peers] built $PEERS/target/release/finalfusion-runner and $PEERS/bin/vectors-limits"
fi

if [[ "$what" == all || "$what" == onnx ]]; then
  PY="${PYTHON:-python3}"
  [[ -x "$PEERS/venv/bin/python" ]] || "$PY" -m venv "$PEERS/venv"
  echo "[setup-peers] pip install fastembed==$FASTEMBED_PY_VERSION (onnxruntime, tokenizers, numpy; no torch)"
  "$PEERS/venv/bin/python" -m pip install --quiet "fastembed==$FASTEMBED_PY_VERSION"
  "$PEERS/venv/bin/python" -c 'import fastembed, onnxruntime; print("[setup-peers] fastembed", fastembed.__version__, "onnxruntime", onnxruntime.__version__)'
fi
