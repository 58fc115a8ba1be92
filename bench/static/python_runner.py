#!/usr/bin/env python3
"""embedkit bench peer: Python model2vec ``StaticModel.encode``.

usage: python_runner.py <model-dir> <texts.json> --mode single|all [--min-time S] [--min-reps N]
                        [--warmup N] [--dump K out.json]

--mode single  one thread: ``use_multiprocessing=False`` and TOKENIZERS_PARALLELISM=false,
               RAYON_NUM_THREADS=1, OMP/OPENBLAS/MKL_NUM_THREADS=1 (set here before numpy/tokenizers load).
--mode all     the library's defaults: ``use_multiprocessing=True`` with its default threshold
               (10,000 texts): above it, joblib's threading backend over all cores (n_jobs=-1) with
               tokenizers' own parallelism off; below it, one call whose ``encode_batch_fast`` runs on
               the tokenizers crate's rayon pool.

Prints one JSON object on stdout (times measured here, around ``encode`` only).
"""

from __future__ import annotations

import os
import sys


def _arg(name: str, default: str | None = None) -> str | None:
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


MODE = _arg("--mode", "single")
if MODE == "single":
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
        os.environ[var] = "1"
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["HF_HUB_OFFLINE"] = "1"

import json  # noqa: E402
import time  # noqa: E402
from importlib.metadata import version  # noqa: E402

import numpy as np  # noqa: E402
from model2vec import StaticModel  # noqa: E402


def main() -> None:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    model_dir, texts_path = sys.argv[1], sys.argv[2]
    min_time = float(_arg("--min-time", "2.0"))
    min_reps = int(_arg("--min-reps", "3"))
    warmup = int(_arg("--warmup", "1"))
    dump_k = None
    if "--dump" in sys.argv:
        i = sys.argv.index("--dump")
        dump_k, dump_path = int(sys.argv[i + 1]), sys.argv[i + 2]

    with open(texts_path, encoding="utf-8") as f:
        texts = json.load(f)

    t0 = time.perf_counter()
    model = StaticModel.from_pretrained(model_dir)
    load_s = time.perf_counter() - t0

    use_mp = MODE != "single"

    def run() -> np.ndarray:
        return model.encode(texts, use_multiprocessing=use_mp)

    for _ in range(warmup):
        run()
    times = []
    start = time.perf_counter()
    while len(times) < min_reps or time.perf_counter() - start < min_time:
        t = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - t)
    times.sort()
    best, median = times[0], times[len(times) // 2]

    if dump_k is not None:
        vecs = model.encode(texts[:dump_k], use_multiprocessing=False)
        with open(dump_path, "w", encoding="utf-8") as f:
            json.dump(np.asarray(vecs, dtype=np.float64).tolist(), f)

    print(
        json.dumps(
            {
                "peer": "python-model2vec",
                "version": version("model2vec"),
                "tokenizers": version("tokenizers"),
                "numpy": version("numpy"),
                "mode": MODE,
                "multiprocessing_engaged": bool(use_mp and len(texts) > 10_000),
                "texts": len(texts),
                "reps": len(times),
                "dim": int(out.shape[1]),
                "load_s": load_s,
                "best_s": best,
                "median_s": median,
                "sentences_per_s": len(texts) / median,
                "sentences_per_s_best": len(texts) / best,
            }
        )
    )


if __name__ == "__main__":
    main()
