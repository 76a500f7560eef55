#!/bin/sh
# The web page in headless Chromium (tests/browser/page_test.py) over the
# seeds and the dev set. Screenshots are kept in $TIDINGS_SCREENSHOTS, else
# next to the binary under test (the build folder).
. "$(dirname "$0")/lib.sh"
"$TIDINGS" ingest --db "$T/page.db" "$SHARED"/seeds/*.txt \
    "$SHARED/data/dev/articles.jsonl" >/dev/null 2>&1
OUTDIR=${TIDINGS_SCREENSHOTS:-$(dirname "$TIDINGS")/screenshots}
python3 "$(dirname "$0")/../browser/page_test.py" "$TIDINGS" "$T/page.db" "$OUTDIR"
