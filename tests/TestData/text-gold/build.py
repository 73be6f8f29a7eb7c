#!/usr/bin/env python3
"""Builds gold.jsonl from the hand-written source/*.txt files (see README.md).

Each source line is `G | text | findings`: G is the group letter (H history, P presentation, I imaging,
L laboratory, F further tests), with `-d` for a distractor (a sentence written to tempt a wrong finding);
findings are `variable=value` separated by spaces, suffix `?` = only an opinion (uncertain), `@` = an earlier
time (a prior scan or episode). `negated` is set for a finding whose state denies or is negative.
Ids are the file prefix and the line's position among that file's examples: append new lines at the end of a file,
never reorder or delete, so ids (and therefore the tune/held-out split) stay stable.
"""
import hashlib, json, pathlib, sys

HERE = pathlib.Path(__file__).resolve().parent
GROUPS = {"H": "history", "P": "presentation", "I": "imaging", "L": "laboratory", "F": "further tests"}
PREFIX = {"history": "his", "presentation": "pre", "imaging": "img", "laboratory": "lab", "further": "fur", "notes": "note", "fresh": "frs", "independent": "ind", "independent2": "inb", "independent3": "inc", "independent4": "ine", "independent5": "inf", "independent6": "ing", "independent7": "inh", "independent8": "ini", "independent9": "inj"}
NEGATIVE = {"absent", "none", "none_known", "negative_single", "negative_repeated", "no_relevant_uptake"}


def half(id_):
    if id_.startswith("frs-"):
        return "fresh"
    return "tune" if hashlib.sha256(id_.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def finding(tok):
    flags = {}
    while tok[-1] in "?@":
        flags["uncertain" if tok[-1] == "?" else "historical"] = True
        tok = tok[:-1]
    var, val = tok.split("=", 1)
    try:
        value = float(val) if "." in val else int(val)
    except ValueError:
        value = val
    f = {"variable": var, "value": value}
    if value in NEGATIVE:
        f["negated"] = True
    f.update(flags)
    return f


def main():
    out = []
    for name in ["history", "presentation", "imaging", "laboratory", "further", "notes", "fresh", "independent", "independent2", "independent3", "independent4", "independent5", "independent6", "independent7", "independent8", "independent9"]:
        n = 0
        for line in (HERE / "source" / f"{name}.txt").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            g, text, fs = (p.strip() for p in (line.rstrip() + " ").split(" | ", 2))
            n += 1
            ex = {"id": f"{PREFIX[name]}-{n:03d}", "text": text, "findings": [finding(t) for t in fs.split()],
                  "group": GROUPS[g[0]]}
            if g.endswith("-d"):
                ex["kind"] = "distractor"
            out.append(ex)
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as f:
        for ex in out:
            f.write(json.dumps(ex, ensure_ascii=False) + "\n")
    halves = {"tune": 0, "heldout": 0, "fresh": 0}
    for ex in out:
        halves[half(ex["id"])] += 1
    print(f"{len(out)} examples ({halves['tune']} tune, {halves['heldout']} held out, {halves['fresh']} fresh)", file=sys.stderr)


if __name__ == "__main__":
    main()
