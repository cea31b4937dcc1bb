#!/usr/bin/env bash
# The office with 1,000,000 cases: how long the first search index takes, the server's
# resident memory with every case indexed, the operator's case list latency and the
# statistics query time, against /healthz in the same run as the baseline.
# Usage: bench/million-bench.sh [BIN] [FILL] [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/src/cli/lifeline}
fill=${2:-build/bench/fill_store}
count=${3:-1000000}
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

echo "synthetic bench passphrase" > "$work/pass"
echo "synthetic-bench-admin" > "$work/admin"
echo "synthetic-bench-coord" > "$work/coord"
"$bin" init --data "$work/data" --passphrase-file "$work/pass" --admin-password-file "$work/admin" > /dev/null
"$bin" user add --data "$work/data" --passphrase-file "$work/pass" --name bench.coord --role coordinator \
  --password-file "$work/coord" > /dev/null
start=$(date +%s.%N)
"$fill" "$work/data" "$count"
echo "filled in $(echo "$(date +%s.%N) - $start" | bc) s; store $(stat -c %s "$work/data/lifeline.db") bytes"

"$bin" serve --data "$work/data" --listen 127.0.0.1:18931 --passphrase-file "$work/pass" > "$work/out" 2>&1 &
server=$!
sleep 2
cookie=$(curl -s -c - -H 'Content-Type: application/json' \
  -d '{"name":"bench.coord","password":"synthetic-bench-coord"}' http://127.0.0.1:18931/api/v1/session |
  awk '/lifeline_session/ {print $7}')
start=$(date +%s.%N)
until python3 - <<'PY'
import http.client, json, re, sys
c = http.client.HTTPConnection("127.0.0.1", 18931)
c.request("POST", "/api/v1/session", json.dumps({"name": "bench.coord", "password": "synthetic-bench-coord"}),
          {"Content-Type": "application/json"})
r = c.getresponse(); body = json.loads(r.read())
cookie = re.search(r"lifeline_session=[^;]+", r.getheader("Set-Cookie")).group(0)
c.request("POST", "/api/v1/search", json.dumps({"q": "sintet"}),
          {"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": body["csrf_token"]})
sys.exit(0 if json.loads(c.getresponse().read())["index_complete"] else 1)
PY
do sleep 2; done
echo "search index complete $(echo "$(date +%s.%N) - $start" | bc) s after start (plus ~2 s)"
echo "server RSS with every case indexed: $(awk '/VmRSS/ {print $2, $3}' /proc/$server/status)"

python3 - "$cookie" <<'PY'
import http.client, random, statistics, sys, time
cookie = "lifeline_session=" + sys.argv[1]
def timed(path, headers):
    c = http.client.HTTPConnection("127.0.0.1", 18931)
    t = time.perf_counter(); c.request("GET", path, headers=headers); r = c.getresponse(); r.read()
    assert r.status == 200, (path, r.status)
    return (time.perf_counter() - t) * 1000
def report(name, ms):
    ms.sort(); print(f"{name}: p50 {ms[len(ms)//2]:.2f} ms, p95 {ms[len(ms)*95//100]:.2f} ms ({len(ms)} requests)")
random.seed(3)
report("baseline GET /healthz", [timed("/healthz", {}) for _ in range(300)])
pages = [f"/api/v1/cases?page={random.randint(1, 2000)}" for _ in range(300)]
report("GET /api/v1/cases (50 a page, random pages)", [timed(p, {"Cookie": cookie}) for p in pages])
filtered = [f"/api/v1/cases?status=new&situation=at_front&page={random.randint(1, 200)}" for _ in range(300)]
report("GET /api/v1/cases filtered by status and situation", [timed(p, {"Cookie": cookie}) for p in filtered])
# Each statistics read is audited, so fewer of them.
report("GET /api/v1/statistics (28 days)", [timed("/api/v1/statistics", {"Cookie": cookie}) for _ in range(40)])
report("GET /api/v1/statistics?days=366", [timed("/api/v1/statistics?days=366", {"Cookie": cookie}) for _ in range(20)])
# Search: the in-memory index finds the ids, the store reads their summaries (up to 50); each
# search is audited.
import json, re
c = http.client.HTTPConnection("127.0.0.1", 18931)
c.request("POST", "/api/v1/session", json.dumps({"name": "bench.coord", "password": "synthetic-bench-coord"}),
          {"Content-Type": "application/json"})
r = c.getresponse(); csrf = json.loads(r.read())["csrf_token"]
search_cookie = re.search(r"lifeline_session=[^;]+", r.getheader("Set-Cookie")).group(0)
def search(q):
    c = http.client.HTTPConnection("127.0.0.1", 18931)
    t = time.perf_counter()
    c.request("POST", "/api/v1/search", json.dumps({"q": q, "per_page": 50}),
              {"Content-Type": "application/json", "Cookie": search_cookie, "X-CSRF-Token": csrf})
    r = c.getresponse(); r.read(); assert r.status == 200, r.status
    return (time.perf_counter() - t) * 1000
report("POST /api/v1/search, 50 summaries a page", [search("sintet") for _ in range(100)])
PY
