#!/usr/bin/env bash
# The office's case pages from the store, two builds in turn (A B A B …) on one filled store,
# so that the machine's drift falls on both: the case list, the filtered list, statistics
# and a search page of 50 summaries (p50 of each), the time to build the search index at
# start, and GET /healthz as the yardstick. Each server start is timed once its search index
# is complete; screening may still be writing in the background, as in a busy office.
#   bench/ab-office.sh OLD_BUILD_DIR NEW_BUILD_DIR [CASES] [ROUNDS]
set -euo pipefail
old=$(realpath "$1") new=$(realpath "$2") count=${3:-200000} rounds=${4:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "synthetic bench passphrase" > $work/pass; echo "synthetic-bench-admin" > $work/admin; echo "synthetic-bench-coord" > $work/coord
$new/src/cli/lifeline init --data $work/data --passphrase-file $work/pass --admin-password-file $work/admin > /dev/null
$new/src/cli/lifeline user add --data $work/data --passphrase-file $work/pass --name bench.coord --role coordinator --password-file $work/coord > /dev/null
$new/bench/fill_store $work/data $count > /dev/null
for r in $(seq $rounds); do for which in old new; do
  bin=$old; [ $which = new ] && bin=$new
  $bin/src/cli/lifeline serve --data $work/data --listen 127.0.0.1:18932 --passphrase-file $work/pass > $work/out 2>&1 &
  pid=$!
  sleep 3
  python3 - $which $r <<'PY'
import http.client, json, random, re, sys, time
which, rnd = sys.argv[1], sys.argv[2]
def conn(): return http.client.HTTPConnection("127.0.0.1", 18932)
c = conn()
c.request("POST", "/api/v1/session", json.dumps({"name": "bench.coord", "password": "synthetic-bench-coord"}), {"Content-Type": "application/json"})
r = c.getresponse(); body = json.loads(r.read())
cookie = re.search(r"lifeline_session=[^;]+", r.getheader("Set-Cookie")).group(0)
h = {"Cookie": cookie}
def timed(method, path, body=None, headers=h):
    c = conn(); t = time.perf_counter(); c.request(method, path, body, headers); r = c.getresponse(); r.read()
    assert r.status == 200, (path, r.status); return (time.perf_counter() - t) * 1000
def p50(ms): ms.sort(); return ms[len(ms)//2]
sh = dict(h, **{"Content-Type": "application/json", "X-CSRF-Token": body["csrf_token"]})
t0 = time.time()
while True:  # the index built and screening done, as in an office that has run a while
    c = conn(); c.request("POST", "/api/v1/search", json.dumps({"q": "sintet"}), sh)
    if json.loads(c.getresponse().read())["index_complete"]: break
    time.sleep(1)
index_s = time.time() - t0
time.sleep(5)
random.seed(3)
for _ in range(50): timed("GET", "/healthz", headers={})
out = {}
out["healthz"] = p50([timed("GET", "/healthz", headers={}) for _ in range(300)])
out["cases"] = p50([timed("GET", f"/api/v1/cases?page={random.randint(1, 400)}") for _ in range(300)])
out["cases_filtered"] = p50([timed("GET", f"/api/v1/cases?status=new&situation=at_front&page={random.randint(1, 40)}") for _ in range(600)])
out["statistics"] = p50([timed("GET", "/api/v1/statistics") for _ in range(40)])
out["search"] = p50([timed("POST", "/api/v1/search", json.dumps({"q": "sintet", "per_page": 50}), sh) for _ in range(300)])
out["index_s"] = index_s
print(which, rnd, " ".join(f"{k}={v:.3f}" for k, v in out.items()), flush=True)
PY
  kill $pid; wait $pid 2>/dev/null || true
done; done
