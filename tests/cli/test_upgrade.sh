#!/bin/sh
# A database made by schema 1 (tests/fixtures/schema1/) is upgraded in
# place on first open and reads back exactly as before.
. "$(dirname "$0")/lib.sh"
FIX="$(cd "$(dirname "$0")/../fixtures/schema1" && pwd)"
DB="$T/old.db"
cp "$FIX/schema1.db" "$DB"

equals "the fixture is schema 1" "$(sqlite3 "$DB" 'PRAGMA user_version')" 1
run "$TIDINGS" export --json --db "$DB"
equals "export of an upgraded database exits 0" "$RC" 0
# fields added since (author, canonical_url) are empty for old articles
printf '%s\n' "$OUT" | python3 -c 'import json, sys
for line in sys.stdin:
    o = json.loads(line)
    assert o.pop("author") is None and o.pop("canonical_url") is None
    print(json.dumps(o, ensure_ascii=False, separators=(",", ":")))' >"$T/export"
python3 -c 'import json, sys
for line in sys.stdin:
    print(json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")))' <"$FIX/schema1.export" >"$T/export.old"
check "export equals schema 1's" cmp -s "$T/export" "$T/export.old"
equals "upgraded to schema 5 (user_version)" "$(sqlite3 "$DB" 'PRAGMA user_version')" 5
equals "schema version in meta" \
    "$(sqlite3 "$DB" "SELECT value FROM meta WHERE key = 'schema'")" 5
# Schema 5's story summaries are built from the stored articles.
SUMMARY_DIFF="SELECT count(*) FROM (
  SELECT id, articles, sources, languages, first_date, last_date, title FROM stories
  EXCEPT SELECT a.story, count(*), sum(a.duplicate_of IS NULL AND a.translation_of IS NULL),
    group_concat(DISTINCT a.lang), min(a.date), max(a.date),
    (SELECT t.title FROM articles t WHERE t.story = a.story AND t.title IS NOT NULL ORDER BY t.seq LIMIT 1)
  FROM articles a WHERE a.story IS NOT NULL GROUP BY a.story)"
equals "a summary row per story" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM stories')" \
    "$(sqlite3 "$DB" 'SELECT count(DISTINCT story) FROM articles WHERE story IS NOT NULL')"
equals "story summaries equal the articles' grouping" "$(sqlite3 "$DB" "$SUMMARY_DIFF")" 0
equals "a language summary per story and language" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM story_langs')" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT DISTINCT story, coalesce(lang, '') FROM articles WHERE story IS NOT NULL)")"
equals "the search index keeps no copy of the texts" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_master WHERE name = 'article_fts_content'")" 0
equals "every article still indexed" "$(sqlite3 "$DB" 'SELECT count(*) FROM article_fts')" 6
equals "feature vectors re-encoded (format byte 2)" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM article_features WHERE hex(substr(features, 1, 1)) = '02'")" 6

# The index reads back as one built today from the same articles (the
# output format may change between versions; the data may not).
"$TIDINGS" ingest --db "$T/fresh.db" "$FIX/articles.jsonl" >/dev/null
for db in "$DB" "$T/fresh.db"; do
    for q in tram Fahrgäste Keller шахматный sequía; do
        "$TIDINGS" search --db "$db" --json "$q" | python3 -c 'import json, sys
print([(h["id"], h["title"], h["lang"]) for h in json.load(sys.stdin)["hits"]])'
    done >"$db.search"
done
check "searches equal a fresh store's (titles, bodies and analysed terms)" \
    cmp -s "$DB.search" "$T/fresh.db.search"
# Stories: the upgraded store lists the stories its articles belong to.
"$TIDINGS" stories --db "$DB" --json --limit 100 >"$T/stories"
check "stories are those of the stored assignments" python3 -c 'import json, sys, collections
want = collections.Counter(json.loads(l)["story"] for l in open(sys.argv[1]) if l.strip())
doc = json.load(open(sys.argv[2]))
rows = doc["stories"] if isinstance(doc, dict) else doc
got = {r["id"]: r["articles"] for r in rows}
sys.exit(0 if got == dict(want) else 1)' "$FIX/schema1.export" "$T/stories"
run "$TIDINGS" story 1 --db "$DB" --json
contains "story 1 keeps its explanations" "$OUT" '"how"'

run "$TIDINGS" ingest --db "$DB" "$FIX/articles.jsonl"
contains "re-ingesting into the upgraded database is a no-op" "$OUT" "0 added, 6 already stored"
printf '{"id":"up-1","date":"2025-09-03","text":"Der internationale Schachturnier in Kasan hat begonnen: 120 Spieler aus 30 Ländern nehmen teil, der Preisfonds beträgt 500.000 Rubel."}\n' >"$T/new.jsonl"
run "$TIDINGS" ingest --db "$DB" "$T/new.jsonl"
contains "a new article goes into the upgraded database" "$OUT" "1 added"
equals "upgraded database passes the integrity check" \
    "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
run "$TIDINGS" search --db "$DB" --json Schachturnier
contains "the new article is searchable" "$OUT" '"id":"up-1"'
equals "story summaries follow the new article" "$(sqlite3 "$DB" "$SUMMARY_DIFF")" 0

# A second open changes nothing more.
cp "$DB" "$T/again.db"
"$TIDINGS" export --json --db "$DB" >/dev/null
check "a second open leaves the upgraded database alone" \
    sh -c 'test "$(sqlite3 "$1" "SELECT count(*) FROM article_features")" = "$(sqlite3 "$2" "SELECT count(*) FROM article_features")"' sh "$DB" "$T/again.db"

# A database from a newer tidings is refused, untouched.
cp "$FIX/schema1.db" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
sum1=$(cksum <"$T/newer.db")
run "$TIDINGS" export --json --db "$T/newer.db"
equals "a newer schema is refused (exit 2)" "$RC" 2
contains "and says so" "$ERR" "newer tidings"
equals "the newer database is left untouched" "$(cksum <"$T/newer.db")" "$sum1"
finish
