#!/usr/bin/env python3
"""Builds context.jsonl from source/context.txt (`FLAGS | text | target`; flags N negated, U uncertain,
H historical, Y hypothetical, O someone else, - none). Ids are ctx- and the line's position: append only."""
import json, pathlib

HERE = pathlib.Path(__file__).resolve().parent
out = []
for line in (HERE / "source" / "context.txt").read_text(encoding="utf-8").splitlines():
    if not line.strip() or line.startswith("#"):
        continue
    flags, text, target = (p.strip() for p in line.split(" | "))
    assert target.lower() in " ".join(text.lower().split()) or target.lower() in text.lower(), line
    out.append({"id": f"ctx-{len(out) + 1:03d}", "text": text, "target": target,
                "negated": "N" in flags, "uncertain": "U" in flags, "historical": "H" in flags,
                "hypothetical": "Y" in flags, "experiencer": "other" if "O" in flags else "patient"})
with open(HERE / "context.jsonl", "w", encoding="utf-8") as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
print(len(out), "lines;", sum(o["negated"] for o in out), "negated")
