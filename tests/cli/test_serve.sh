#!/bin/sh
# tidings serve: every endpoint and every error case over HTTP on a free
# loopback port, over the seeds and the dev set, with an ingest running in
# another process while the server answers.
. "$(dirname "$0")/lib.sh"

SEEDS="$SHARED/seeds"
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
DEV="$SHARED/data/dev/articles.jsonl"

# get PATH [CURL-ARGS...]: GET $URL$PATH; $CODE gets the status, $BODY the
# body, $CTYPE the content type. curl when installed, else python3.
get() {
    p=$1; shift
    if command -v curl >/dev/null 2>&1; then
        CODE=$(curl -s --path-as-is -o "$T/.body" -w '%{http_code} %{content_type}' \
            "$@" "$URL$p" 2>/dev/null)
        CTYPE=${CODE#* }; CODE=${CODE%% *}
    else
        CODE=$(python3 - "$URL$p" "$T/.body" "$@" <<'PY'
import sys, urllib.request, urllib.error
url, out, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
req = urllib.request.Request(url)
i = 0
while i < len(extra):
    if extra[i] == '-H': k, v = extra[i+1].split(':', 1); req.add_header(k, v.strip()); i += 2
    elif extra[i] == '-X': req.method = extra[i+1]; i += 2
    else: i += 1
try:
    r = urllib.request.urlopen(req, timeout=20); code, body, ct = r.status, r.read(), r.headers.get('Content-Type', '')
except urllib.error.HTTPError as e:
    code, body, ct = e.code, e.read(), e.headers.get('Content-Type', '')
open(out, 'wb').write(body)
print(code, ct)
PY
)
        CTYPE=${CODE#* }; CODE=${CODE%% *}
    fi
    BODY=$(cat "$T/.body" 2>/dev/null)
}

# expect NAME CODE PATH [CURL-ARGS...]
expect() {
    n=$1; want=$2; p=$3; shift 3
    get "$p" "$@"
    if [ "$CODE" = "$want" ]; then pass "$n"; else
        fail "$n" "GET $p: expected $want, got $CODE: $(printf '%s' "$BODY" | head -c 300)"; fi
}

# jq-like: jget EXPR prints a Python expression over the JSON body j.
jget() {
    printf '%s' "$BODY" | python3 -c 'import json,sys
j = json.load(sys.stdin)
v = eval(sys.argv[1])
print(v if isinstance(v, str) else json.dumps(v))' "$1" 2>/dev/null
}

# start_server DB [ARGS...]: starts tidings serve on port 0, sets URL, SPID.
start_server() {
    db=$1; shift
    : >"$T/serve.out"
    "$TIDINGS" serve --db "$db" --port 0 "$@" >"$T/serve.out" 2>"$T/serve.err" &
    SPID=$!
    URL=""
    i=0
    while [ $i -lt 300 ]; do
        URL=$(sed -n 's/^tidings: serving \(http:[^ ]*\) .*/\1/p' "$T/serve.out")
        [ -n "$URL" ] && break
        kill -0 "$SPID" 2>/dev/null || break
        sleep 0.1; i=$((i + 1))
    done
    URL=${URL%/}
    [ -n "$URL" ]
}

stop_server() {
    kill -TERM "$SPID" 2>/dev/null
    wait "$SPID"; SRC=$?
}

# ------------------------------------------------------------ options
run "$TIDINGS" serve --help
equals "serve --help exits 0" "$RC" 0
contains "serve --help names the endpoints" "$OUT" "/api/stories"
run "$TIDINGS" serve --port 70000
equals "serve --port 70000 is a usage error" "$RC" 2
contains "bad --port says why" "$ERR" "--port"
run "$TIDINGS" serve --db "$T/x.db" --port 0 --bind nowhere
equals "serve --bind nowhere is a usage error" "$RC" 2
contains "bad --bind says why" "$ERR" "--bind"
printf 'not a database at all, just some text that is long enough\n%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 >"$T/junk.db"
run "$TIDINGS" serve --db "$T/junk.db" --port 0
equals "serve on a file that is not a database fails" "$RC" 2

# ---------------------------------------------------------- the seeds
"$TIDINGS" ingest --db "$T/seeds.db" "$SEEDS"/*.txt >/dev/null 2>&1
if start_server "$T/seeds.db"; then pass "serve prints its URL (port 0)"; else
    fail "serve prints its URL (port 0)" "$(cat "$T/serve.err")"; fi
case "$URL" in http://127.0.0.1:*) pass "bound to 127.0.0.1 by default" ;;
    *) fail "bound to 127.0.0.1 by default" "$URL" ;; esac

expect "health 200" 200 /api/health
equals "health counts the seed articles" "$(jget 'j["articles"]')" 5
equals "health gives the version" "$(jget 'j["version"]')" "$("$TIDINGS" --version | sed 's/tidings //')"
contains "health has an ingest rate" "$BODY" '"per_minute"'
contains "API answers JSON" "$CTYPE" "application/json"

expect "stories 200" 200 /api/stories
SID=$(jget 'j["stories"][0]["id"]')
[ -n "$SID" ] && pass "stories lists a story" || fail "stories lists a story" "$BODY"
for q in "sort=latest" "sort=size" "sort=growth" "lang=und" "since=2022" \
         "until=2023-12-31" "q=Kazakhstan" "entity=Tokaev" "limit=1&offset=1" \
         "since=2022-01&until=2022-01-31&sort=size"; do
    expect "stories?$q 200" 200 "/api/stories?$q"
done
get "/api/stories?limit=1"
equals "limit=1 gives one story" "$(jget 'len(j["stories"])')" 1
get "/api/stories?entity=Tokaev"
T1=$(jget 'j["total"]')
[ "${T1:-0}" -ge 1 ] && pass "entity filter finds Tokaev's story" || fail "entity filter finds Tokaev's story" "$BODY"
get "/api/stories?entity=Zzyzxqwerty"
equals "unknown entity filter gives no stories" "$(jget 'j["total"]')" 0

expect "one story 200" 200 "/api/stories/$SID"
for k in by_language timeline entities sources_list first_date languages; do
    contains "story has $k" "$BODY" "\"$k\""
done
contains "story articles say why they joined" "$BODY" '"why"'
AID=$(jget 'j["by_language"][0]["articles"][0]["id"]')
expect "one article 200" 200 "/api/articles/$AID"
contains "article has its text" "$BODY" '"text"'
equals "article's story" "$(jget 'j["story"]')" "$SID"

expect "entities 200" 200 /api/entities
contains "entities lists names" "$BODY" '"name"'
expect "entities?q=Tokaev 200" 200 "/api/entities?q=Tokaev"
contains "entity search resolves a variant" "$BODY" "Tokayev"
expect "entity by a variant 200" 200 "/api/entities/Tokazhev"
for k in variants stories related articles; do contains "entity has $k" "$BODY" "\"$k\""; done
expect "entity with a space in its name" 200 "/api/entities/Kassym-Jomart%20Tokayev"

expect "search 200" 200 "/api/search?q=Kazakhstan"
[ "$(jget 'len(j["hits"])')" -ge 1 ] 2>/dev/null && pass "search finds hits" || fail "search finds hits" "$BODY"
contains "search hits carry snippets" "$BODY" '"snippet"'
expect "search with filters 200" 200 "/api/search?q=Nazarbayev&lang=und&since=2020&until=2030-01-01&limit=5"
expect "search with entity filter 200" 200 "/api/search?q=Kazakhstan&entity=Lukashenko"
expect "search phrase 200" 200 "/api/search?q=%22telephone%20conversation%22"

# ------------------------------------------------------------ errors
for q in "sort=bogus" "limit=0" "limit=abc" "limit=100000" "offset=-1" "since=2022-13" \
         "since=yesterday" "until=2022-1" "lang=english" "bogus=1" "q=" "entity="; do
    expect "stories?$q is 400" 400 "/api/stories?$q"
    contains "stories?$q says why" "$BODY" '"error"'
done
# Language codes are case-insensitive (issue 17): EN is en.
expect "stories?lang=EN is 200" 200 "/api/stories?lang=EN"
contains "stories?lang=EN finds the English story" "$BODY" '"total":1'
expect "search without q is 400" 400 /api/search
expect "search with empty q is 400" 400 "/api/search?q="
expect "search with a bad date is 400" 400 "/api/search?q=a&since=never"
get "/api/search?q=%22Kazakhstan"
case "$CODE" in 200|400) pass "search with an unbalanced quote answers ($CODE)" ;;
    *) fail "search with an unbalanced quote answers" "$CODE $BODY" ;; esac
expect "a control byte in q is 400" 400 "/api/search?q=a%01b"
expect "an encoded NUL in q is 400" 400 "/api/search?q=a%00b"
expect "story id not a number is 400" 400 /api/stories/abc
expect "story id 0 is 400" 400 /api/stories/0
expect "story id negative is 400" 400 /api/stories/-3
expect "unknown story is 404" 404 /api/stories/999999
contains "404 is JSON" "$BODY" '"error"'
expect "unknown article is 404" 404 /api/articles/no-such-article
expect "unknown entity is 404" 404 /api/entities/Zzyzxqwerty
expect "unknown endpoint is 404" 404 /api/nothing
expect "unknown file is 404" 404 /nothing.html
expect "POST is 405" 405 /api/stories -X POST -d 'a=1'
expect "PUT is 405" 405 /api/health -X PUT
expect "DELETE is 405" 405 /index.html -X DELETE
for p in "/../etc/passwd" "/%2e%2e/%2e%2e/etc/passwd" "/..%2f..%2fetc%2fpasswd" \
         "/%252e%252e/etc/passwd" "/web/../../etc/passwd" "/.git/config" "/app.js%00.html"; do
    get "$p"
    case "$CODE" in 400|404) pass "traversal $p refused ($CODE)" ;;
        *) fail "traversal $p refused" "got $CODE" ;; esac
    lacks "traversal $p leaks nothing" "$BODY" "root:"
done

# ------------------------------------------- hardening (issue 15)
# Invalid UTF-8 in a path or a parameter is a 400 with a JSON reason (it
# was 500 "out of memory").
for p in "/api/articles/%ff%fe" "/api/entities/%ff" "/api/stories?lang=%ff" \
         "/api/search?q=ok&entity=%ff" "/api/entities/%c0%af" "/api/search?q=%ed%a0%80"; do
    expect "invalid UTF-8 $p is 400" 400 "$p"
    contains "invalid UTF-8 $p says so in JSON" "$BODY" '"error":"'
done
expect "a 23-digit story id is 400, not a clamped 404" 400 /api/stories/12345678901234567890123
contains "... naming the story id" "$BODY" "a story id is a positive number, got '12345678901234567890123'"
expect "story id 2^63 is 400" 400 /api/stories/9223372036854775808
expect "story id 2^63-1 is a number (404)" 404 /api/stories/9223372036854775807
for p in "/api/stories/+5" "/api/stories/%205" "/api/stories/0x5" "/api/stories/1e3"; do
    expect "story id $p is 400" 400 "$p"
done
# Every numeric parameter: past its range, out of any integer's range,
# signed, spaced, fractional: 400 naming the parameter.
for q in "api/stories?limit=12345678901234567890123" "api/stories?offset=12345678901234567890123" \
         "api/stories?limit=-12345678901234567890123" "api/stories?limit=%2B5" "api/stories?limit=%205" \
         "api/stories?limit=1.5" "api/stories/1?limit=12345678901234567890123" \
         "api/stories/1?offset=12345678901234567890123" "api/entities?limit=12345678901234567890123" \
         "api/search?q=a&limit=12345678901234567890123" "api/search?q=a&offset=12345678901234567890123" \
         "feeds/stories.atom?limit=12345678901234567890123" "feeds/stories.atom?limit=%2B5" \
         "feeds/stories.atom?limit=%205" "feeds/search.atom?q=a&limit=12345678901234567890123"; do
    expect "$q is 400" 400 "/$q"
    name=${q##*[?&]}; name=${name%%=*}
    contains "$q names $name" "$BODY" "\"error\":\"$name wants a number"
done
# Dates are checked against the calendar: no 30th of February.
for q in "since=2022-02-30" "until=2023-02-29" "since=2022-04-31"; do
    expect "stories?$q is 400" 400 "/api/stories?$q"
    contains "stories?$q names the parameter" "$BODY" "\"error\":\"${q%%=*} wants a date"
done
expect "a leap day is a date" 200 "/api/stories?since=2024-02-29"
expect "search: no 30th of February either" 400 "/api/search?q=a&until=2022-02-30"
# An article id is the input's own string, digits or not: 23 digits is an
# id like any other (404 naming it whole when unknown, not a number).
expect "an unknown 23-digit article id is 404" 404 /api/articles/12345678901234567890123
contains "... naming it whole, not clamped" "$BODY" "no article with id 12345678901234567890123\""
get "/api/articles/$AID"
lacks "an article shows no server folder" "$BODY" "$SEEDS"
lacks "an article shows no absolute path" "$BODY" '"input":"/'
contains "an article still names its input file" "$BODY" "\"input\":\"$AID"
expect "HTTP/1.1 without Host is 400" 400 /api/health -H "Host:"
contains "no Host says why" "$BODY" "Host"
expect "HTTP/1.0 without Host is fine" 200 /api/health --http1.0 -H "Host:"
expect "an over-long URL is 414" 414 "/api/stories?q=$(head -c 9000 /dev/zero | tr '\0' a)"
contains "414 is JSON" "$CTYPE" "application/json"
expect "an over-large head is 431" 431 /api/health -H "X-Big: $(head -c 30000 /dev/zero | tr '\0' a)"
contains "431 is JSON" "$CTYPE" "application/json"
# The limits are 8 KiB of URL (query included) and 16 KiB of header lines,
# whatever MHD's own memory per connection.
expect "a 12 KB header is within the limit" 200 /api/health -H "X-Big: $(head -c 12000 /dev/zero | tr '\0' a)"
expect "a 17 KB header is 431" 431 /api/health -H "X-Big: $(head -c 17000 /dev/zero | tr '\0' a)"
for len in 8300 20000 31000; do
    expect "a URL of $len bytes in its query is 414" 414 "/api/stories?q=$(head -c $len /dev/zero | tr '\0' a)"
    contains "... as JSON ($len)" "$BODY" '{"error":"the URL is too long"}'
done
printf 'GET /api/health HTTP/1.2\r\nHost: x\r\n\r\n' >"$T/h12"
RAW=$(python3 "$TESTS_DIR/rawhttp.py" send "${URL#http://}" "$T/h12")
contains "an unknown HTTP/1.x version is 505" "$RAW" "505"
contains "505 is JSON" "$RAW" '{"error":'
# Requests libmicrohttpd refuses itself, before the handler: its replies
# are replaced by JSON ones (server.c, "MHD's own error replies"), each
# one whole reply (0.9.75 sends the head twice for a bad Content-Length).
# raw_case NAME FILE STATUS TEXT
raw_case() {
    RAW=$(python3 "$TESTS_DIR/rawhttp.py" send "${URL#http://}" "$2")
    case "$RAW" in "HTTP/1.1 $3 "*) pass "$1 is $3" ;;
        *) fail "$1 is $3" "$(printf '%s' "$RAW" | head -c 300)" ;; esac
    contains "$1: JSON" "$RAW" "Content-Type: application/json"
    contains "$1: says why" "$RAW" "{\"error\":\"$4"
    lacks "$1: no HTML" "$RAW" "<html>"
    equals "$1: one reply" "$(printf '%s' "$RAW" | grep -c '^HTTP/1')" 1
}
printf 'GET /api/health\r\n\r\n' >"$T/r1"
raw_case "a request line without a version" "$T/r1" 400 "malformed request line"
printf 'GET /api/health HTTX/1.1\r\nHost: x\r\n\r\n' >"$T/r2"
raw_case "a request line with a bad protocol" "$T/r2" 400 "malformed request line"
printf 'GET /api/health HTTP/2.0\r\nHost: x\r\n\r\n' >"$T/r3"
raw_case "HTTP/2.0 in a request line" "$T/r3" 505 "only HTTP/1.0 and HTTP/1.1"
printf 'GET /api/health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n' >"$T/r4"
raw_case "a header line without a colon" "$T/r4" 400 "malformed request head"
printf 'GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n' >"$T/r5"
raw_case "a Content-Length that is no number" "$T/r5" 400 "malformed request head"
{ printf 'GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: '; head -c 200000 /dev/zero | tr '\0' a
  printf '\r\n\r\n'; } >"$T/r6"
raw_case "a 200 KB head (past MHD's own memory)" "$T/r6" 431 "the request head is too large"
{ printf 'GET /'; head -c 200000 /dev/zero | tr '\0' a; printf ' HTTP/1.1\r\nHost: x\r\n\r\n'; } >"$T/r7"
raw_case "a 200 KB URL (past MHD's own memory)" "$T/r7" 414 "the URL is too long"
# A request line of one word: MHD closes on it without any reply or
# callback; the server answers it from what MHD reads (server.c, "What
# MHD reads"): at the start of a connection, after empty lines, sent a
# byte at a time, and after an answered request on a kept connection.
printf 'HELLO\r\n\r\n' >"$T/r8"
raw_case "a one-word request line" "$T/r8" 400 "malformed request line"
printf 'GET\r\n\r\n' >"$T/r9"
raw_case "a request line of just GET" "$T/r9" 400 "malformed request line"
printf '\r\n\r\nGET\n' >"$T/r10"
raw_case "a one-word line after empty lines, LF only" "$T/r10" 400 "malformed request line"
RAW=$(python3 "$TESTS_DIR/rawhttp.py" bytes "${URL#http://}" "$T/r8" 0.05)
contains "a one-word line sent a byte at a time is 400" "$RAW" "HTTP/1.1 400 "
contains "... with a JSON reason" "$RAW" '{"error":"malformed request line'
printf 'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n' >"$T/ok1"
RAW=$(python3 "$TESTS_DIR/rawhttp.py" seq "${URL#http://}" "$T/ok1" "$T/ok1" "$T/r8")
equals "kept connection: 200, 200, then 400 for the one-word line" \
    "$(printf '%s\n' "$RAW" | sed -n 's/^HTTP\/1.1 \([0-9]*\) .*/\1/p' | tr '\n' ' ')" "200 200 400 "
# Pipelined behind an unanswered request, a reply to it now would overtake
# the 200: it is left to MHD (closed silently), never answered first.
cat "$T/ok1" "$T/r8" >"$T/pipe"
RAW=$(python3 "$TESTS_DIR/rawhttp.py" upto-close "${URL#http://}" "$T/pipe")
equals "pipelined one-word line: the 200 comes first" \
    "$(printf '%s\n' "$RAW" | sed -n '1s/^HTTP\/1.1 \([0-9]*\) .*/\1/p')" "200"
# A line that has its space is still MHD's to judge (and not answered
# twice): a header line without a colon after it is one 400.
printf 'GET /api/health HTTP/1.1\r\nHost: x\r\nGET\r\n\r\n' >"$T/r11"
raw_case "a one-word header line" "$T/r11" 400 "malformed request head"
expect "the server still answers after all that" 200 /api/health
curl -s -D "$T/gzh" -o "$T/gz.bin" -H 'Accept-Encoding: gzip' "$URL/app.js"
contains "gzip when the client accepts it" "$(cat "$T/gzh")" "Content-Encoding: gzip"
equals "the gzipped reply is the file" "$(gzip -dc "$T/gz.bin" | cksum)" "$(curl -s "$URL/app.js" | cksum)"
curl -s -D "$T/gzh" -o /dev/null "$URL/app.js"
lacks "no gzip when not asked" "$(cat "$T/gzh")" "Content-Encoding"
curl -s -D "$T/gzh" -o /dev/null -H 'Accept-Encoding: gzip;q=0' "$URL/app.js"
lacks "no gzip when q=0" "$(cat "$T/gzh")" "Content-Encoding"
# 100 idle connections from one address no longer lock it out (the cap
# was 64), and a request head trickled a byte at a time is cut at 10 s
# while other clients are served.
RAW=$(python3 "$TESTS_DIR/rawhttp.py" idle "${URL#http://}" 100)
equals "100 idle connections: a new client is still served" "$RAW" "200"
RAW=$(python3 "$TESTS_DIR/rawhttp.py" trickle "${URL#http://}" 0.4 20)
contains "a trickled head is cut by the deadline" "$RAW" "408 after"
secs=$(printf '%s' "$RAW" | sed -n 's/.*408 after \([0-9]*\).*/\1/p')
[ "${secs:-99}" -ge 9 ] && [ "${secs:-99}" -le 13 ] && pass "the head deadline is 10 s, whatever the trickle ($secs s)" || fail "the head deadline is 10 s" "$RAW"
contains "others are served during the trickle" "$RAW" "others 200"

# --------------------------------------------------------- the page
expect "page 200" 200 /
contains "page is HTML" "$CTYPE" "text/html"
contains "page loads app.js" "$BODY" "/app.js"
expect "app.js 200" 200 /app.js
contains "app.js is JavaScript" "$CTYPE" "text/javascript"
expect "style.css 200" 200 /style.css
contains "style.css is CSS" "$CTYPE" "text/css"
lacks "page uses no CDN" "$(cat "$T/.body")" "http"
get / -I
equals "HEAD / 200" "$CODE" 200

# ---------------------------------------------- many clients at once
i=0
while [ $i -lt 24 ]; do
    curl -s -o /dev/null -w '%{http_code}\n' "$URL/api/stories?sort=size" >>"$T/par" &
    i=$((i + 1))
done
wait_n=0
while [ "$(wc -l <"$T/par")" -lt 24 ] && [ $wait_n -lt 200 ]; do sleep 0.1; wait_n=$((wait_n + 1)); done
equals "24 concurrent requests all 200" "$(sort -u "$T/par" | tr -d '\n')" 200

stop_server
equals "serve stops cleanly on SIGTERM" "$SRC" 0
[ "$SRC" = 0 ] || tail -n 40 "$T/serve.err"
contains "serve says it stops" "$(cat "$T/serve.err")" "stopping"

# --------------------------------- per-address cap, access log, warning
if start_server "$T/seeds.db" --max-per-address 3 --log "$T/access.log"; then
    RAW=$(python3 "$TESTS_DIR/rawhttp.py" cap "${URL#http://}" 4)
    contains "past the per-address cap: 503" "$RAW" "503 Service Unavailable"
    contains "the cap's 503 says Retry-After" "$RAW" "Retry-After: 1"
    contains "the cap's 503 is JSON" "$RAW" '{"error":"too many connections'
    expect "within the cap: served" 200 /api/health
    expect "a 404 for the log" 404 "/api/nothing"
    printf 'GET /api/health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n' >"$T/r4"
    python3 "$TESTS_DIR/rawhttp.py" send "${URL#http://}" "$T/r4" >/dev/null
    python3 "$TESTS_DIR/rawhttp.py" send "${URL#http://}" "$T/r8" >/dev/null
    stop_server
    LOG=$(cat "$T/access.log" 2>/dev/null)
    contains "--log writes common log format" "$LOG" '127.0.0.1 - - ['
    contains "--log has the request line and status" "$LOG" '"GET /api/health HTTP/1.1" 200 '
    contains "--log has the 404" "$LOG" '"GET /api/nothing HTTP/1.1" 404 '
    contains "--log has MHD's own refusals" "$LOG" '"- /api/health -" 400 '
    contains "--log has the one-word line's 400" "$LOG" '"- - -" 400 '
else
    fail "serve --max-per-address --log starts" "$(cat "$T/serve.err")"
fi
if start_server "$T/seeds.db" --max-connections 4; then
    RAW=$(python3 "$TESTS_DIR/rawhttp.py" cap "${URL#http://}" 6)
    contains "overload: 503, not a dropped connection" "$RAW" "503 Service Unavailable"
    contains "overload: the 503 says so in JSON" "$RAW" '{"error":"the server is overloaded'
    contains "overload: Retry-After" "$RAW" "Retry-After: 1"
    expect "after the overload: served again" 200 /api/health
    stop_server
else
    fail "serve --max-connections starts" "$(cat "$T/serve.err")"
fi
# A stored article whose id is 23 digits is served by that id.
printf '{"id":"12345678901234567890123","lang":"en","title":"Ferries stop in a storm","text":"The harbour office stopped every ferry on Tuesday as the storm reached the coast. Crews tied the boats up and the ticket hall closed early."}\n' >"$T/numid.jsonl"
"$TIDINGS" ingest --db "$T/numid.db" "$T/numid.jsonl" >/dev/null 2>&1
if start_server "$T/numid.db"; then
    expect "a stored 23-digit article id is 200" 200 /api/articles/12345678901234567890123
    equals "... and is that article" "$(jget 'j["id"]')" 12345678901234567890123
    stop_server
else
    fail "serve on the numeric-id store starts" "$(cat "$T/serve.err")"
fi
run "$TIDINGS" serve --db "$T/seeds.db" --port 0 --bind 192.0.2.1
contains "binding beyond loopback without a token warns" "$ERR" "warning: binding 192.0.2.1"
run "$TIDINGS" serve --db "$T/seeds.db" --port 0 --bind 192.0.2.1 --token x
lacks "no warning with a token" "$ERR" "warning"
run "$TIDINGS" serve --db "$T/seeds.db" --port 0 --log "$T/no/such/dir/log"
equals "an unwritable --log is a usage error" "$RC" 2

# ------------------------------------------------------------- token
if start_server "$T/seeds.db" --token s3cret; then
    expect "no token is 401" 401 /api/health
    contains "401 is JSON" "$BODY" '"error"'
    expect "wrong token is 401" 401 /api/health -H "Authorization: Bearer wrong"
    expect "token prefix is 401" 401 /api/health -H "Authorization: Bearer s3cre"
    expect "right token is 200" 200 /api/health -H "Authorization: Bearer s3cret"
    expect "page needs no token" 200 /
    stop_server
else
    fail "serve --token starts" "$(cat "$T/serve.err")"
fi
if TIDINGS_TOKEN=envtok start_server "$T/seeds.db"; then
    expect "TIDINGS_TOKEN: no token is 401" 401 /api/stories
    expect "TIDINGS_TOKEN: right token is 200" 200 /api/stories -H "Authorization: Bearer envtok"
    stop_server
else
    fail "serve with TIDINGS_TOKEN starts" "$(cat "$T/serve.err")"
fi

# ------------------------------------- the dev set, ingested while serving
python3 - "$DEV" "$T" <<'PY'
import sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines(True)
n = 6
for i in range(n):
    open(f"{sys.argv[2]}/part{i}.jsonl", 'w', encoding='utf-8').writelines(lines[i::n])
PY
if start_server "$T/dev.db"; then
    (for i in 0 1 2 3 4 5; do
        "$TIDINGS" ingest --db "$T/dev.db" "$T/part$i.jsonl" >>"$T/ingest.out" 2>&1
        sleep 0.3
     done; echo done >"$T/ingest.done") &
    IPID=$!
    bad=0; n=0
    while [ ! -f "$T/ingest.done" ] && [ $n -lt 600 ]; do
        for p in /api/health "/api/stories?sort=growth" "/api/search?q=election"; do
            get "$p"; n=$((n + 1))
            [ "$CODE" = 200 ] || { bad=$((bad + 1)); echo "    during ingest: $p -> $CODE $BODY"; }
        done
    done
    wait "$IPID"
    [ $n -gt 3 ] && pass "requests answered during ingest ($n)" || fail "requests answered during ingest" "$n"
    equals "no failed request during ingest" "$bad" 0
    lacks "ingest never failed on a locked database" "$(cat "$T/ingest.out")" "locked"
    get /api/health
    equals "health sees every dev article" "$(jget 'j["articles"]')" "$(wc -l <"$DEV" | tr -d ' ')"
    expect "dev stories by size" 200 "/api/stories?sort=size&limit=5"
    BIG=$(jget 'j["stories"][0]["id"]')
    expect "dev biggest story" 200 "/api/stories/$BIG"
    [ "$(jget 'len(j["timeline"])')" -ge 1 ] 2>/dev/null && pass "dev story has a timeline" || fail "dev story has a timeline" "$(printf '%s' "$BODY" | head -c 300)"
    [ "$(jget 'sum(len(g["articles"]) for g in j["by_language"])')" -ge 1 ] 2>/dev/null && pass "dev story groups articles by language" || fail "dev story groups articles by language"
    expect "dev search" 200 "/api/search?q=Tokayev&limit=50"
    [ "$(jget 'len(j["hits"])')" -ge 1 ] 2>/dev/null && pass "dev search finds Tokayev" || fail "dev search finds Tokayev" "$BODY"
    expect "dev search paged" 200 "/api/search?q=Tokayev&limit=2&offset=2"
    expect "dev entity" 200 "/api/entities/Tokayev"
    expect "dev entities" 200 "/api/entities?limit=10"
    equals "dev entities limit" "$(jget 'len(j["entities"]) <= 10')" "true"
    expect "dev stories by language" 200 "/api/stories?lang=en&since=2022-11"
    stop_server
    equals "serve stops cleanly after the dev set" "$SRC" 0
else
    fail "serve starts on an empty database" "$(cat "$T/serve.err")"
fi

finish
