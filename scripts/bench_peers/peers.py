#!/usr/bin/env python3
"""The tools a newsroom would otherwise use, on the same corpus and quotes.

    python3 peers.py CORPUS_DIR QUOTES.jsonl [PREFIX_FOR_SLOW_TOOLS] [TOOL,...]

TOOLS (default all): sassy, edlib, rapidfuzz, fuzzysearch. sassy is the
SIMD bit-parallel matcher (PyPI `sassy-rs`, ASCII profile, k = 20% of the
quote, the lowest-cost match kept); rust-bio's Myers has no Python package:
bio_myers/ (a separate cargo workspace that run.sh builds) runs it.

rapidfuzz `fuzz.partial_ratio_alignment` (over each file's text), edlib in
infix mode (`mode="HW"`, over each file), and fuzzysearch
`find_near_matches` (max. Levenshtein distance 10% of the quote; slow, so
only the first PREFIX quotes). Each scans every file for each quote and
keeps the best hit. Prints one JSON line per tool in the shape of
examples/bench_quotes.rs.
"""

import json
import sys
import time
from collections import defaultdict
from pathlib import Path


def located(q, file, s, e):
    if q["file"] is None or file != q["file"]:
        return False
    overlap = max(0, min(e, q["end"]) - max(s, q["start"]))
    return overlap * 2 >= q["end"] - q["start"]


def run(name, quotes, docs, find, found_threshold):
    by_kind = defaultdict(lambda: [0, 0])
    false_matches = 0
    total = sum(len(t.encode("utf-8")) for t, _ in docs.values())
    start = time.perf_counter()
    for q in quotes:
        best = None
        for fname, (text, bdata) in docs.items():
            hit = find(q["text"], text, bdata)
            if hit and (best is None or hit[0] > best[0]):
                best = (hit[0], fname, hit[1], hit[2])
        k = by_kind[q["kind"]]
        k[1] += 1
        is_found = best is not None and best[0] >= found_threshold
        if q["kind"] == "absent":
            false_matches += int(is_found)
            k[0] += int(not is_found)
        elif is_found:
            k[0] += int(located(q, best[1], best[2], best[3]))
    secs = time.perf_counter() - start
    n = len(quotes)
    print(json.dumps({
        "tool": name,
        "quotes": n,
        "corpus_mb": total / 1e6,
        "quotes_per_s": n / secs,
        "scan_mb_per_s": total / 1e6 * n / secs,
        "located": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())},
        "false_matches_on_absent": false_matches,
    }), flush=True)


def byte_offsets(text):
    """Character index -> byte offset, for tools that report characters."""
    out = [0] * (len(text) + 1)
    b = 0
    for i, ch in enumerate(text):
        out[i] = b
        b += len(ch.encode("utf-8"))
    out[len(text)] = b
    return out


def main():
    corpus, qpath = Path(sys.argv[1]), Path(sys.argv[2])
    prefix = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    tools = sys.argv[4].split(",") if len(sys.argv) > 4 else ["sassy", "edlib", "rapidfuzz", "fuzzysearch"]
    quotes = [json.loads(l) for l in qpath.read_text("utf-8").splitlines()]
    # Character-to-byte tables only for the tools that report characters
    # (they cost 8 bytes per character: too much for a gigabyte).
    needs_offsets = any(t in tools for t in ("rapidfuzz", "edlib", "fuzzysearch"))
    docs = {}
    for f in sorted(corpus.glob("*.txt")):
        t = f.read_text("utf-8")
        docs[f.name] = (t, byte_offsets(t) if needs_offsets else None)

    if "sassy" in tools:
        import sassy

        searcher = sassy.Searcher("ascii")
        raw = {name: text.encode("utf-8") for name, (text, _) in docs.items()}

        def sy(q, text, b):
            data = raw_by_id[id(text)]
            qb = q.encode("utf-8")
            ms = searcher.search(qb, data, max(1, len(qb) // 5))
            if not ms:
                return None
            m = min(ms, key=lambda m: m.cost)
            return (-m.cost, m.text_start, m.text_end)

        raw_by_id = {id(text): raw[name] for name, (text, _) in docs.items()}
        run("sassy (k = 20% of the quote)", quotes, docs, sy, -10**9)

    if "rapidfuzz" in tools:
        from rapidfuzz import fuzz

        def rf(q, text, b):
            r = fuzz.partial_ratio_alignment(q, text, score_cutoff=0)
            return (r.score, b[r.dest_start], b[r.dest_end]) if r else None

        # A score of 90 or more (of 100) counts as found.
        run("rapidfuzz.partial_ratio_alignment", quotes, docs, rf, 90)

    if "edlib" not in tools and "fuzzysearch" not in tools:
        return
    import edlib

    def ed(q, text, b):
        k = max(1, len(q) // 5)
        r = edlib.align(q, text, mode="HW", task="locations", k=k)
        if r["editDistance"] < 0 or not r["locations"]:
            return None
        s, e = r["locations"][0]
        return (-r["editDistance"], b[s], b[e + 1])

    # Found when within 20% edits (edlib reports nothing beyond k).
    if "edlib" in tools:
        run("edlib HW (k = 20% of the quote)", quotes, docs, ed, -10**9)
    if "fuzzysearch" not in tools:
        return

    from fuzzysearch import find_near_matches

    def fz(q, text, b):
        ms = find_near_matches(q, text, max_l_dist=max(1, len(q) // 10))
        if not ms:
            return None
        m = min(ms, key=lambda m: m.dist)
        return (-m.dist, b[m.start], b[m.end])

    run(f"fuzzysearch (10% edits; first {prefix} quotes)", quotes[:prefix], docs, fz, -10**9)


if __name__ == "__main__":
    main()
