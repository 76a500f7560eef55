#!/bin/sh
# Web ingest: HTML pages in many encodings, RSS/Atom feeds, WARC(.gz) crawls,
# URLs over a loopback HTTP server (slow, failing, redirecting, oversized
# answers), and `tidings watch`.
. "$(dirname "$0")/lib.sh"
FIX=tests/fixtures/web
WEBTOOL=tests/cli/webtool.py
SRV=
trap '[ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$T"' EXIT

# ---------------------------------------------------------------- HTML
for f in ru_cp1251 ru_koi8 fr_latin1 de_latin9 ja_sjis zh_gb2312 es_bom fr_undeclared meta broken; do
    run "$TIDINGS" analyze --json "$FIX/$f.html"
    equals "$f.html analyses" "$RC" 0
    TEXT=$(jfield text)
    lacks "$f.html: comments dropped" "$TEXT" "COMMENTMARKER"
    lacks "$f.html: footer dropped" "$TEXT" "FOOTERMARKER"
    lacks "$f.html: cookie banner dropped" "$TEXT" "Cookies!"
    lacks "$f.html: no U+FFFD (decoded right)" "$TEXT" "$(printf '\357\277\275')"
    case $f in
    ru_*) contains "$f.html: Cyrillic decoded" "$TEXT" "Городской совет утвердил бюджет" ;;
    fr_*) contains "$f.html: Latin-1 decoded" "$TEXT" "l'année prochaine" ;;
    de_latin9) contains "$f.html: Latin-9 decoded" "$TEXT" "Straßen erhöht"
               contains "$f.html: euro sign in title" "$(jfield title)" "5 €" ;;
    ja_sjis) contains "$f.html: Shift_JIS decoded" "$TEXT" "予算案を可決し" ;;
    zh_gb2312) contains "$f.html: GBK decoded" "$TEXT" "市议会通过了明年的预算" ;;
    es_bom) contains "$f.html: BOM honoured" "$TEXT" "El pleno aprobó" ;;
    broken) contains "broken.html: text kept" "$TEXT" "Unclosed paragraph one"
            contains "broken.html: second paragraph" "$TEXT" "Second paragraph inside" ;;
    esac
done
run "$TIDINGS" analyze --json "$FIX/meta.html"
equals "og:title wins" "$(jfield title)" "OG title wins"
equals "JSON-LD datePublished" "$(jfield date)" "2021-12-01"

run "$TIDINGS" ingest "$FIX/empty.html"
equals "page without article: exit 1" "$RC" 1
contains "page without article: named and explained" "$ERR" "empty.html: no article text in the HTML page"

# A feed saved as .html and a page saved as .txt are read by content.
cp "$FIX/rss.xml" "$T/feed.html"
cp "$FIX/fr_latin1.html" "$T/page.txt"
run "$TIDINGS" ingest --db "$T/detect.db" "$T/feed.html" "$T/page.txt"
contains "detection by content: feed in .html, page in .txt" "$OUT" "3 added"
run "$TIDINGS" export --json --db "$T/detect.db"
contains "page in .txt extracted (no markup)" "$OUT" '"title":"Le budget voté"'

# --------------------------------------------------------------- feeds
run "$TIDINGS" ingest --db "$T/feeds.db" "$FIX/rss.xml" "$FIX/atom.xml"
equals "feeds: one empty item fails (exit 1)" "$RC" 1
contains "feeds: 5 items added" "$OUT" "5 added"
contains "feeds: the empty item is named" "$ERR" "rss.xml#3: feed item has no content"
run "$TIDINGS" export --json --db "$T/feeds.db"
contains "RSS guid is the id" "$OUT" '"id":"harbour-1"'
contains "RSS pubDate (RFC 822) is the date" "$OUT" '"date":"2022-01-07"'
contains "dc:date" "$OUT" '"date":"2022-01-08"'
contains "Atom published beats updated" "$OUT" '"date":"2022-02-01"'
contains "channel title is the source" "$OUT" '"source":"Harbour Weekly"'
contains "Atom link is the url" "$OUT" '"url":"https://valley.example/bridge"'
run "$TIDINGS" ingest --db "$T/feeds.db" "$FIX/rss.xml" "$FIX/atom.xml"
contains "re-ingesting a feed is a no-op" "$OUT" "0 added, 5 already stored"

printf '<?xml version="1.0"?><rss><channel><item><title>x</tit' >"$T/cut.xml"
run "$TIDINGS" ingest --db "$T/bad.db" "$T/cut.xml"
equals "truncated feed: exit 1, no crash" "$RC" 1

# ---------------------------------------------------------------- WARC
python3 "$WEBTOOL" warc "$T/crawl.warc.gz"
python3 "$WEBTOOL" warc "$T/crawl.warc" --plain
for w in crawl.warc.gz crawl.warc; do
    run "$TIDINGS" ingest --db "$T/$w.db" "$T/$w"
    equals "$w: truncated record makes exit 1" "$RC" 1
    contains "$w: 3 HTML responses added, rest skipped" "$OUT" "3 added, 0 already stored, 1 failed"
    contains "$w: truncated record named" "$ERR" "record 9 (http://cut.example/c): truncated WARC record"
    run "$TIDINGS" export --json --db "$T/$w.db"
    contains "$w: target URI is the url" "$OUT" '"url":"http://one.example/a"'
    contains "$w: HTTP charset (cp1251) honoured" "$OUT" '"lang":"ru"'
    contains "$w: chunked response decoded" "$OUT" '"title":"Neue Fähre für den See"'
    contains "$w: WARC-Date as fallback date" "$OUT" '"date":"2022-04-05"'
    lacks "$w: image skipped" "$OUT" "logo.png"
    lacks "$w: redirect skipped" "$OUT" "one.example/old"
done
head -c 300 "$T/crawl.warc.gz" >"$T/cut.warc.gz"
run "$TIDINGS" ingest --db "$T/cut.db" "$T/cut.warc.gz"
equals "cut gzip: exit 1" "$RC" 1
contains "cut gzip: says truncated" "$ERR" "truncated"
printf 'WARC/1.0\r\nWARC-Type: response\r\n\r\nxx' >"$T/nolen.warc"
run "$TIDINGS" ingest --db "$T/cut.db" "$T/nolen.warc"
contains "WARC without Content-Length: explained" "$ERR" "without a valid Content-Length"

# ------------------------------------------------- HTTP on loopback
python3 "$WEBTOOL" serve "$FIX" "$T/port" &
SRV=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$T/port" 2>/dev/null)
B="http://127.0.0.1:$PORT"

run "$TIDINGS" ingest --db "$T/url.db" "$B/page1.html" "$B/fixtures/ru_cp1251.html"
equals "URLs ingest (exit 0)" "$RC" 0
contains "URLs: 2 added" "$OUT" "2 added"
run "$TIDINGS" export --json --db "$T/url.db"
contains "URL page keeps its URL" "$OUT" "\"url\":\"$B/page1.html\""
lacks "URL page: comments dropped" "$OUT" "COMMENTMARKER"

run "$TIDINGS" ingest --db "$T/url2.db" "$B/feed.xml"
contains "feed URL: summary-only items fetched from their links" "$OUT" "2 added"
run "$TIDINGS" search --db "$T/url2.db" lighthouse
run "$TIDINGS" export --json --db "$T/url2.db"
contains "fetched item has the feed guid as id" "$OUT" '"id":"loop-1"'
contains "fetched item has the page's language" "$OUT" '"lang":"de"'

run "$TIDINGS" ingest --db "$T/url3.db" "$B/fail" "$B/loop" "$B/nothing" "$B/fixtures/crawl.warc.gz"
equals "failing URLs: exit 1" "$RC" 1
contains "HTTP 500 named" "$ERR" "$B/fail: HTTP 500"
contains "redirect loop bounded" "$ERR" "$B/loop: more than 5 redirects"
contains "404 named" "$ERR" "$B/nothing: HTTP 404"
run "$TIDINGS" ingest --db "$T/url3.db" "$B/redirect"
contains "redirect followed to the feed" "$OUT" "2 added"

# ------------------------------------------------------------ watch
printf '# feeds\n%s\n\n%s\n%s\n%s\nnot-a-url\n' "$B/feed.xml" "$B/fail" "$B/slow" "$B/big" >"$T/feeds.txt"
run "$TIDINGS" watch --once --timeout 1 --max-bytes 100000 --db "$T/watch.db" "$T/feeds.txt"
equals "watch --once with failing feeds: exit 1" "$RC" 1
contains "watch: good feed ingested" "$OUT" "$B/feed.xml: fetched, 2 added"
contains "watch: bad line named" "$ERR" "feeds.txt:7: not an http(s) URL"
contains "watch: HTTP 500 named, with back-off" "$ERR" "$B/fail: HTTP 500 (retry in"
contains "watch: slow feed times out" "$ERR" "$B/slow: timed out after 1 s"
contains "watch: oversized feed capped" "$ERR" "$B/big: response larger than 100000 bytes"

printf '%s\n' "$B/feed.xml" >"$T/one.txt"
run "$TIDINGS" watch --once --json --db "$T/watch.db" "$T/one.txt"
contains "watch --json line" "$OUT" '"feed":'
# Conditional GET: a long-running watch polls every second; the second poll
# sends If-None-Match and gets 304. SIGTERM stops it cleanly.
"$TIDINGS" watch --interval 1 --db "$T/watch2.db" "$T/one.txt" >"$T/w.out" 2>"$T/w.err" &
W=$!
sleep 3
kill -TERM "$W"
wait "$W"; WRC=$?
equals "watch stops on SIGTERM with exit 0" "$WRC" 0
contains "watch: conditional GET answered 304" "$(cat "$T/w.out")" "not modified"
run "$TIDINGS" export --json --db "$T/watch2.db"
contains "watch: what it fetched is stored" "$OUT" '"id":"loop-1"'

run "$TIDINGS" watch --interval 0 "$T/one.txt"
equals "watch --interval 0 is a usage error" "$RC" 2
run "$TIDINGS" watch "$T/missing.txt"
equals "watch without a feed list file: exit 2" "$RC" 2

finish
