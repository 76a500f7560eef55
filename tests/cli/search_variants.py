#!/usr/bin/env python3
"""Search reach over gold entity variants (issue 17's target).

For every entity in a gold entities.json and every variant of it, runs
`tidings search --json VARIANT` on a store holding the set's articles and
measures which share of the entity's gold articles the hits reach. Prints
the mean and the worst reach, and the share of (entity, variant) queries
reaching >= 90 %; exits 1 when that share is below --min (default 0).

usage: search_variants.py TIDINGS DB ENTITIES.json [--min F]
"""
import json
import subprocess
import sys


def main():
    args = sys.argv[1:]
    want = 0.0
    if "--min" in args:
        i = args.index("--min")
        want = float(args[i + 1])
        del args[i:i + 2]
    tidings, db, path = args
    gold = json.load(open(path, encoding="utf-8"))["entities"]
    reaches = []
    worst = []
    for ent in gold:
        ids = set(ent["ids"])
        for v in ent["variants"]:
            out = subprocess.run(
                [tidings, "search", "--db", db, "--json", "--limit", "1000",
                 '"%s"' % v], capture_output=True, text=True)
            if out.returncode != 0:
                hits = set()
            else:
                hits = {h["id"] for h in json.loads(out.stdout)["hits"]}
            r = len(ids & hits) / len(ids)
            reaches.append(r)
            worst.append((r, ent["canonical"], v))
    ok = sum(1 for r in reaches if r >= 0.9) / len(reaches)
    worst.sort()
    print("queries %d  mean reach %.3f  reaching >= 90%%: %.3f"
          % (len(reaches), sum(reaches) / len(reaches), ok))
    for r, c, v in worst[:8]:
        print("  %.2f  %s <- %s" % (r, c, v))
    return 0 if ok >= want else 1


if __name__ == "__main__":
    sys.exit(main())
