#!/usr/bin/env bash
# Structured case -> differential throughput on one core, streaming through `myelodx batch` (the structured twin of
# bench/text-throughput.sh). Builds the CLI (Release), makes 2,000- and 20,000-line batches of the dev cases
# (tests/TestData/dev-structured.jsonl, or a JSONL file given as $1 with "id" and "case"), runs each pinned to one
# core and reports the marginal rate (start-up cost cancels), the CPU seconds behind it and the peak RSS of both runs.
# Issue 17's target: >= 50,000 cases/s, memory flat (20k/2k < 1.5).
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-tests/TestData/dev-structured.jsonl}
out=${BENCH_DIR:-$(mktemp -d)}
dotnet build src/MyeloDx.Cli -c Release -v q -nologo >/dev/null
exe=src/MyeloDx.Cli/bin/Release/net10.0/myelodx
python3 - "$src" "$out" <<'PY'
import json, sys
cases = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for n in (2000, 20000):
    with open(f"{sys.argv[2]}/sp{n}.jsonl", "w") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"x{i}", "case": cases[i % len(cases)]["case"]}) + "\n")
PY
pin=""; command -v taskset >/dev/null && pin="taskset -c 0"
run() { /usr/bin/time -f "%e %M %U %S" -o "$out/sp$1.time" $pin "$exe" batch "$out/sp$1.jsonl" >"$out/sp$1.out" 2>/dev/null; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run 2000; run 20000
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
read s2 m2 u2 y2 <"$out/sp2000.time"; read s20 m20 u20 y20 <"$out/sp20000.time"
answered=$(grep -c '"differential"' "$out/sp20000.out" || true)
python3 - "$s2" "$s20" "$m2" "$m20" "$answered" "$u2" "$y2" "$u20" "$y20" <<'PY'
import sys
s2, s20, m2, m20, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
cpu2, cpu20 = float(sys.argv[6]) + float(sys.argv[7]), float(sys.argv[8]) + float(sys.argv[9])
rate = 18000 / max(s20 - s2, 1e-3)
cpu_rate = 18000 / max(cpu20 - cpu2, 1e-3)
print(f"2,000 lines: {s2:.2f} s ({cpu2:.2f} s CPU), peak RSS {m2/1024:.0f} MiB; 20,000 lines: {s20:.2f} s ({cpu20:.2f} s CPU), peak RSS {m20/1024:.0f} MiB")
print(f"marginal rate {rate:.0f} cases/s on one core ({cpu_rate:.0f} per CPU second); memory ratio x{m20/max(m2,1):.2f}; {n}/20000 answered")
ok = rate >= 50000 and m20 / max(m2, 1) < 1.5 and n == 20000
print("ok" if ok else "SHORT")
sys.exit(0 if ok else 1)
PY
