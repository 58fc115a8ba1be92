#!/usr/bin/env bash
# tokenizer.json files converted from the real cl100k_base and o200k_base rank files that the `tiktoken`
# npm package (a devDependency) ships, for test/tokenizer-tiktoken.test.js and bench/tokenizer/run.js.
# Written to test/.models/tiktoken/<encoding>/tokenizer.json; skips what is there.
set -euo pipefail
cd "$(dirname "$0")/../.."
for name in cl100k_base o200k_base; do
  out=test/.models/tiktoken/$name/tokenizer.json
  if [ -f "$out" ]; then continue; fi
  node scripts/fixtures/tokenizers/tiktoken-to-tokenizer-json.js "$name" "$out.tmp"
  mv "$out.tmp" "$out"
done
