#!/usr/bin/env bash
# Border benchmarks over HTTP on loopback, against the large data set:
#   1. status lookup: wrk against trustlane's GET /api/v1/border/parties/…
#      on its border listener (--border-addr, fasthttp) and on its main
#      listener (net/http) and, in the same run, nginx answering the
#      identical bytes (status, Content-Type, body) from an inline
#      `return 200` with as many worker processes as trustlane has cores;
#      the three alternate ROUNDS times;
#   2. screening over HTTP: wrk POSTing an NDJSON body of 1,000 shipments;
#   3. screening in process (Go benchmark, one core).
# Installs wrk and nginx from Debian's packages when missing, builds
# trustlane, seeds `demo --size large` into a temporary SQLite database, and
# stops everything it started. Loopback only, bounded in time.
# Usage: bench/border.sh [seconds per run, default 10] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
rounds=${2:-3}
cores=$(nproc)
tport=${TRUSTLANE_BENCH_PORT:-18080}
nport=${NGINX_BENCH_PORT:-18081}
bport=${TRUSTLANE_BENCH_BORDER_PORT:-18082}

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq "${need[@]}" >/dev/null; else sudo apt-get install -y -qq "${need[@]}" >/dev/null; fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/trustlane" ./cmd/trustlane
export TRUSTLANE_DB="sqlite:$work/tl.db" TRUSTLANE_LOG_LEVEL=warn TRUSTLANE_PASSWORD="bench password 2026"
echo "seeding the large data set…" >&2
"$work/trustlane" demo --size large | tail -n 3 >&2
"$work/trustlane" user create --email bench@cbsa.test --name Bench --role officer >/dev/null
token=$("$work/trustlane" token create --email bench@cbsa.test --name "wrk" --scopes border:read,staff,cases:read --days 2 2>/dev/null)

# GOGC may be set by the caller to measure the collector's share (the
# default is Go's, 100).
GOMAXPROCS=$cores "$work/trustlane" serve --addr "127.0.0.1:$tport" --border-addr "127.0.0.1:$bport" >"$work/serve.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$tport"
for _ in $(seq 1 300); do curl -fs "$base/readyz" >/dev/null 2>&1 && break; sleep 0.2; done

# An active member of the data set, found through the API; then wait for
# the index to hold it.
python3 - "$base" "$token" "$work" <<'PY'
import json, sys, time, urllib.request
base, token, work = sys.argv[1:4]
def get(path, body=None, ctype="application/json"):
    req = urllib.request.Request(base + path, data=body, headers={"Authorization": "Bearer " + token, "Content-Type": ctype})
    return urllib.request.urlopen(req, timeout=30).read()
orgs = json.loads(get("/api/v1/organizations?limit=200"))["items"]
deadline = time.time() + 120
while True:
    ids = [{"kind": k, "value": v} for o in orgs for k, v in sorted(o.get("identifiers", {}).items())]
    res = json.loads(get("/api/v1/border/parties", json.dumps({"identifiers": ids[:1000]}).encode()))["results"]
    act = [(i, r) for i, r in zip(ids, res) if r["standing"] == "active"]
    if act or time.time() > deadline:
        break
    time.sleep(0.5)
ident, status = act[0]
open(work + "/path", "w").write("/api/v1/border/parties/%s/%s" % (ident["kind"], ident["value"]))
carriers = [i for i, r in act if any(p["program"] == "pip" and "highway_carrier" in p["sectors"] for p in r.get("programs", []))] or [ident]
importers = [i for i, r in act if any(p["program"] == "pip" and "importer" in p["sectors"] for p in r.get("programs", []))] or [ident]
lines = []
for n in range(1000):
    imp, car = importers[n % len(importers)], carriers[n % len(carriers)]
    lines.append(json.dumps({"ref": "S%d" % n, "direction": "into_ca", "mode": "highway", "importer_kind": imp["kind"],
        "importer": imp["value"], "carrier_kind": car["kind"], "carrier": car["value"], "driver_cards": ["%09d" % (100000000 + n)],
        "container": "CSQU3054383", "seal": "H%06d" % n, "seal_class": "H", "destination": "Sarnia"}))
open(work + "/shipments.ndjson", "w").write("\n".join(lines) + "\n")
PY
path=$(cat "$work/path")
curl -fsS -D "$work/headers" -o "$work/body" -H "Authorization: Bearer $token" "$base$path"
ctype=$(awk -F': ' 'tolower($1)=="content-type"{print $2}' "$work/headers" | tr -d '\r')
if grep -q "[\$'\\\\]" "$work/body"; then echo "the body holds a character nginx's return string would change" >&2; exit 1; fi

cat >"$work/nginx.conf" <<CONF
worker_processes $cores;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
daemon on;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  client_body_temp_path $work/nginx-body;
  server {
    listen 127.0.0.1:$nport;
    location / { default_type $ctype; return 200 '$(cat "$work/body")'; }
  }
}
CONF
"$NGINX" -c "$work/nginx.conf" -p "$work"
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$nport$path" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS -D "$work/nheaders" -o "$work/nbody" "http://127.0.0.1:$nport$path"
cmp -s "$work/body" "$work/nbody" || { echo "nginx does not answer the same bytes" >&2; exit 1; }
nctype=$(awk -F': ' 'tolower($1)=="content-type"{print $2}' "$work/nheaders" | tr -d '\r')
[ "$ctype" = "$nctype" ] || { echo "Content-Type differs: $ctype vs $nctype" >&2; exit 1; }

run() { # name url [script]
  local extra=()
  [ -n "${3:-}" ] && extra=(-s "$3")
  wrk -t "$cores" -c 64 -d "${secs}s" --latency -H "Authorization: Bearer $token" "${extra[@]}" "$2" >"$work/wrk.out"
  local rps p99
  rps=$(awk '/^Requests\/sec:/{print $2}' "$work/wrk.out")
  p99=$(awk '$1=="99%"{print $2}' "$work/wrk.out")
  echo "$1 $rps $p99"
}

echo "status lookup: $(wc -c <"$work/body") bytes, $ctype, $path"
: >"$work/rates"
curl -fsS -o "$work/bbody" -H "Authorization: Bearer $token" "http://127.0.0.1:$bport$path"
cmp -s "$work/body" "$work/bbody" || { echo "the border listener does not answer the same bytes" >&2; exit 1; }
for r in $(seq 1 "$rounds"); do
  run border-listener "http://127.0.0.1:$bport$path" | tee -a "$work/rates"
  run nginx "http://127.0.0.1:$nport$path" | tee -a "$work/rates"
  run main-listener "$base$path" | tee -a "$work/rates"
done
awk '
  { rps[$1]+=$2; n[$1]++; p99[$1]=p99[$1] " " $3 }
  END {
    ng = rps["nginx"]/n["nginx"]
    printf "nginx                          %7.0f req/s (p99%s)\n", ng, p99["nginx"]
    b = rps["border-listener"]/n["border-listener"]; m = rps["main-listener"]/n["main-listener"]
    printf "trustlane --border-addr        %7.0f req/s (p99%s): ratio to nginx %.2f (goal >= 0.6)\n", b, p99["border-listener"], b/ng
    printf "trustlane main listener        %7.0f req/s (p99%s): ratio to nginx %.2f\n", m, p99["main-listener"], m/ng
  }' "$work/rates"

cat >"$work/screen.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-ndjson"
local f = io.open("$work/shipments.ndjson", "rb"); wrk.body = f:read("*a"); f:close()
LUA
lines=$(wc -l <"$work/shipments.ndjson")
out=$(curl -fsS -H "Authorization: Bearer $token" -H "Content-Type: application/x-ndjson" --data-binary @"$work/shipments.ndjson" "$base/api/v1/border/screen" | wc -l)
[ "$out" = "$lines" ] || { echo "screening answered $out lines for $lines" >&2; exit 1; }
read -r _ srps sp99 < <(run screening "$base/api/v1/border/screen" "$work/screen.lua")
awk -v r="$srps" -v l="$lines" -v p="$sp99" 'BEGIN { printf "screening over HTTP (NDJSON, %d per request): %.0f shipments/s, p99 %s per request (goal >= 300000)\n", l, r*l, p }'

echo "suspension to the index, at this scale (one instance, SQLite): the officer's API call, then the"
echo "border endpoint polled until it answers suspended, for five members:"
python3 - "$base" "$token" "$work" <<'PY'
import json, sys, time, urllib.request
base, token, work = sys.argv[1:4]
def call(path, body=None, method=None):
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(), method=method,
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(req, timeout=30).read() or b"{}")
orgs = call("/api/v1/organizations?limit=200")["items"]
done = []
for o in orgs:
    if len(done) == 5:
        break
    ms = [m for m in call("/api/v1/organizations/%s/memberships" % o["id"])["items"] if m["state"] == "active"]
    if not ms:
        continue
    number = ms[0]["number"]
    start = time.perf_counter()
    call("/api/v1/memberships/%s/suspension" % ms[0]["id"], {"reasons": ["SU-INCIDENT"], "narrative": "Benchmark.", "actions": ["Fix it."]})
    answered = time.perf_counter()
    while call("/api/v1/border/parties/member/" + number)["standing"] != "suspended":
        if time.perf_counter() - start > 10:
            sys.exit("the index never answered suspended")
    seen = time.perf_counter()
    done.append(((answered - start) * 1000, (seen - answered) * 1000))
for a, s in done:
    print("  suspension call %.1f ms, then suspended at the border %.1f ms later" % (a, s))
PY
if [ -n "${TRUSTLANE_TEST_POSTGRES_URL:-}" ]; then only=""; else only="/sqlite"; fi
echo "suspension to the index (Go benchmark; two instances need TRUSTLANE_TEST_POSTGRES_URL):"
go test -run '^$' -bench "BenchmarkSuspensionToIndex$only" -benchtime 200x ./internal/standing/ | grep '^Benchmark'

echo "screening in process (one core):"
GOMAXPROCS=1 go test -run '^$' -bench 'BenchmarkScreenStream' -benchtime 2s ./internal/border/ | grep '^Benchmark'
echo "GOGC=${GOGC:-100 (default)}"
echo "machine: $cores cores, $(go version | awk '{print $3}'), $(uname -sr), $(wrk --version 2>&1 | head -1 | awk '{print $1, $2}'), $("$NGINX" -v 2>&1)"
