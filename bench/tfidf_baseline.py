#!/usr/bin/python3
"""tfidf_baseline.py -- the story-clustering baseline of `make bench`.

The textbook single-pass clusterer, with Debian's python3-sklearn: TF-IDF
vectors (word unigrams, sublinear tf, l2-normalised) fitted on the whole
input, then every article in file order joins the most cosine-similar
cluster leader above a threshold or leads a new cluster. It knows nothing of
languages, entities or dates; it is what tidings must beat on speed and
quality.

usage: tfidf_baseline.py FILE.jsonl [--gold] [--threshold T]
Prints one line: articles, seconds, clusters (and B-cubed P/R/F1 with --gold,
which reads each line's "story" label).
"""
import json
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def bcubed(pred, gold):
    by_p, by_g = {}, {}
    for i, (p, g) in enumerate(zip(pred, gold)):
        by_p.setdefault(p, set()).add(i)
        by_g.setdefault(g, set()).add(i)
    prec = rec = 0.0
    for i, (p, g) in enumerate(zip(pred, gold)):
        both = len(by_p[p] & by_g[g])
        prec += both / len(by_p[p])
        rec += both / len(by_g[g])
    n = len(pred)
    prec, rec = prec / n, rec / n
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    path = args[0]
    gold_mode = "--gold" in args
    threshold = 0.3
    if "--threshold" in args:
        threshold = float(args[args.index("--threshold") + 1])
    texts, gold = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                o = json.loads(line)
            except ValueError:
                continue
            texts.append((o.get("title") or "") + "\n" + (o.get("text") or ""))
            gold.append(o.get("story"))
    t0 = time.process_time()
    x = TfidfVectorizer(sublinear_tf=True, min_df=1).fit_transform(texts)
    leaders = []  # row indices of cluster leaders
    lead_mat = None
    assign = []
    for i in range(x.shape[0]):
        row = x[i]
        best, best_sim = -1, threshold
        if leaders:
            sims = (lead_mat @ row.T).toarray().ravel()
            k = int(np.argmax(sims))
            if sims[k] >= best_sim:
                best, best_sim = k, sims[k]
        if best < 0:
            leaders.append(i)
            lead_mat = x[leaders]
            best = len(leaders) - 1
        assign.append(best)
    secs = time.process_time() - t0
    out = {"articles": len(texts), "cpu_seconds": round(secs, 3),
           "clusters": len(leaders)}
    if gold_mode:
        p, r, f1 = bcubed(assign, gold)
        out.update({"bcubed_precision": round(p, 4),
                    "bcubed_recall": round(r, 4), "bcubed_f1": round(f1, 4)})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
