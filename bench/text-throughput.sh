#!/usr/bin/env bash
# Text -> differential throughput on one core, streaming through `myelodx batch`.
# Builds the CLI (Release), makes 2,000- and 20,000-line batches of the dev vignettes' text
# (tests/TestData/dev-text.jsonl, or a JSONL file given as $1 with "id" and "text"), runs each pinned to
# one core and reports the marginal rate (start-up cost cancels) and the peak RSS of both runs.
# Pass (issue 17): >= 5,000 vignettes/s and peak memory flat (20k/2k < 1.5).
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-tests/TestData/dev-text.jsonl}
out=${BENCH_DIR:-$(mktemp -d)}
dotnet build src/MyeloDx.Cli -c Release -v q -nologo >/dev/null
exe=src/MyeloDx.Cli/bin/Release/net10.0/myelodx
python3 - "$src" "$out" <<'PY'
import json, sys
cases = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for n in (2000, 20000):
    with open(f"{sys.argv[2]}/tp{n}.jsonl", "w") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"x{i}", "text": cases[i % len(cases)]["text"]}) + "\n")
PY
pin=""; command -v taskset >/dev/null && pin="taskset -c 0"
run() { /usr/bin/time -f "%e %M" -o "$out/tp$1.time" $pin "$exe" batch "$out/tp$1.jsonl" >"$out/tp$1.out"; }
run 2000; run 20000
read s2 m2 <"$out/tp2000.time"; read s20 m20 <"$out/tp20000.time"
answered=$(grep -c '"differential"' "$out/tp20000.out" || true)
python3 - "$s2" "$s20" "$m2" "$m20" "$answered" <<'PY'
import sys
s2, s20, m2, m20, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rate = 18000 / max(s20 - s2, 1e-3)
print(f"2,000 lines: {s2:.2f} s, peak RSS {m2/1024:.0f} MiB; 20,000 lines: {s20:.2f} s, peak RSS {m20/1024:.0f} MiB")
print(f"marginal rate {rate:.0f} vignettes/s on one core; memory ratio x{m20/max(m2,1):.2f}; {n}/20000 answered")
ok = rate >= 5000 and m20 / max(m2, 1) < 1.5 and n == 20000
print("ok" if ok else "SHORT")
sys.exit(0 if ok else 1)
PY
