#!/usr/bin/python3
"""extract_dev.py -- main-text extraction on real pages, side by side.

  /usr/bin/python3 bench/extract_dev.py BENCH_EXTRACT [--pages N]

Runs, on the html-dev pages (../shared/data/html-dev: real pages with "with"
and "without" segment annotations), tidings' extractor (BENCH_EXTRACT --dump,
in process), Debian's readability-lxml (python3-readability) and Mozilla
Readability.js over linkedom (npm, installed by `make bench-extract` into
build/bench-node). Each is scored as ../shared/tools/score_html.py scores:
segment precision, recall and F1 summed over pages. Speed is CPU seconds of
extraction alone (reading files excluded), as pages/s and MB of HTML/s, on
one core. --pages N takes every k-th page so that N are run (a quick run).
"""
import gzip, json, os, re, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, "..", "..", "shared", "data", "html-dev")
binary = sys.argv[1]
limit = int(sys.argv[sys.argv.index("--pages") + 1]) if "--pages" in sys.argv else 0
ann = json.load(open(os.path.join(corpus, "annotations.json"), encoding="utf-8"))
items = sorted(ann.items())
if limit and limit < len(items):
    step = len(items) / limit
    items = [items[int(i * step)] for i in range(limit)]
norm = lambda t: re.sub(r"\s+", " ", t).strip()


def score(outputs):
    tp = fp = fn = 0
    for url, it in items:
        t = norm(outputs.get(it["file"], ""))
        a = sum(norm(w) in t for w in it["with"])
        tp, fp, fn = tp + a, fp + sum(norm(w) in t for w in it["without"]), fn + len(it["with"]) - a
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def run_lines(cmd, paths, env=None):
    r = subprocess.run(cmd, input="\n".join(paths) + "\n", capture_output=True,
                       text=True, env=env)
    if r.returncode != 0:
        sys.stderr.write(r.stderr[-2000:])
        return None
    out = {}
    secs = 0.0
    for line in r.stdout.split("\n"):
        if line:
            j = json.loads(line)
            out[os.path.basename(j["file"]) + ".gz"] = j.get("text") or ""
            secs += j.get("seconds") or 0.0
    return out, secs


def readability_lxml(paths):
    try:
        from readability import Document
        import lxml.html
    except ImportError:
        return None
    out, secs = {}, 0.0
    for p in paths:
        html = open(p, "rb").read()
        t0 = time.process_time()
        try:
            summary = Document(html).summary(html_partial=True)
            text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
        except Exception:
            text = ""
        secs += time.process_time() - t0
        out[os.path.basename(p) + ".gz"] = text
    return out, secs


with tempfile.TemporaryDirectory() as tmp:
    paths, size = [], 0
    for url, it in items:
        p = os.path.join(tmp, it["file"][:-3])
        data = gzip.open(os.path.join(corpus, "pages", it["file"])).read()
        open(p, "wb").write(data)
        paths.append(p)
        size += len(data)
    runs = [("tidings", run_lines([binary, "--dump"], paths))]
    runs.append(("readability-lxml", readability_lxml(paths)))
    node_dir = os.environ.get("BENCH_NODE", "")
    js = None
    if node_dir and os.path.isdir(os.path.join(node_dir, "node_modules", "@mozilla")):
        env = dict(os.environ, BENCH_NODE=os.path.abspath(node_dir))
        js = run_lines(["node", os.path.join(here, "extract_readability.mjs")], paths, env)
    runs.append(("Readability.js", js))

print(f"html-dev: {len(items)} pages, {size / 1e6:.1f} MB of HTML")
print(f"{'extractor':<18} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>9} {'MB/s':>7}")
base = {}
for name, res in runs:
    if res is None:
        print(f"{name:<18} not run (missing: see bench/extract_dev.py)")
        continue
    out, secs = res
    p, r, f = score(out)
    pps, mbs = len(items) / max(secs, 1e-9), size / 1e6 / max(secs, 1e-9)
    base[name] = (f, pps)
    print(f"{name:<18} {p:6.3f} {r:6.3f} {f:6.3f} {pps:9.1f} {mbs:7.1f}")
if "tidings" in base:
    for name in ("readability-lxml", "Readability.js"):
        if name in base:
            f, pps = base["tidings"]
            print(f"tidings / {name}: F1 {f / max(base[name][0], 1e-9):.2f}x, "
                  f"speed {pps / max(base[name][1], 1e-9):.1f}x")
