#!/usr/bin/env python3
"""Quotes for the side-by-side benchmark, cut from a corpus of .txt files.

    python3 make_quotes.py CORPUS_DIR OUT.jsonl [COUNT] [SEED]

Each line: {"id", "kind", "text", "file", "start", "end"} where file/start/end
(byte offsets) say where the quote's words are (null for absent quotes).
Kinds, in fixed shares: verbatim, typography (quote marks, case, dashes),
changed (1-3 words replaced), ellipsis (a middle part cut out and "..."
put in its place), absent (corpus words in an order the corpus never has).
"""

import json
import random
import re
import sys
from pathlib import Path

SHARES = [("verbatim", 50), ("typography", 30), ("changed", 45), ("ellipsis", 35), ("absent", 40)]
REPLACEMENTS = ["zebra", "quantum", "marmalade", "lighthouse", "accordion", "never", "seven", "tomorrow"]


def main() -> None:
    corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    files = sorted(corpus.glob("*.txt"))
    texts = {f.name: f.read_text("utf-8") for f in files}
    vocab = sorted({w for t in list(texts.values())[:50] for w in re.findall(r"[A-Za-z]+", t)})
    scale = count / sum(n for _, n in SHARES)
    plan = [k for k, n in SHARES for _ in range(round(n * scale))]
    lines = []
    for i, kind in enumerate(plan):
        while True:
            name = rng.choice(files).name
            text = texts[name]
            words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
            n = rng.randint(12, 40)
            if len(words) > n + 80:
                break
        at = rng.randrange(0, len(words) - n - 60)
        span = words[at : at + n]
        start, end = span[0][0], span[-1][1]
        piece = text[start:end]
        # Byte offsets for the answer key.
        bstart = len(text[:start].encode("utf-8"))
        bend = len(text[:end].encode("utf-8"))
        toks = piece.split()
        if kind == "verbatim":
            q = " ".join(toks)
        elif kind == "typography":
            q = " ".join(toks).replace("'", "\u2019").replace('"', "\u201c").replace("--", "\u2014")
            q = q.lower() if rng.random() < 0.5 else q.upper()[:1] + q[1:]
            q = q.rstrip(".,;:") + rng.choice([".", ",", ""])
        elif kind == "changed":
            for _ in range(rng.randint(1, 3)):
                toks[rng.randrange(len(toks))] = rng.choice(REPLACEMENTS)
            q = " ".join(toks)
        elif kind == "ellipsis":
            cut = rng.randint(3, 30)
            head = n // 2
            tail_words = words[at + head + cut : at + n + cut]
            q = " ".join(toks[:head]) + " ... " + " ".join(text[s:e] for s, e in tail_words)
            bend = len(text[: tail_words[-1][1]].encode("utf-8"))
        else:
            q = " ".join(rng.choice(vocab) for _ in range(n))
            name, bstart, bend = None, None, None
        lines.append({"id": i, "kind": kind, "text": q, "file": name, "start": bstart, "end": bend})
    out.write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines), "utf-8")
    print(f"{len(lines)} quotes -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
