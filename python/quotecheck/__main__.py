"""`python3 -m quotecheck ARTICLE SOURCES_DIR`."""

import sys

from quotecheck import _main

sys.exit(_main(sys.argv[1:]))
