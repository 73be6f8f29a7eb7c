#!/usr/bin/env python3
"""5-fold split of the dev cases for honest tuning of the text reader.

Folds are fixed by a stable hash of each case id (sha1, not Python's salted hash), so the same case is always in
the same fold. Study misses only in the folds you tune on; report the held-out fold beside the in-sample figure.

Usage (from the repository root):
  python3 bench/text-cv.py                         # builds the CLI, prints per-fold top-1/top-3
  python3 bench/text-cv.py --holdout 0 --misses    # also lists misses, but only in folds other than 0
  python3 bench/text-cv.py --cases FILE.jsonl --cmd PATH/TO/myelodx
"""
import argparse, hashlib, json, os, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--cases", default="/work/shared/cases/dev.jsonl")
ap.add_argument("--cmd", default=None)
ap.add_argument("--folds", type=int, default=5)
ap.add_argument("--holdout", type=int, default=None, help="fold kept out of tuning: its misses are never printed")
ap.add_argument("--misses", action="store_true", help="print misses of the tuning folds")
ap.add_argument("--prior-context", default="case_reports")
a = ap.parse_args()

def fold(case_id: str) -> int:
    return int(hashlib.sha1(case_id.encode("utf-8")).hexdigest(), 16) % a.folds

cases = [json.loads(l) for l in open(a.cases) if l.strip()]
cmd = a.cmd
if cmd is None:
    b = subprocess.run(["dotnet", "build", "src/MyeloDx.Cli", "-c", "Release", "-v", "q", "-nologo"], capture_output=True, text=True)
    if b.returncode != 0:
        print(b.stdout[-2000:], b.stderr[-2000:]); sys.exit(1)
    cmd = "src/MyeloDx.Cli/bin/Release/net10.0/myelodx"
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
    for c in cases:
        item = {"id": c["id"]}
        for k in ("text", "case"):
            if k in c: item[k] = c[k]
        f.write(json.dumps(item) + "\n")
    path = f.name
r = subprocess.run(cmd.split() + ["batch", path, "--prior-context", a.prior_context], capture_output=True, text=True)
os.unlink(path)
out = {}
for line in r.stdout.splitlines():
    if line.startswith("{"):
        o = json.loads(line); out[o.get("id")] = o

stats = [[0, 0, 0] for _ in range(a.folds)]  # n, top1, top3
misses = []
for c in cases:
    k = fold(c["id"]); o = out.get(c["id"], {})
    ranked = [d["id"] for d in o.get("differential", [])]
    stats[k][0] += 1
    if ranked[:1] == [c["label"]]: stats[k][1] += 1
    if c["label"] in ranked[:3]: stats[k][2] += 1
    elif ranked[:1] != [c["label"]]: pass
    if ranked[:1] != [c["label"]]:
        misses.append((k, c["id"], c["label"], ranked[:3]))
for k, (n, t1, t3) in enumerate(stats):
    tag = " (held out)" if a.holdout == k else ""
    print(f"fold {k}: n={n:3d} top1={t1 / max(n, 1):.3f} top3={t3 / max(n, 1):.3f}{tag}")
N = sum(s[0] for s in stats); T1 = sum(s[1] for s in stats); T3 = sum(s[2] for s in stats)
print(f"all:    n={N:3d} top1={T1 / N:.3f} top3={T3 / N:.3f}")
if a.holdout is not None:
    inn = [s for k, s in enumerate(stats) if k != a.holdout]
    n_in = sum(s[0] for s in inn); t_in = sum(s[1] for s in inn)
    h = stats[a.holdout]
    print(f"in-sample (tuning folds) top1={t_in / n_in:.3f}; held-out fold {a.holdout} top1={h[1] / max(h[0], 1):.3f}")
if a.misses:
    for k, cid, gold, top in misses:
        if k == a.holdout: continue
        print(f"  miss fold {k} {cid}: gold {gold}, got {top}")
