#!/usr/bin/env python3
"""Latency of the analyst's endpoints at scale (issue 17: < 20 ms).

usage: bench_workspace.py TIDINGS DB [ROUNDS]

Serves DB (`tidings serve --port 0`) and times, one request at a time, the
story list (top, breaking), one story, an entity, and a search, each URL
made distinct per round (offset, hl, limit) so that the server's 2-second
reply cache never answers; /api/health, the cheapest endpoint, is timed in
the same run as the baseline. Prints median, p90 and max in milliseconds.
Build a 100,000-article store with bench/workspace_corpus.py.
"""
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.error
import urllib.request


def main():
    tidings, db = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    p = subprocess.Popen([tidings, "serve", "--db", db, "--port", "0"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        m = re.search(r"(http://\S+?)/? ", p.stdout.readline())
        base = m.group(1).rstrip("/")
        get = lambda path: urllib.request.urlopen(base + path, timeout=60).read()
        stories = json.loads(get("/api/stories?limit=%d&sort=size" % rounds))["stories"]
        ents = [x["name"] for x in json.loads(get("/api/entities?limit=%d" % rounds))["entities"]]
        ents = (ents * (rounds + 2))[:rounds + 2]
        hls = ["en", "de", "fr", "es", "it", "ru", "pt", "ja", "zh", "ar"]
        # Every URL distinct, so that the 2-second reply cache never answers.
        cases = {
            "health (baseline)": lambda i: "/api/health",
            "stories (default)": lambda i: "/api/stories?limit=%d" % (20 + i),
            "stories top, hl": lambda i: "/api/stories?sort=top&limit=%d&hl=%s" % (20 + i, hls[i % 10]),
            "stories breaking": lambda i: "/api/stories?sort=breaking&limit=%d" % (20 + i),
            "story": lambda i: "/api/stories/%d" % stories[i % len(stories)]["id"],
            "entity": lambda i: "/api/entities/" + urllib.parse.quote(ents[i]),
            "search": lambda i: "/api/search?q=%s&offset=%d" % (urllib.parse.quote(ents[i]), i),
        }
        print("store: %s; %d stories timed, the largest of %d articles; %d entities" %
              (db, len(stories), stories[0]["articles"], len(set(ents))))
        for name, url in cases.items():
            lat = []
            try:
                get(url(rounds + 1))
            except urllib.error.HTTPError as e:
                # an older tidings without this endpoint or order
                print("%-18s not offered by this binary (%d)" % (name, e.code))
                continue
            for i in range(rounds):
                t0 = time.perf_counter()
                get(url(i))
                lat.append((time.perf_counter() - t0) * 1000)
            lat.sort()
            print("%-18s median %7.1f ms  p90 %7.1f ms  max %7.1f ms  (%d requests)" %
                  (name, statistics.median(lat), lat[int(0.9 * (len(lat) - 1))], lat[-1], len(lat)))
    finally:
        p.terminate()
        p.wait(timeout=10)


if __name__ == "__main__":
    main()
