"""Python FastEmbed row of bench/onnx: TextEmbedding on the local model folder, timed like child.js.

    python bench/onnx/python_runner.py DIR TEXTS.json --threads N --batch B [--min-time S]
        [--min-reps N] [--warmup N] [--dump OUT.json]

The folder is registered as a custom model (attention-masked mean pooling, L2 normalization, as
the model's modules.json says) and loaded with specific_model_path, so nothing is downloaded.
`threads` sets onnxruntime's intra- and inter-op pools (FastEmbed sets both). Prints one JSON line.
"""
import argparse
import json
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("model")
parser.add_argument("texts")
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--batch", type=int, default=256)
parser.add_argument("--max-length", type=int, default=512)
parser.add_argument("--min-time", type=float, default=2.0)
parser.add_argument("--min-reps", type=int, default=2)
parser.add_argument("--warmup", type=int, default=1)
parser.add_argument("--dump", default=None)
args = parser.parse_args()

try:
    import fastembed
    from fastembed import TextEmbedding
    from fastembed.common.model_description import ModelSource, PoolingType
except ImportError as err:
    print(json.dumps({"na": f"fastembed not installed in bench/.peers/venv ({err}): bench/setup-peers.sh onnx"}))
    sys.exit(0)

with open(args.texts) as f:
    texts = json.load(f)

NAME = "embedkit-bench/local-model"
TextEmbedding.add_custom_model(
    model=NAME,
    pooling=PoolingType.MEAN,
    normalization=True,
    sources=ModelSource(hf=NAME),
    dim=384,
    model_file="onnx/model.onnx",
)
model = TextEmbedding(NAME, specific_model_path=args.model, threads=args.threads, cuda=False, local_files_only=True)
# FastEmbed truncates at tokenizer_config's model_max_length; a lower bench limit is set on its tokenizer.
tokenizer = model.model.tokenizer
if args.max_length < (tokenizer.truncation or {}).get("max_length", 1 << 30):
    tokenizer.enable_truncation(max_length=args.max_length)


def run(items=texts):
    return list(model.embed(items, batch_size=args.batch))


for _ in range(args.warmup):
    run(texts[:16])  # session start and first allocations, as child.js warms up
times = []
start = time.perf_counter()
while len(times) < args.min_reps or time.perf_counter() - start < args.min_time:
    t = time.perf_counter()
    run()
    times.append(time.perf_counter() - t)
times.sort()
median = times[len(times) // 2]
if args.dump:
    with open(args.dump, "w") as f:
        json.dump([v.tolist() for v in run()], f)
print(json.dumps({
    "reps": len(times), "best_s": times[0], "median_s": median, "sentences_per_s": len(texts) / median,
    "fastembed": fastembed.__version__,
}))
