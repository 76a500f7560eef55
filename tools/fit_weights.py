#!/usr/bin/python3
"""Fits the story model (src/story/evidence.h) on labelled article/story pairs.

  tools/fit_weights.py [--train A.jsonl] [--validate B.jsonl] [--out data/weights.c]
                       [--thresholds-only]

Runs `build/tidings eval` on each gold file in date, shuffled and reverse order with
TIDINGS_FIT_TRACE set, so the engine writes down every article/story comparison it makes
(the evidence vector) and every decision. Replaying the decisions tells, for each
comparison, whether the story's articles (by majority) are of the article's gold story:
the label. A logistic regression (Debian's python3-sklearn) is fitted on the pairs of the
training set and scored on the other set, and the other way round; the final weights come
from both sets together. The join and merge probabilities are then chosen by B-cubed F1 on
the training set (the engine is rebuilt for each) and checked on the other; a setting under
which the seeds (../shared/seeds) do not make their two stories in every order is refused.
Writes data/weights.c with the data, command and validation figures as provenance.
Outside the engine: never linked into it.
"""
import argparse, collections, json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TD = os.path.join(ROOT, "build", "tidings")
ORDERS = ["date", "shuffle:1", "shuffle:2", "reverse"]
TOP = 3  # candidates kept per article


def names():
    src = open(os.path.join(ROOT, "src/story/evidence.h")).read()
    body = src[src.index("enum {"):src.index("TD__X_N\n")]
    return [n.lower() for n in re.findall(r"TD__X_([A-Z_]+)", body)]


def gold_of(path):
    g = {}
    for line in open(path, encoding="utf-8"):
        if line.strip():
            o = json.loads(line)
            g[o["id"]] = o["story"]
    return g


def current_model():
    """The intercept and weights data/weights.c holds now."""
    src = open(os.path.join(ROOT, "data/weights.c")).read()
    b = float(re.search(r"\.intercept = ([-0-9.e+]+)", src).group(1))
    w = [float(v) for v in re.search(r"\.w = \{([^}]*)\}", src).group(1).split(",")]
    return b, w


class kept_model:
    """The weights data/weights.c holds, shaped as write() takes a fit."""
    def __init__(self):
        b, w = current_model()
        self.intercept_, self.coef_ = [b], [w]


def kept_provenance():
    """The lines data/weights.c gives for how its weights were fitted."""
    src = open(os.path.join(ROOT, "data/weights.c")).read()
    head = src[src.index("do not edit.\n"):src.index(" * weights:")].splitlines()[2:]
    lines = [l[3:] for l in head if l.startswith(" * ") and " chosen by " not in l]
    return "\n".join(lines)


def logit(model, x):
    b, w = model
    return b + sum(a * c for a, c in zip(w, x))


def pairs(path, order, top=TOP):
    """(X, y) of the comparisons the engine made on path in order: for each
    article, the top stories by the current model (the decision is between
    those; the easy rest would drown them)."""
    gold = gold_of(path)
    with tempfile.NamedTemporaryFile("r", suffix=".trace", delete=False) as t:
        trace = t.name
    env = dict(os.environ, TIDINGS_FIT_TRACE=trace)
    subprocess.run([TD, "eval", "--gold", path, "--order", order], env=env,
                   capture_output=True, check=False)
    ids, members, X, y = {}, collections.defaultdict(collections.Counter), [], []
    model, pending, where = current_model(), {}, {}
    for line in open(trace):
        p = line.split()
        if p[0] == "N":
            ids[int(p[1])] = p[2]
        elif p[0] == "P":
            seq, story = int(p[1]), int(p[2])
            m = members[story]
            if not m:
                continue
            major = m.most_common(1)[0][0]
            x = [float(v) for v in p[3:]]
            pending.setdefault(seq, []).append((logit(model, x), x, int(gold.get(ids.get(seq)) == major)))
        elif p[0] == "A":
            seq, story = int(p[1]), int(p[2])
            g = gold.get(ids.get(seq))
            if seq in where:  # a revisit moved it
                members[where[seq]][g] -= 1
            members[story][g] += 1
            where[seq] = story
        elif p[0] == "M":
            keep, gone = int(p[1]), int(p[2])
            members[keep].update(members.pop(gone, {}))
            for q, st in where.items():
                if st == gone:
                    where[q] = keep
    os.unlink(trace)
    for seq, cands in pending.items():
        for _, x, label in sorted(cands, key=lambda c: -c[0])[:top]:
            X.append(x)
            y.append(label)
    return X, y


def collect(path):
    X, y = [], []
    for o in ORDERS:
        a, b = pairs(path, o)
        X += a
        y += b
    return X, y


def fit(X, y):
    from sklearn.linear_model import LogisticRegression
    m = LogisticRegression(C=1.0, max_iter=5000)
    m.fit(X, y)
    return m


def score(m, X, y):
    from sklearn.metrics import log_loss, roc_auc_score
    p = m.predict_proba(X)[:, 1]
    acc = sum((q >= 0.5) == bool(t) for q, t in zip(p, y)) / len(y)
    return {"pairs": len(y), "auc": roc_auc_score(y, p), "logloss": log_loss(y, p), "accuracy": acc}


def write(out, m, t, provenance, feat):
    """t: the thresholds, join_p merge_p story_p min_content max_gap_days."""
    w = ", ".join(f"{v:.6g}" for v in m.coef_[0])
    comments = "\n".join(f" *   {n:16s} {v:+.4f}" for n, v in zip(feat, m.coef_[0]))
    prov = provenance.replace('"', "'")
    with open(out, "w") as f:
        f.write(f"""/* Generated by tools/fit_weights.py -- do not edit.
 *
{chr(10).join(' * ' + l for l in provenance.splitlines())}
 *
 * weights:
{comments}
 */
#include "story/evidence.h"

const td__evidence_model td__story_model = {{
    .intercept = {m.intercept_[0]:.6g},
    .w = {{{w}}},
    .join_p = {t['join_p']:.3f},
    .merge_p = {t['merge_p']:.3f},
    .story_p = {t['story_p']:.3f},
    .min_content = {t['min_content']:.3f},
    .max_gap_days = {int(t['max_gap_days'])},
    .provenance = "{prov.splitlines()[0]}",
}};
""")


def bcubed(path, order="date"):
    r = subprocess.run([TD, "eval", "--gold", path, "--json", "--order", order],
                       capture_output=True, text=True)
    return json.loads(r.stdout)["bcubed"]["f1"]


SWEEP_ORDERS = ["date", "shuffle:1", "reverse"]


def mean_bcubed(path):
    """B-cubed F1 averaged over arrival orders: the thresholds must hold
    whatever order the news comes in, not only in date order."""
    return sum(bcubed(path, o) for o in SWEEP_ORDERS) / len(SWEEP_ORDERS)


SEEDS = os.path.join(ROOT, "../shared/seeds")


def seeds_ok():
    """The seeds the SPEC names make {000, 001, 002, 004} and {003} in file
    order, reversed and each rotation: a setting that breaks them is refused
    whatever it scores (a sweep once chose one that joined 003 to the rest)."""
    files = sorted(os.path.join(SEEDS, f) for f in os.listdir(SEEDS) if f.endswith(".txt"))
    want = sorted([sorted(f[:3] for f in ("000", "001", "002", "004")), ["003"]])
    orders = [files[::-1]] + [files[i:] + files[:i] for i in range(len(files))]
    for fs in orders:
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "seeds.db")
            for f in fs:  # one call each: the order is the arrival order
                subprocess.run([TD, "ingest", "--db", db, f], check=True,
                               capture_output=True)
            out = subprocess.run([TD, "export", "--json", "--db", db],
                                 capture_output=True, text=True, check=True).stdout
        groups = collections.defaultdict(list)
        for line in out.splitlines():
            o = json.loads(line)
            groups[o["story"]].append(o["id"][:3])
        if sorted(sorted(g) for g in groups.values()) != want:
            return False
    return True


def build():
    subprocess.run(["make", "-C", ROOT, "-s", "build/tidings"], check=True,
                   stdout=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default=os.path.join(ROOT, "../shared/data/dev2/articles.jsonl"))
    ap.add_argument("--validate", default=os.path.join(ROOT, "../shared/data/dev/articles.jsonl"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data/weights.c"))
    ap.add_argument("--thresholds-only", action="store_true",
                    help="keep the weights data/weights.c holds; sweep the thresholds "
                         "(after an engine change that moves decisions but not the evidence)")
    a = ap.parse_args()
    feat = names()
    build()
    if a.thresholds_only:
        m, fitted = kept_model(), kept_provenance()
    else:
        Xa, ya = collect(a.train)
        Xb, yb = collect(a.validate)
        ma, mb = fit(Xa, ya), fit(Xb, yb)
        va, vb = score(ma, Xb, yb), score(mb, Xa, ya)
        m = fit(Xa + Xb, ya + yb)
        print("train A -> validate B:", va)
        print("train B -> validate A:", vb)
        fitted = (f"fitted on {os.path.relpath(a.train, ROOT)} + {os.path.relpath(a.validate, ROOT)} "
                  f"in orders {','.join(ORDERS)} ({len(ya) + len(yb)} pairs) by tools/fit_weights.py\n"
                  f"cross-validation, A={os.path.relpath(a.train, ROOT)} B={os.path.relpath(a.validate, ROOT)}:\n"
                  f"  fitted on A, on B: AUC {va['auc']:.3f} log-loss {va['logloss']:.3f} accuracy {va['accuracy']:.3f}\n"
                  f"  fitted on B, on A: AUC {vb['auc']:.3f} log-loss {vb['logloss']:.3f} accuracy {vb['accuracy']:.3f}")
    # Thresholds, one at a time over a grid, each kept where the training
    # set's mean B-cubed F1 over orders is best (the engine is rebuilt for
    # each); the validation set's figure is printed beside it.
    t = {"join_p": 0.1, "merge_p": 0.95, "story_p": 0.5, "min_content": 0.3,
         "max_gap_days": 120}
    grids = {"join_p": [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5],
             "min_content": [0, 0.3, 0.6, 1.0, 1.5],
             "story_p": [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 2.0],
             "max_gap_days": [21, 31, 45, 60, 90, 120, 180],
             "merge_p": [0.8, 0.9, 0.95, 0.99]}
    best = None
    for key, grid in grids.items():
        best = None
        for v in grid:
            t2 = dict(t, **{key: v})
            write(a.out, m, t2, "sweep", feat)
            build()
            fa, fb = mean_bcubed(a.train), mean_bcubed(a.validate)
            ok = seeds_ok()
            print(f"{key} {v}: mean B-cubed F1 over orders: train {fa:.3f} validate {fb:.3f}"
                  f"{'' if ok else ' (refused: the seeds do not make their two stories)'}")
            # among ties, the value nearest the one the sweep started
            # from: a change must earn its place
            near = lambda u: abs(grid.index(u) - grid.index(t[key])) if t[key] in grid else 0
            if ok and (best is None or fa > best[1] + 1e-9 or
                       (fa > best[1] - 1e-9 and near(v) < near(best[0]))):
                best = (v, fa, fb)
        if best is None:
            sys.exit(f"fit_weights: no {key} in {grid} keeps the seeds' two stories")
        t[key] = best[0]
    chosen = " ".join(f"{k} {v}" for k, v in t.items())
    prov = (f"{fitted}\n"
            f"{chosen} chosen by mean B-cubed F1 over orders {','.join(SWEEP_ORDERS)} on A ({best[1]:.3f}); on B {best[2]:.3f}"
            f"{' (thresholds swept again over the weights above)' if a.thresholds_only else ''}")
    write(a.out, m, t, prov, feat)
    build()
    print(prov)


if __name__ == "__main__":
    main()
