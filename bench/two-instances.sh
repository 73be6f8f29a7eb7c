#!/usr/bin/env bash
# Two `myelodx serve` instances on ONE local PostgreSQL, as behind a load balancer: each with its own data folder and
# port, nothing shared but the database. Starts both at the same moment on a fresh database (they migrate and make
# the data-protection key ring once, under the start-up lock), then
#   1. offers load to both at once with the load tool (distinct bodies, the total rate split evenly), one line per
#      instance and a total of good answers per second;
#   2. runs the cross-instance checks: a sign-in on A is accepted by B, a case saved on A is read on B, 100
#      concurrent updates spread over both give only 200/409/412, one key in the key ring.
# PostgreSQL: $MYELODX_TEST_POSTGRES (a connection whose role may CREATE DATABASE), else Debian's server as
# .ci/setup.d/postgres.sh installs and starts it (run here when nothing answers). The database made here is dropped.
# usage: bench/two-instances.sh [TOTAL_RATE=200] [SECONDS=10] [text|case]
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-200}; secs=${2:-10}; kind=${3:-text}
admin=${MYELODX_TEST_POSTGRES:-"Host=127.0.0.1;Port=5432;Database=myelodx_test;Username=myelodx_test;Password=myelodx_test"}
work=$(mktemp -d); pids=(); db=
# psql arguments from the Npgsql connection string (Host, Port, Database, Username, Password).
pg() { python3 - "$admin" "$@" <<'PY'
import os, subprocess, sys
kv = dict(p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p)
k = {a.lower(): b for a, b in kv.items()}
env = dict(os.environ, PGPASSWORD=k.get("password", ""))
args = ["psql", "-h", k.get("host", "127.0.0.1"), "-p", k.get("port", "5432"), "-U", k.get("username", k.get("user id", "")),
        "-d", os.environ.get("PGDB") or k.get("database", "postgres"), "-v", "ON_ERROR_STOP=1", "-Atqc", sys.argv[2]]
sys.exit(subprocess.run(args, env=env, stdout=subprocess.DEVNULL if len(sys.argv) < 4 else None).returncode)
PY
}
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [ -n "$db" ] && pg "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
if ! pg "select 1" 2>/dev/null; then
  echo "no PostgreSQL answers at the test connection: starting the local one (.ci/setup.d/postgres.sh)"
  bash .ci/setup.d/postgres.sh
fi
db="mdx_bench_$(date +%s)_$$"
pg "CREATE DATABASE $db"
cs=$(python3 -c 'import sys; kv=[p for p in sys.argv[1].split(";") if p and not p.lower().startswith("database=")]; print(";".join(kv+["Database="+sys.argv[2]]))' "$admin" "$db")

dotnet build src/MyeloDx.Cli -c Release -o "$work/bin" -v q -nologo >/dev/null
dotnet build bench/WebLoad -c Release -o "$work/load" -v q -nologo >/dev/null
ports=($((20000 + RANDOM % 10000)) $((30000 + RANDOM % 10000)))
for i in 0 1; do
  Logging__LogLevel__Default=Warning dotnet "$work/bin/myelodx.dll" serve --urls "http://127.0.0.1:${ports[$i]}" \
    --data "$work/data$i" --database postgres --connection "$cs" --rate-limit 1000000 >"$work/server$i.log" 2>&1 & pids+=($!)
done
for i in 0 1; do
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:${ports[$i]}/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:${ports[$i]}/health/ready" >/dev/null || { echo "instance $i did not become ready:"; cat "$work/server$i.log"; exit 1; }
done
password='heron quartz lantern drift'
key=$(dotnet "$work/bin/myelodx.dll" users add bench --role clinician --password "$password" --database postgres --connection "$cs" 2>/dev/null | tail -1)
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

echo "machine: $(nproc) cores; two instances, one PostgreSQL and the load generators on the same machine; bodies: $kind, distinct per request"
half=$((rate / 2)); loaders=()
for i in 0 1; do
  dotnet "$work/load/WebLoad.dll" "http://127.0.0.1:${ports[$i]}" "$key" "$work/$kind.jsonl" "$half" "$secs" /api/assessments "$kind" $((i * 5000000)) \
    >"$work/load$i.json" & loaders+=($!)
done
for p in "${loaders[@]}"; do wait "$p" || true; done
python3 - "$work/load0.json" "$work/load1.json" <<'PY'
import json, sys
rows = [json.loads(open(p).read().strip().splitlines()[-1]) for p in sys.argv[1:]]
for name, r in zip("AB", rows): print(f"instance {name}:", json.dumps(r))
print(json.dumps({"offeredPerSecond": sum(r["offeredPerSecond"] for r in rows), "goodPerSecond": round(sum(r["goodPerSecond"] for r in rows), 1),
                  "worstGoodP99Ms": max((r["goodP99Ms"] or 0) for r in rows), "shed503": sum(r["shed503"] for r in rows), "errors": sum(r["errors"] for r in rows)}))
PY

echo "cross-instance checks:"
python3 - "http://127.0.0.1:${ports[0]}" "http://127.0.0.1:${ports[1]}" "$key" "$password" "$work/case.jsonl" <<'PY'
import concurrent.futures, http.cookiejar, json, re, sys, urllib.error, urllib.parse, urllib.request
a, b, key, password, cases = sys.argv[1:]
body = open(cases).readline().strip().encode()
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args): return None
def call(url, method="GET", data=None, headers=None, opener=None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener(NoRedirect)).open(req, timeout=60) as r: return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e: return e.code, dict(e.headers), e.read()
ok = True
def check(name, passed, detail=""):
    global ok
    ok &= passed
    print(f"  {'PASS' if passed else 'FAIL'}  {name}{(': ' + detail) if detail else ''}")
# 1. sign in on A (the form with its antiforgery token), use the cookie on B
jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(jar))
page = call(a + "/login", opener=browser)[2].decode()
token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page).group(1)
form = urllib.parse.urlencode({"Name": "bench", "Password": password, "__RequestVerificationToken": token}).encode()
status, headers, _ = call(a + "/login", "POST", form, {"Content-Type": "application/x-www-form-urlencoded"}, browser)
auth = next((c for c in jar if c.name == "myelodx.auth"), None)
check("sign-in on A", status == 302 and auth is not None, f"HTTP {status}")
status = call(b + "/api/cases", headers={"Cookie": f"myelodx.auth={auth.value}"})[0] if auth else 0
check("A's cookie accepted by B", status == 200, f"HTTP {status}")
# 2. save on A, read on B
api = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
status, _, created = call(a + "/api/cases", "POST", body, api)
cid = json.loads(created)["id"] if status == 201 else None
status, headers, _ = call(f"{b}/api/cases/{cid}", headers=api)
check("case saved on A read on B", status == 200 and headers.get("ETag") == '"1"', f"HTTP {status}, ETag {headers.get('ETag')}")
# 3. 100 concurrent updates spread over both, half with If-Match of version 1
def update(i):
    h = dict(api)
    if i // 2 % 2 == 0: h["If-Match"] = '"1"'
    return call(f"{(a, b)[i % 2]}/api/cases/{cid}", "PUT", body, h)[0]
with concurrent.futures.ThreadPoolExecutor(100) as pool: statuses = list(pool.map(update, range(100)))
counts = {s: statuses.count(s) for s in sorted(set(statuses))}
version = json.loads(call(f"{a}/api/cases/{cid}", headers=api)[2])["currentVersion"]
check("100 concurrent updates over A and B give only 200/409/412", set(statuses) <= {200, 409, 412} and 200 in statuses, str(counts))
check("every 200 made one version", version == statuses.count(200) + 1, f"version {version}")
sys.exit(0 if ok else 1)
PY
keys=$(PGDB=$db pg "select count(*) from data_protection_keys" show 2>/dev/null || true)
echo "  data-protection keys in the database: ${keys:-?} (the two instances share one key ring)"
