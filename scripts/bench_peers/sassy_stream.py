#!/usr/bin/env python3
"""sassy over a corpus too large to hold in memory, for the 10 GiB run.

    python3 sassy_stream.py CORPUS_DIR QUOTES.txt PREFIX

QUOTES.txt has one quote a line (as `examples/open_shards --write-quotes`
writes them); the first PREFIX are searched. Every .txt file under
CORPUS_DIR (recursively) is read once and searched for each of those quotes
with sassy (ASCII profile, k = 20% of the quote, the lowest-cost match
kept), so the time per quote is the search's, with reading the corpus
counted once (and printed apart). Prints one JSON line.
"""

import json
import sys
import time
from pathlib import Path

import sassy


def main():
    corpus, qpath, prefix = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    quotes = [q.encode("utf-8") for q in qpath.read_text("utf-8").splitlines()[:prefix]]
    searcher = sassy.Searcher("ascii")
    best = [None] * len(quotes)
    read_s = search_s = 0.0
    total = 0
    for f in sorted(corpus.rglob("*.txt")):
        t = time.perf_counter()
        data = f.read_bytes()
        read_s += time.perf_counter() - t
        total += len(data)
        t = time.perf_counter()
        for i, q in enumerate(quotes):
            ms = searcher.search(q, data, max(1, len(q) // 5))
            if ms:
                m = min(ms, key=lambda m: m.cost)
                if best[i] is None or m.cost < best[i]:
                    best[i] = m.cost
        search_s += time.perf_counter() - t
    print(json.dumps({
        "tool": "sassy (k = 20% of the quote), streamed",
        "quotes": len(quotes),
        "corpus_gb": total / 1e9,
        "seconds_per_quote": search_s / len(quotes),
        "scan_mb_per_s": total / 1e6 * len(quotes) / search_s,
        "reading_the_corpus_once_s": read_s,
        "found": sum(b is not None for b in best),
    }))


if __name__ == "__main__":
    main()
