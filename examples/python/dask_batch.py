"""A batch over many articles with Dask: the quotecheck package per partition.

    python3 examples/python/dask_batch.py STORE.qcs ARTICLES_DIR OUT.jsonl
        [--partitions N] [--scheduler processes|threads|synchronous]

The archive is a store file built once (``quotecheck --save STORE.qcs
SOURCES...``). Dask cuts the list of articles into partitions; each
partition, wherever Dask runs it (a local process here, a worker of a
cluster with ``dask.distributed`` unchanged), opens the store itself —
milliseconds, whatever its size: the file is read in pieces as checks need
them — and checks its articles with one Checker, so nothing large crosses
from the scheduler to a worker but file names. Each article becomes one
record; the records are written as JSON Lines in article order, with the
same fields for each quote as ``quotecheck --json`` (the subset a batch
report needs). On a cluster the store file sits on storage every worker
reads (a shared or object-store path); for an archive larger than one
machine, give each worker the shard files and merge with
``review::merge_shards`` in Rust (see ARCHITECTURE.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import dask.bag as db

import quotecheck


def check_partition(paths, store_path):
    """One partition: open the store once, check every article in it."""
    out = []
    with quotecheck.Store.open(store_path) as store, quotecheck.Checker() as checker:
        for path in paths:
            record = {"article": path, "quotes": []}
            try:
                text = Path(path).read_text("utf-8")
            except (OSError, UnicodeDecodeError) as e:
                record["error"] = str(e)
                out.append(record)
                continue
            for aq in checker.check_article(store, text):
                q = aq.quote
                if q.kind != quotecheck.QuoteKind.SPEECH or q.nested_in is not None:
                    continue
                entry = {
                    "text": q.text,
                    "speaker": q.speaker,
                    "char_start": q.start,
                    "char_end": q.end,
                    "verdict": str(aq.report.verdict) if aq.report else None,
                }
                if aq.error:
                    entry["error"] = aq.error
                best = aq.report.best if aq.report else None
                if best is not None:
                    entry.update(
                        source=best.source_id,
                        source_start=best.start_byte,
                        source_end=best.end_byte,
                        score=round(best.score, 4),
                        flags=str(best.flags),
                        source_speaker=best.speaker,
                        suggested_text=aq.report.suggested_text,
                    )
                record["quotes"].append(entry)
            out.append(record)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("articles")
    ap.add_argument("out")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument(
        "--scheduler", default="processes", choices=["processes", "threads", "synchronous"]
    )
    args = ap.parse_args(argv)
    paths = sorted(
        str(p)
        for p in Path(args.articles).rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.suffix not in (".json", ".md")
    )
    started = time.perf_counter()
    bag = db.from_sequence(paths, npartitions=max(1, min(args.partitions, len(paths))))
    records = bag.map_partitions(check_partition, args.store).compute(scheduler=args.scheduler)
    secs = time.perf_counter() - started
    quotes = sum(len(r["quotes"]) for r in records)
    with open(args.out, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(
        f"{len(records)} articles, {quotes} quotes in {secs:.2f} s "
        f"({len(records) / secs:.1f} articles/s, {quotes / secs:.1f} quotes/s; "
        f"{args.scheduler}, {bag.npartitions} partitions)",
        file=sys.stderr,
    )
    return 0 if not any("error" in r for r in records) else 1


if __name__ == "__main__":
    sys.exit(main())
