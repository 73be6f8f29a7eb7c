#!/usr/bin/env bash
# Bounded, honest load run of the web API on this machine: starts `myelodx serve` on 127.0.0.1 with a fresh data
# folder, then offers a fixed rate of DISTINCT bodies (dev vignettes, each request made unique; warm-up bodies never
# reused) and prints, per offered rate, good answers per second, p50/p95/p99 latency from each request's scheduled
# time, fast 503s shed by the server and errors. The load generator shares the machine's cores with the server.
# The per-user rate limit is lifted (--rate-limit 1000000): the load generator is one user, and the point is the
# server's capacity and its overload behaviour (503 from the admission limit), not the per-user 429.
# Warm-up, never counted: `serve` runs invented cases until its JIT is quiet before /health/ready says 200 (the script
# waits for that and prints how long it took); then WARMUP_SECONDS (default 10) at 200/s with distinct bodies; then
# every rate run first offers 3 s at its own rate (WebLoad). WARMUP_SECONDS=0 and --MyeloDx:WarmUpSeconds=0 in
# SERVE_ARGS measure a cold server. Each rate run uses its own body range, so no body repeats across runs either.
# The tool prints the CPU seconds the server and the load generator used during each measured window.
# BIN=DIR uses a CLI already built there (e.g. a before build kept for an interleaved before/after comparison).
# usage: bench/web-load.sh [RATES="100 200 500 1000"] [SECONDS=10] [text|case|cds]
#   text: notes from tests/TestData/dev-text.jsonl ({"text": ...}); case: the structured gold encodings;
#   cds: CDS Hooks patient-view calls to /cds-services/myelodx-patient-view whose prefetch is the FHIR export of the
#   first 20 structured gold cases (each call gets its own hookInstance; the CDS path has no answer cache).
set -euo pipefail
cd "$(dirname "$0")/.."
rates=${1:-"100 200 500 1000"}; secs=${2:-10}; kind=${3:-text}
work=$(mktemp -d); pid=
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -n "${BIN:-}" ]; then cp -r "$BIN" "$work/bin"; else dotnet build src/MyeloDx.Cli -c Release -o "$work/bin" -v q -nologo >/dev/null; fi
dotnet build bench/WebLoad -c Release -o "$work/load" -v q -nologo >/dev/null
key=$(dotnet "$work/bin/myelodx.dll" users add bench --role clinician --password 'heron quartz lantern drift' --data "$work/data" 2>/dev/null | tail -1)
port=$((20000 + RANDOM % 20000)); base=http://127.0.0.1:$port
t0=$(date +%s%N)
Logging__LogLevel__Default=Warning dotnet "$work/bin/myelodx.dll" serve --urls "$base" --data "$work/data" --rate-limit 1000000 ${SERVE_ARGS:-} >"$work/server.log" 2>&1 & pid=$!
for i in $(seq 1 600); do curl -sf "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
echo "server ready (its own warm-up done) $(( ($(date +%s%N) - t0) / 1000000 )) ms after start; load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - tests/TestData/dev-text.jsonl tests/TestData/dev-structured.jsonl "$work/text.jsonl" "$work/case.jsonl" <<'PY'
import json, sys
text_src, gold, text_out, case_out = sys.argv[1:]
with open(text_out, "w") as o:
    for l in open(text_src):
        if l.strip(): o.write(json.dumps({"text": json.loads(l)["text"]}) + "\n")
with open(case_out, "w") as o:
    for l in open(gold):
        if l.strip(): o.write(json.dumps(json.loads(l)["case"]) + "\n")
PY
path=/api/assessments
if [ "$kind" = cds ]; then
  path=/cds-services/myelodx-patient-view
  mkdir -p "$work/fhir"
  head -n 20 "$work/case.jsonl" | split -l 1 - "$work/fhir/case-"
  for f in "$work"/fhir/case-*; do
    mv "$f" "$f.json"; dotnet "$work/bin/myelodx.dll" fhir export "$f.json" -o "$f.fhir.json" >/dev/null 2>&1 || true
  done
  python3 - "$work/fhir" "$work/cds.jsonl" <<'PY'
import glob, json, sys
with open(sys.argv[2], "w") as o:
    for f in sorted(glob.glob(sys.argv[1] + "/*.fhir.json")):
        o.write(json.dumps({"hook": "patient-view", "hookInstance": "x", "context": {"userId": "Practitioner/1", "patientId": "p1"},
                            "prefetch": {"record": json.load(open(f))}}) + "\n")
PY
  [ -s "$work/cds.jsonl" ] || { echo "no FHIR export could be made for the CDS bodies"; exit 1; }
fi
echo "machine: $(nproc) cores; server and load generator on the same machine; bodies: $kind, distinct per request"
warm=${WARMUP_SECONDS:-10}
if [ "$warm" -gt 0 ]; then
  echo "warm-up (not counted): $(dotnet "$work/load/WebLoad.dll" "$base" "$key" "$work/$kind.jsonl" 200 "$warm" "$path" "$kind" 90000000 0 | cut -c1-60)..."
fi
offset=0
for rate in $rates; do
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
  WEBLOAD_SERVER_PID=$pid dotnet "$work/load/WebLoad.dll" "$base" "$key" "$work/$kind.jsonl" "$rate" "$secs" "$path" "$kind" "$offset" || true
  offset=$((offset + 1000000))
  sleep 2
done
