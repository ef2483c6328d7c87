#!/usr/bin/env bash
# The batch paths end to end, on the bundled data: the same articles checked
# by `quotecheck --articles` (every core, one process) and by the Dask
# example (examples/python/dask_batch.py: the Python package per partition,
# local process scheduler) give the same quotes, verdicts and places.
#
# Usage: scripts/check_batch.sh QUOTECHECK_BINARY PYTHON_WITH_QUOTECHECK_AND_DASK
set -euo pipefail
QC="$1"
PY="$2"
B="$(mktemp -d)"
trap 'rm -rf "$B"' EXIT
mkdir -p "$B/articles/monday"
cp examples/data/article-dodnews-2023-05-02.txt "$B/articles/a.txt"
cp tests/fixtures/own/report-article.txt "$B/articles/b.txt"
cp examples/data/article-dodnews-2023-05-02.txt "$B/articles/monday/c.txt"
"$QC" --save "$B/archive.qcs" examples/data/sources 2>/dev/null
"$QC" --store "$B/archive.qcs" --articles "$B/articles" --json-lines "$B/cli.jsonl" --fail-on not_found || test $? -eq 1
"$PY" examples/python/dask_batch.py "$B/archive.qcs" "$B/articles" "$B/dask.jsonl" --partitions 2
"$PY" - "$B/cli.jsonl" "$B/dask.jsonl" <<'PY'
import json, sys
cli, dask = ([json.loads(l) for l in open(f, encoding="utf-8")] for f in sys.argv[1:3])
assert [r["article"] for r in cli] == [r["article"] for r in dask], "article order differs"
key = lambda q: (q["text"], q["speaker"], q["char_start"], q["verdict"], q.get("source"), q.get("source_start"))
n = 0
for c, d in zip(cli, dask):
    assert [key(q) for q in c["quotes"]] == [key(q) for q in d["quotes"]], c["article"]
    n += len(c["quotes"])
assert len(cli) == 3 and n >= 12, (len(cli), n)
print(f"batch: --articles and Dask agree on {len(cli)} articles, {n} quotes")
PY
