#!/usr/bin/env python3
"""Writes N articles (JSON Lines) made from the dev sets for
bench/bench_workspace.sh: each copy gets fresh ids and its dates shifted
by a whole number of weeks, so every article is stored and the stories
spread over news time.

usage: workspace_corpus.py SHARED N > corpus.jsonl
"""
import datetime
import json
import sys


def shift(date, weeks):
    if not date:
        return date
    try:
        if len(date) == 10:
            d = datetime.date.fromisoformat(date) + datetime.timedelta(weeks=weeks)
            return d.isoformat()
        if len(date) == 7:
            y, m = int(date[:4]), int(date[5:7])
            m += weeks // 4
            y += (m - 1) // 12
            m = (m - 1) % 12 + 1
            return "%04d-%02d" % (y, m)
    except ValueError:
        pass
    return date


def main():
    shared, n = sys.argv[1], int(sys.argv[2])
    base = []
    for s in ("dev", "dev2"):
        with open("%s/data/%s/articles.jsonl" % (shared, s), encoding="utf-8") as f:
            base += [json.loads(l) for l in f if l.strip()]
    out = sys.stdout
    for i in range(n):
        a = dict(base[i % len(base)])
        copy = i // len(base)
        a.pop("story", None)
        a["id"] = "w%d-%s" % (copy, a.get("id", i))
        a["date"] = shift(a.get("date"), copy)
        out.write(json.dumps(a, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
