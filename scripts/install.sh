#!/usr/bin/env bash
# Installs quotecheck for C programs (and the command) under a prefix:
#
#   bash scripts/install.sh [PREFIX]        # default /usr/local; DESTDIR is honoured
#
#   PREFIX/include/quotecheck.h
#   PREFIX/lib/libquotecheck.so.0.1.0       (SONAME libquotecheck.so.0: the ABI major)
#   PREFIX/lib/libquotecheck.so.0 -> libquotecheck.so.0.1.0
#   PREFIX/lib/libquotecheck.so   -> libquotecheck.so.0
#   PREFIX/lib/libquotecheck.a
#   PREFIX/lib/pkgconfig/quotecheck.pc
#   PREFIX/bin/quotecheck
#
# Then: cc app.c $(pkg-config --cflags --libs quotecheck)   (shared), or
#       cc app.c $(pkg-config --cflags --libs --static quotecheck) with the .a.
# The .pc's Libs carry an rpath to PREFIX/lib, so a program built against a
# prefix outside the loader's path still starts without LD_LIBRARY_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX="${1:-${PREFIX:-/usr/local}}"
DESTDIR="${DESTDIR:-}"
case "$PREFIX" in /*) ;; *) PREFIX="$PWD/$PREFIX" ;; esac

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
MAJOR=${VERSION%%.*}
cargo build --release --lib --bin quotecheck

ROOT="$DESTDIR$PREFIX"
install -d "$ROOT/include" "$ROOT/lib/pkgconfig" "$ROOT/bin"
install -m 644 include/quotecheck.h "$ROOT/include/quotecheck.h"
install -m 755 target/release/libquotecheck.so "$ROOT/lib/libquotecheck.so.$VERSION"
ln -sf "libquotecheck.so.$VERSION" "$ROOT/lib/libquotecheck.so.$MAJOR"
ln -sf "libquotecheck.so.$MAJOR" "$ROOT/lib/libquotecheck.so"
install -m 644 target/release/libquotecheck.a "$ROOT/lib/libquotecheck.a"
# The archive holds the standard library's objects with their debug info
# (rustc ships std that way); a program linked against it takes only what
# it uses, but the file itself is a third smaller without them.
if command -v strip >/dev/null 2>&1; then strip --strip-debug "$ROOT/lib/libquotecheck.a"; fi
install -m 755 target/release/quotecheck "$ROOT/bin/quotecheck"

# The system libraries the static library needs, as rustc states them
# (`--print native-static-libs`), minus libc.
cat > "$ROOT/lib/pkgconfig/quotecheck.pc" <<PC
prefix=$PREFIX
exec_prefix=\${prefix}
libdir=\${exec_prefix}/lib
includedir=\${prefix}/include

Name: quotecheck
Description: Check quotations in news copy against the source texts they came from
Version: $VERSION
URL: https://crates.io/crates/quotecheck
Libs: -L\${libdir} -Wl,-rpath,\${libdir} -lquotecheck
Libs.private: -lgcc_s -lutil -lrt -lpthread -lm -ldl
Cflags: -I\${includedir}
PC
echo "installed quotecheck $VERSION under $ROOT"
