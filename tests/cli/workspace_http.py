#!/usr/bin/env python3
"""HTTP checks of the analyst's workspace (issue 17) for test_workspace.sh.

usage: workspace_http.py TIDINGS DB
Starts `tidings serve --port 0` on DB (the fixtures of
tests/fixtures/workspace), checks the ranked story list, paged search,
story headlines and the Atom feeds, and prints "ok - NAME" or
"not ok - NAME" lines for the shell to count.
"""
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def check(name, cond, detail=""):
    print(("ok - " if cond else "not ok - ") + name)
    if not cond and detail:
        print("    " + str(detail)[:400])


def get(base, path):
    try:
        r = urllib.request.urlopen(base + path, timeout=20)
        return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def atom_valid(body):
    """The RFC 4287 rules a feed reader relies on: one id, title and
    updated per feed and entry, an author for the feed, RFC 3339 times,
    unique entry ids, links with href."""
    try:
        feed = ET.fromstring(body)
    except ET.ParseError as e:
        return "not XML: %s" % e
    if feed.tag != ATOM + "feed":
        return "root is %s" % feed.tag
    for el, what in [(feed, "feed")] + [(e, "entry") for e in feed.findall(ATOM + "entry")]:
        for k in ("id", "title", "updated"):
            found = el.findall(ATOM + k)
            if len(found) != 1 or not (found[0].text or "").strip():
                return "%s needs exactly one %s" % (what, k)
        if not RFC3339.match(el.find(ATOM + "updated").text):
            return "%s updated not RFC 3339: %s" % (what, el.find(ATOM + "updated").text)
        for link in el.findall(ATOM + "link"):
            if not link.get("href"):
                return "link without href"
    if feed.find(ATOM + "author/" + ATOM + "name") is None:
        return "feed has no author"
    ids = [e.find(ATOM + "id").text for e in feed.findall(ATOM + "entry")]
    if len(ids) != len(set(ids)):
        return "duplicate entry ids"
    return None


def main():
    tidings, db = sys.argv[1], sys.argv[2]
    p = subprocess.Popen([tidings, "serve", "--db", db, "--port", "0"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = p.stdout.readline()
        m = re.search(r"(http://[^ ]+?)/? ", line)
        check("server starts", m is not None, line)
        if not m:
            return
        base = m.group(1).rstrip("/")

        code, ctype, body = get(base, "/api/stories?sort=top&limit=2&hl=ru")
        j = json.loads(body)
        check("stories: 200", code == 200, body)
        check("stories: total counts every story", j.get("total") == 3, j.get("total"))
        check("stories: one page of 2", len(j.get("stories", [])) == 2)
        top = j["stories"][0]
        check("stories: the three-source story first", top["sources"] == 3, top)
        check("stories: headline in the reader's language (hl=ru)",
              top["headline_lang"] == "ru" and "Маяк" in top["headline"], top)
        check("stories: language names from CLDR in the reader's language",
              j["language_names"].get("en") == "английский", j["language_names"])
        check("stories: breaking flag with its counts",
              top["breaking"] is True and top["recent_sources"] == 3, top)
        langs = {f["lang"]: f["stories"] for f in j["facets"]["languages"]}
        check("stories: language facet over all stories, not the page",
              langs == {"en": 1, "ru": 1, "zh": 1, "de": 1}, langs)
        check("stories: facet languages named",
              all(f["name"] for f in j["facets"]["languages"]), j["facets"])
        code, _, body = get(base, "/api/stories?facets=outlets&outlet=HARBOUR%20weekly")
        j = json.loads(body)
        check("stories: outlet filter, case ignored", code == 200 and j["total"] == 1
              and j["stories"][0]["sources"] == 3, body)
        outs = {f["outlet"]: f["stories"] for f in j["facets"]["outlets"]}
        check("stories: outlet facet of the matching stories",
              outs == {"Harbour Weekly": 1, "Coast Daily": 1, "Морской вестник": 1}, outs)
        check("stories: a named source is the outlet, not its link's domain",
              "harbour-weekly.example" not in outs, outs)
        code, _, body = get(base, "/api/stories?outlet=nobody.example")
        check("stories: an unknown outlet matches nothing",
              code == 200 and json.loads(body)["total"] == 0, body)
        code, _, body = get(base, "/api/stories?facets=colours")
        check("stories: facets=colours is 400", code == 400, body)
        code, _, body = get(base, "/api/stories?limit=2&offset=2")
        j = json.loads(body)
        check("stories: offset pages on", code == 200 and len(j["stories"]) == 1
              and j["total"] == 3, body)
        code, _, body = get(base, "/api/stories?lang=DE,zh&sort=latest")
        j = json.loads(body)
        check("stories: lang list, case ignored",
              code == 200 and j["total"] == 2
              and [s["last_date"] for s in j["stories"]] == ["2021-03-15", "2021-03-10"], body)
        code, _, body = get(base, "/api/stories?sort=breaking&entity=Voronkov")
        j = json.loads(body)
        check("stories: entity filter with breaking sort",
              code == 200 and j["total"] == 1 and j["stories"][0]["breaking"], body)
        for bad in ("sort=loudest", "lang=e1", "lang=en,", "hl=english", "limit=0"):
            code, _, body = get(base, "/api/stories?" + bad)
            check("stories: %s is 400 with a reason" % bad,
                  code == 400 and b"error" in body, body)

        sid = top["id"]
        code, _, body = get(base, "/api/stories/%d?hl=en" % sid)
        j = json.loads(body)
        check("story: headline in English with hl=en",
              code == 200 and j["headline"] == "Lighthouse on the north pier opens to visitors", body)

        q = urllib.parse.quote("Воронков")
        code, _, body = get(base, "/api/search?q=%s&limit=1&offset=1&sort=date" % q)
        j = json.loads(body)
        check("search: a Cyrillic spelling reaches the Latin ones (total 3)",
              code == 200 and j["total"] == 3, body)
        check("search: paged", len(j["hits"]) == 1 and j["offset"] == 1)
        check("search: expansion shown",
              j["expansions"] and j["expansions"][0]["entity"] == "Aleksandr Voronkov"
              and j["expansions"][0]["forms"] >= 2, j.get("expansions"))
        check("search: hits carry headlines", all(h["headline"] for h in j["hits"]))
        code, _, body = get(base, "/api/search?q=%s" % urllib.parse.quote("灯塔"))
        j = json.loads(body)
        check("search: a Chinese word inside unspaced text",
              code == 200 and j["total"] == 1 and j["hits"][0]["id"] == "pier-zh-1", body)
        code, _, body = get(base, "/api/search?q=lighthouse&lang=EN,ru")
        j = json.loads(body)
        check("search: lang list", code == 200 and j["total"] == 2, body)
        for bad in ("q=x&sort=newest", "q=x&lang=english", "sort=date"):
            code, _, body = get(base, "/api/search?" + bad)
            check("search: %s is 400" % bad, code == 400 and b"error" in body, body)

        for path in ("/feeds/stories.atom", "/feeds/entity/%s.atom" % q,
                     "/feeds/search.atom?q=lighthouse"):
            code, ctype, body = get(base, path)
            check("feed %s: 200 Atom" % path,
                  code == 200 and ctype.startswith("application/atom+xml"), (code, ctype))
            problem = atom_valid(body)
            check("feed %s: valid RFC 4287" % path, problem is None, problem)
        code, _, body = get(base, "/feeds/entity/%s.atom" % q)
        feed = ET.fromstring(body)
        ids = sorted(e.find(ATOM + "id").text for e in feed.findall(ATOM + "entry"))
        check("feed entity: every spelling's articles",
              ids == ["tag:tidings,2026:article:pier-en-1", "tag:tidings,2026:article:pier-en-2",
                      "tag:tidings,2026:article:pier-ru-1"], ids)
        titles = [e.find(ATOM + "title").text for e in feed.findall(ATOM + "entry")]
        check("feed entity: no credit as a title", "Jane Roe/Getty Images" not in titles, titles)
        code, _, body = get(base, "/feeds/search.atom?q=%3Cscript%3E%26")
        check("feed search: markup in the query is escaped",
              code == 200 and b"<script>" not in body and atom_valid(body) is None, body[:300])
        for path, want in (("/feeds/entity/Nobody-At-All.atom", 404), ("/feeds/nothing.atom", 404),
                           ("/feeds/search.atom", 400), ("/feeds/stories.atom?limit=0", 400)):
            code, _, body = get(base, path)
            check("feed %s is %d" % (path, want), code == want and b"error" in body, (code, body))
    finally:
        p.terminate()
        p.wait(timeout=10)


if __name__ == "__main__":
    main()
