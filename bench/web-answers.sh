#!/usr/bin/env bash
# Every answer of a build's web API to a fixed set of bodies, one file per request, for a byte-for-byte comparison of two
# builds (issue 17: a speed change must not change any output byte). Starts `myelodx serve` from BIN with a fresh data
# folder and posts: the texts of tests/TestData/dev-text.jsonl as {"text": ...} and the structured cases of
# dev-structured.jsonl and samples/ to /api/assessments (no include, include=decisions, include=nextTests,sensitivity),
# and CDS Hooks patient-view calls whose prefetch is the FHIR export of each structured case. Values that differ between
# two runs of the same build (card and suggestion uuids, trace ids, the server's port) are blanked.
# usage: BIN=DIR bench/web-answers.sh OUT     then: diff -r OUT1 OUT2
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1; bin=${BIN:?BIN=DIR of a built CLI}
mkdir -p "$out"; work=$(mktemp -d); pid=
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
key=$(dotnet "$bin/myelodx.dll" users add bench --role clinician --password 'heron quartz lantern drift' --data "$work/data" 2>/dev/null | tail -1)
port=$((20000 + RANDOM % 20000)); base=http://127.0.0.1:$port
Logging__LogLevel__Default=Warning dotnet "$bin/myelodx.dll" serve --urls "$base" --data "$work/data" --rate-limit 1000000 --MyeloDx:WarmUpSeconds=0 >"$work/server.log" 2>&1 & pid=$!
for i in $(seq 1 600); do curl -sf "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
mkdir -p "$work/fhir"
python3 - tests/TestData/dev-structured.jsonl "$work/fhir" <<'PY'
import json, sys, os
for i, l in enumerate(open(sys.argv[1])):
    if l.strip(): json.dump(json.loads(l)["case"], open(os.path.join(sys.argv[2], f"s{i:03}.json"), "w"))
PY
for f in samples/*.json; do cp "$f" "$work/fhir/x-$(basename "$f")"; done
for f in "$work"/fhir/*.json; do dotnet "$bin/myelodx.dll" fhir export "$f" -o "${f%.json}.fhir" >/dev/null 2>&1 || true; done
python3 - "$base" "$key" "$out" "$work/fhir" tests/TestData/dev-text.jsonl <<'PY'
import glob, json, os, re, sys, urllib.request, urllib.error
base, key, out, fhir, texts = sys.argv[1:]
def post(name, path, body):
    req = urllib.request.Request(base + path, data=body.encode(), method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": "Bearer " + key})
    try:
        with urllib.request.urlopen(req) as r: status, data = r.status, r.read()
    except urllib.error.HTTPError as e: status, data = e.code, e.read()
    data = re.sub(rb'127\.0\.0\.1:[0-9]+', b'127.0.0.1:PORT', data)
    data = re.sub(rb'"(uuid|traceId|hookInstance)"\s*:\s*"[^"]*"', rb'"\1":"-"', data)
    open(os.path.join(out, name), "wb").write(str(status).encode() + b"\n" + data)
bodies = []
for i, l in enumerate(open(texts)):
    if l.strip(): bodies.append((f"t{i:03}", json.dumps({"text": json.loads(l)["text"]})))
for f in sorted(glob.glob(fhir + "/*.json")):
    bodies.append((os.path.basename(f)[:-5], open(f).read()))
for name, body in bodies:
    for tag, q in (("all", ""), ("dec", "?include=decisions"), ("nts", "?include=nextTests,sensitivity")):
        post(f"{name}.{tag}", "/api/assessments" + q, body)
for f in sorted(glob.glob(fhir + "/*.fhir")):
    name = os.path.basename(f)[:-5]
    record = json.load(open(f))
    post(f"{name}.bundle", "/api/assessments", json.dumps(record))
    post(f"{name}.cds", "/cds-services/myelodx-patient-view", json.dumps({"hook": "patient-view", "hookInstance": "x",
         "context": {"userId": "Practitioner/1", "patientId": "p1"}, "prefetch": {"record": record}}))
PY
echo "$(ls "$out" | wc -l) answers in $out"
