#!/usr/bin/python3
"""Builds a gold file with machine translations mixed in, to measure how the
engine finds translations (and keeps them in their original's story).

  tools/make_translations.py GOLD.jsonl OUT.jsonl [--max N]

Every article of GOLD in a language an installed Apertium pair translates
from (Debian's apertium with apertium-eng-spa and apertium-spa-ita;
see mk/story.mk) gets a translation: the same story and
date, the target language, a new id and URL, and the note
"translation-of:URL" that `tidings eval` scores. The originals are kept, so
the file holds each original, its translation and every other article.
Rule-based translation is stiffer than an agency's, but it keeps what a
translation keeps (names, figures, dates, the order of the text) and changes
every word: what the detector must see through. Outside the engine.
"""
import argparse, json, os, subprocess, sys

# source language -> (Apertium mode, target language); one target each, so
# an article is never translated twice
PAIRS = {"en": ("eng-spa", "es"), "es": ("spa-ita", "it"),
         "it": ("ita-spa", "es")}
# (Debian 12's rus-ukr pair is left out: its tagger aborts on ordinary news
# sentences and prints nothing.)


def have(mode):
    return os.path.exists(f"/usr/share/apertium/modes/{mode}.mode")


def translate(mode, text):
    r = subprocess.run(["apertium", "-u", mode], input=text, text=True,
                       capture_output=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError(f"apertium {mode}: {r.stderr.strip()}")
    out = r.stdout.strip()
    if text.strip() and not out:  # a failing stage prints nothing, exit 0
        raise RuntimeError(f"apertium {mode}: no output")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("out")
    ap.add_argument("--max", type=int, default=0,
                    help="at most N translations (0: all)")
    a = ap.parse_args()
    missing = sorted({m for m, _ in PAIRS.values() if not have(m)})
    if missing:
        sys.exit(f"make_translations: Apertium modes missing: {', '.join(missing)} "
                 "(install apertium-eng-spa apertium-spa-ita)")
    arts = [json.loads(l) for l in open(a.gold, encoding="utf-8") if l.strip()]
    out, made = [], 0
    for art in arts:
        out.append(art)
        pair = PAIRS.get(art.get("lang"))
        if not pair or not art.get("url") or (a.max and made >= a.max):
            continue
        # a copy's or translation's own translation would have two originals
        if art.get("note", "").startswith(("duplicate-of:", "translation-of:")):
            continue
        mode, lang = pair
        t = dict(art)
        t.pop("note", None)
        t["id"] = f"{art['id']}-{lang}"
        t["lang"] = lang
        t["url"] = f"{art['url'].rstrip('/')}/apertium-{lang}"
        try:
            t["text"] = translate(mode, art["text"])
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            print(f"{art['id']}: {e}; not translated", file=sys.stderr)
            continue
        t["note"] = f"translation-of:{art['url']}"
        out.append(t)
        made += 1
    with open(a.out, "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(f"{a.out}: {len(arts)} articles, {made} translations", file=sys.stderr)


if __name__ == "__main__":
    main()
