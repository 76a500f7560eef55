#!/usr/bin/env python3
"""HTTP checks of the analyst's workspace, second part (issue 17), for
test_workspace.sh: search filters (author, outlet, site), the headline
language from Accept-Language, follows edited over the API, the country
and entity facets, rising entities.

usage: workspace_edit_http.py TIDINGS DB
DB holds tests/fixtures/workspace/pier.jsonl, ferry.jsonl and rising.jsonl
(news time's now is then 2025-06-10: a dockers' strike in Gdansk named
in 4 articles of the last 2 days, fishing quota talks in Oslo named in 3
articles of the 6 days before and 1 since). Starts
`tidings serve` twice on it (with a token, which allows writes, and
without one) and prints "ok - NAME" / "not ok - NAME" lines.
"""
import json
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

TOKEN = "s3cret-token"


def check(name, cond, detail=""):
    print(("ok - " if cond else "not ok - ") + name)
    if not cond and detail:
        print("    " + str(detail)[:400])


def call(base, path, method="GET", headers=None, data=None, token=TOKEN):
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    req = urllib.request.Request(base + path, method=method, headers=h, data=data)
    try:
        r = urllib.request.urlopen(req, timeout=20)
        body = r.read()
        return r.status, body
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def js(body):
    try:
        return json.loads(body)
    except ValueError:
        return {}


def start(tidings, db, token):
    cmd = [tidings, "serve", "--db", db, "--port", "0"]
    if token:
        cmd += ["--token", token]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    m = re.search(r"(http://[^ ]+?)/? ", line)
    return p, (m.group(1).rstrip("/") if m else None), line


def ids_of(body):
    return sorted(h["id"] for h in js(body).get("hits", []))


def search_filters(base):
    q = urllib.parse.quote
    code, body = call(base, "/api/search?q=ferry&author=roe")
    check("search author=: a part of the byline", code == 200 and ids_of(body) == ["p3"], body)
    code, body = call(base, "/api/search?q=" + q('ferry author:"Jane Roe"'))
    check("search author:\"...\" in q", code == 200 and ids_of(body) == ["p3"], body)
    code, body = call(base, "/api/search?q=ferry&outlet=" + q("HARBOUR NEWS"))
    check("search outlet=: the source, case ignored", code == 200 and ids_of(body) == ["p1"], body)
    code, body = call(base, "/api/search?q=ferry&site=coastdaily.example")
    check("search site=: the domain and its subdomains, no look-alike",
          code == 200 and ids_of(body) == ["p2", "p3"], body)
    code, body = call(base, "/api/search?q=ferry&site=coastdaily.example&author=roe")
    check("search filters combine", code == 200 and js(body).get("total") == 1, body)
    for bad in ("site=" + q("a b"), "site=" + q("%.example"), "author=", "outlet=" + "x" * 600):
        code, body = call(base, "/api/search?q=ferry&" + bad)
        check("search %s is 400" % bad[:20], code == 400 and b"error" in body, (code, body))


def accept_language(base):
    def hl(path, header):
        code, body = call(base, path, headers={"Accept-Language": header} if header else {})
        j = js(body)
        return code, j.get("hl"), j.get("hl_from"), j
    code, lang, src, j = hl("/api/stories?entity=Voronkov", "ru-RU,ru;q=0.9,en;q=0.8")
    top = (j.get("stories") or [{}])[0]
    check("Accept-Language: the story list's headlines in Russian",
          code == 200 and lang == "ru" and src == "accept-language"
          and top.get("headline_lang") == "ru", j)
    check("Accept-Language: language names in Russian",
          j.get("language_names", {}).get("en") == "английский", j.get("language_names"))
    code, lang, src, j = hl("/api/stories?entity=Voronkov", None)
    check("no Accept-Language: English (the same URL is not served from the Russian reply)",
          lang == "en" and src == "default"
          and j["stories"][0]["headline_lang"] == "en", (lang, src))
    for header, want in (("en;q=0.5, ru;q=0.9", "ru"),       # the highest q, not the first
                         ("ru;q=0, de;q=0.3", "de"),          # q=0 means not wanted
                         ("*, fr;q=0.4", "fr"),               # "*" is no language
                         ("ru;q=1.5, de;q=0.2", "de"),        # a malformed q-value is skipped
                         ("it-CH ; q = 0.8 , en;q=0.7", "it"),  # spaces around ; and =
                         ("x-klingon, i-navajo", "en"),       # private and grandfathered ranges
                         ("zh-Hant-TW", "zh"),
                         ("de;q=0.50, fr;q=0.5", "de")):      # ties keep the first
        code, lang, src, j = hl("/api/stories?limit=1", header)
        check("Accept-Language %r gives %s" % (header, want), code == 200 and lang == want, (lang, src))
    code, lang, src, j = hl("/api/stories?limit=1&hl=de", "ru")
    check("hl= wins over Accept-Language", lang == "de" and src == "hl", (lang, src))
    code, _, _, j = hl("/api/stories?entity=Voronkov", "ru")
    sid = j["stories"][0]["id"]
    code, lang, src, j = hl("/api/stories/%d" % sid, "ru;q=0.8")
    check("Accept-Language on one story",
          code == 200 and lang == "ru" and "Маяк" in j.get("headline", ""), j.get("headline"))
    code, body = call(base, "/api/stories/%d?hl=xx1" % sid)
    check("story: a bad hl is 400", code == 400, body)


def follows(base, base_ro):
    q = urllib.parse.quote
    code, body = call(base, "/api/follows")
    j = js(body)
    check("follows: an empty list, writable with a token",
          code == 200 and j.get("follows") == [] and j.get("writable") is True, body)
    code, body = call(base, "/api/follows?q=" + q("ferry site:coastdaily.example"), method="POST")
    j = js(body)
    check("follows: POST saves one (201)", code == 201 and j.get("id") == 1
          and j.get("query") == "ferry site:coastdaily.example" and j.get("new") == 0, body)
    code, body = call(base, "/api/follows?q=Voronkov", method="POST")
    check("follows: a second one", code == 201 and js(body).get("id") == 2, body)
    code, body = call(base, "/api/follows?q=" + q("lang:"), method="POST")
    check("follows: a query that cannot match is 400", code == 400 and b"lang:" in body, body)
    code, body = call(base, "/api/follows", method="POST")
    check("follows: POST without q is 400", code == 400, body)
    code, body = call(base, "/api/follows?q=x&colour=red", method="POST")
    check("follows: an unknown parameter is 400", code == 400, body)
    code, body = call(base, "/api/follows")
    j = js(body)
    check("follows: listed with what is new for each",
          [(f["id"], f["new"]) for f in j.get("follows", [])] == [(1, 0), (2, 0)], body)
    code, body = call(base, "/api/follows/2")
    check("follows: one, with its new articles", code == 200 and js(body).get("hits") == [], body)
    code, body = call(base, "/api/follows/1", method="DELETE")
    check("follows: DELETE removes it", code == 200 and js(body).get("removed") == 1, body)
    code, body = call(base, "/api/follows/1", method="DELETE")
    check("follows: DELETE of a missing one is 404", code == 404, body)
    code, body = call(base, "/api/follows/one", method="DELETE")
    check("follows: DELETE of a non-number is 400", code == 400, body)
    code, body = call(base, "/api/follows")
    check("follows: the list after DELETE",
          [f["id"] for f in js(body).get("follows", [])] == [2], body)
    code, body = call(base, "/api/follows", method="PUT")
    check("follows: PUT is 405", code == 405, body)
    code, body = call(base, "/api/stories", method="POST")
    check("POST elsewhere is 405", code == 405, body)
    code, body = call(base, "/api/follows?q=x", method="POST", data=b"q=ferry")
    check("follows: a POST with a body is refused, not read", code in (400, 413), (code, body))
    code, body = call(base, "/api/follows?q=x", method="POST", token="wrong")
    check("follows: a wrong token is 401", code == 401, body)
    code, body = call(base_ro, "/api/follows?q=ferry", method="POST", token=None)
    check("follows: no writes on a server without a token (403)",
          code == 403 and b"--token" in body, body)
    code, body = call(base_ro, "/api/follows", token=None)
    j = js(body)
    check("follows: read on a server without a token, not writable",
          code == 200 and j.get("writable") is False and [f["id"] for f in j["follows"]] == [2], body)


def facets(base):
    code, body = call(base, "/api/stories?facets=countries,entities&hl=de")
    j = js(body)
    cs = {f["country"]: (f["name"], f["stories"]) for f in j.get("facets", {}).get("countries", [])}
    check("facets: countries of the places the stories name, named in hl",
          code == 200 and cs.get("PL") == ("Polen", 1) and cs.get("NO") == ("Norwegen", 1), cs)
    check("facets: a story naming no place has no country", len(cs) == 2, cs)
    es = {f["name"]: f for f in j.get("facets", {}).get("entities", [])}
    check("facets: entities of the stories with their kinds",
          es.get("Marta Kowalczyk", {}).get("kind") == "person"
          and es.get("Henrik Solberg", {}).get("stories") == 1
          and es.get("Gdansk", {}).get("kind") == "place", list(es))
    check("facets: languages still there", j["facets"].get("languages"), j.get("facets"))
    code, body = call(base, "/api/stories?country=pl")
    j = js(body)
    check("country=pl: the Gdansk story alone, case ignored",
          code == 200 and j.get("total") == 1 and "Gdansk" in j["stories"][0]["headline"], body)
    code, body = call(base, "/api/stories?country=PL,no&facets=countries")
    j = js(body)
    check("country=PL,no: either country", code == 200 and j.get("total") == 2, body)
    code, body = call(base, "/api/stories?country=PL&lang=de")
    check("country and lang combine (nothing)", code == 200 and js(body).get("total") == 0, body)
    code, body = call(base, "/api/stories?country=KZ")
    check("country=KZ: nothing, not everything", code == 200 and js(body).get("total") == 0, body)
    for bad in ("country=POL", "country=p1", "country=pl,", "facets=countries,colours"):
        code, body = call(base, "/api/stories?" + bad)
        check("stories %s is 400" % bad, code == 400 and b"error" in body, (code, body))


def rising(base):
    code, body = call(base, "/api/entities?sort=rising")
    j = js(body)
    names = [x["name"] for x in j.get("entities", [])]
    check("rising: news time's now", code == 200 and j.get("now") == "2025-06-10", body)
    check("rising: the strike's people and places rise",
          {"Marta Kowalczyk", "Gdansk", "Poland"} <= set(names), names)
    check("rising: steady news does not (Solberg, Oslo: 3 before, 1 now)",
          "Henrik Solberg" not in names and "Oslo" not in names, names)
    mk = [x for x in j.get("entities", []) if x["name"] == "Marta Kowalczyk"]
    check("rising: the counts behind it",
          mk and mk[0]["recent_articles"] == 4 and mk[0]["earlier_articles"] == 0, mk)
    code, body = call(base, "/api/entities?sort=rising&limit=1")
    check("rising: limit", code == 200 and len(js(body).get("entities", [])) == 1, body)
    for bad in ("sort=hot", "sort=rising&q=Gdansk", "sort=rising&limit=0"):
        code, body = call(base, "/api/entities?" + bad)
        check("entities %s is 400" % bad, code == 400, (code, body))


def main():
    tidings, db = sys.argv[1], sys.argv[2]
    p, base, line = start(tidings, db, TOKEN)
    p2, base_ro, line2 = start(tidings, db, None)
    try:
        check("servers start", base is not None and base_ro is not None, line + line2)
        if not base or not base_ro:
            return
        search_filters(base)
        accept_language(base)
        follows(base, base_ro)
        facets(base)
        rising(base)
    finally:
        for x in (p, p2):
            x.terminate()
            x.wait(timeout=10)


if __name__ == "__main__":
    main()
