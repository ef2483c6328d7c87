#!/usr/bin/env bash
# Coverage-guided fuzzing of every target in fuzz/ on the stable toolchain
# (see ../shared/hostile/README.md for why RUSTC_BOOTSTRAP): builds the
# targets, seeds each corpus from the project's own fixtures, and runs each
# target for SECONDS (default 60). Crashes are left in fuzz/artifacts/TARGET/;
# each one found becomes a regression test in tests/.
#
#   bash scripts/fuzz.sh              # 60 s per target (what CI runs)
#   bash scripts/fuzz.sh 3600 check   # one hour of one target
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(extract check store_bytes c_abi)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
(cd fuzz && cargo fuzz build -O --debug-assertions)

# Seeds from the fixtures (generated, not committed).
corpus=target/fuzz-corpus
mkdir -p "$corpus"/{extract,check,store_bytes,c_abi}
for f in tests/fixtures/articles/* examples/data/*.txt tests/fixtures/own/*.txt; do
    head -c 16384 "$f" > "$corpus/extract/$(basename "$f")"
done
for f in examples/data/sources/*.txt tests/fixtures/own/*.txt tests/fixtures/pd/*.txt; do
    { head -c 8000 "$f"; printf '\0we will not raise taxes … this year\0Smith'; } > "$corpus/check/$(basename "$f")"
    { head -c 8000 "$f"; printf '\0no indication\0John Kirby\0MR. KIRBY'; } > "$corpus/c_abi/$(basename "$f")"
done
cargo build -q --release --bin quotecheck
./target/release/quotecheck --save "$corpus/store_bytes/demo.qcs" tests/fixtures/own/interview-qa.txt \
    tests/fixtures/own/debate-period-labels.txt >/dev/null 2>&1

status=0
for t in "${TARGETS[@]}"; do
    echo "fuzz: $t for ${SECONDS_PER_TARGET}s"
    (cd fuzz && cargo fuzz run -O --debug-assertions "$t" "../$corpus/$t" -- \
        -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=4096 -max_len=16384 \
        -print_final_stats=1 2>&1 | tail -25) || status=1
done
exit $status
