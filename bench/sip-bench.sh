#!/usr/bin/env bash
# SIP calls through Kamailio and lifeline on loopback: how many calls a second the path routes
# and the call setup time (INVITE to 200 OK, as the caller sees it), against SIPp calling the
# operators' phone directly in the same run (the baseline: no proxy, no routing lookup).
# Usage: bench/sip-bench.sh [BIN] [RATE] [CALLS]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/src/cli/lifeline}
rate=${2:-200}
calls=${3:-4000}
operators=100
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "synthetic bench passphrase" > "$work/pass"
echo "synthetic-bench-admin" > "$work/admin"
echo "synthetic-bench-coord" > "$work/coord"
echo "synthetic-bench-telephony-token" > "$work/token"
"$bin" init --data "$work/data" --passphrase-file "$work/pass" --admin-password-file "$work/admin" > /dev/null
"$bin" user add --data "$work/data" --passphrase-file "$work/pass" --name bench.coord --role coordinator \
  --password-file "$work/coord" > /dev/null
"$bin" serve --data "$work/data" --listen 127.0.0.1:18941 --passphrase-file "$work/pass" \
  --telephony-token-file "$work/token" --wrap-up-seconds 0 > "$work/lifeline.log" 2>&1 &
pids+=($!)
sleep 2

phone_port=$(free_port)
sip_port=$(free_port)
python3 - "$phone_port" "$operators" <<'PY'
import http.client, json, re, sys
port, count = sys.argv[1], int(sys.argv[2])
c = http.client.HTTPConnection("127.0.0.1", 18941)
c.request("POST", "/api/v1/session", json.dumps({"name": "bench.coord", "password": "synthetic-bench-coord"}),
          {"Content-Type": "application/json"})
r = c.getresponse(); body = json.loads(r.read())
auth = {"Cookie": re.search(r"lifeline_session=[^;]+", r.getheader("Set-Cookie")).group(0), "X-CSRF-Token": body["csrf_token"], "Content-Type": "application/json"}
c.request("PUT", "/api/v1/contact-centre/lines", json.dumps({"lines": 10000}), auth); c.getresponse().read()
for i in range(1, count + 1):
    c.request("POST", "/api/v1/contact-centre/operators",
              json.dumps({"id": f"ext-{i}", "languages": ["ru"], "uri": f"sip:ext-{i}@127.0.0.1:{port}"}), auth)
    assert c.getresponse().read() is not None
    c.request("PUT", f"/api/v1/contact-centre/operators/ext-{i}/state", json.dumps({"state": "available"}), auth)
    c.getresponse().read()
PY

sipp -sf tests/sip/operator.xml -i 127.0.0.1 -p "$phone_port" -ci 127.0.0.1 -cp "$(free_port)" -nostdin \
  > "$work/phones.log" 2>&1 &
pids+=($!)
sed -e "s/@SIP_PORT@/$sip_port/" -e "s#@LIFELINE@#http://127.0.0.1:18941#" \
    -e "s/@TOKEN@/synthetic-bench-telephony-token/" -e "s/@RING_MS@/3000/" tests/sip/kamailio.cfg.in > "$work/kamailio.cfg"
kamailio -f "$work/kamailio.cfg" -DD -E -m 128 -M 16 -Y "$work" -P "$work/kamailio.pid" > "$work/kamailio.log" 2>&1 &
pids+=($!)
sleep 2
sed -e "s/@TALK_MS@/100/" -e "/@HEADERS@/d" tests/sip/caller.xml > "$work/caller.xml"

# Runs the caller against $1 and prints the achieved rate and setup-time percentiles.
run() {
  local target=$1 label=$2
  rm -f "$work"/caller_*_rtt.csv
  local start end
  start=$(date +%s.%N)
  (cd "$work" && sipp "$target" -sf caller.xml -i 127.0.0.1 -p "$(free_port)" -ci 127.0.0.1 -cp "$(free_port)" \
    -nostdin -m "$calls" -r "$rate" -l "${LIMIT:-80}" -timeout 120s -trace_rtt -rtt_freq 1 > /dev/null 2>&1) || true
  end=$(date +%s.%N)
  python3 - "$work" "$label" "$start" "$end" "$calls" <<'PY'
import csv, glob, sys
work, label, start, end, calls = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
times = []
for path in glob.glob(f"{work}/caller_*_rtt.csv"):
    with open(path) as f:
        for row in csv.reader(f, delimiter=";"):
            if len(row) >= 3 and row[2].replace(".", "", 1).isdigit():
                times.append(float(row[2]))
times.sort()
pick = lambda q: times[min(len(times) - 1, int(len(times) * q))] if times else float("nan")
print(f"{label}: {len(times)} of {calls} calls set up in {end - start:.1f} s ({len(times) / (end - start):.0f} calls/s); "
      f"setup p50 {pick(0.5):.2f} ms, p99 {pick(0.99):.2f} ms")
PY
}

run "127.0.0.1:$phone_port" "baseline, SIPp straight to the operators' phone"
run "127.0.0.1:$sip_port" "through Kamailio and lifeline"
python3 - <<'PY'
import http.client, json, re
c = http.client.HTTPConnection("127.0.0.1", 18941)
c.request("POST", "/api/v1/session", json.dumps({"name": "bench.coord", "password": "synthetic-bench-coord"}),
          {"Content-Type": "application/json"})
r = c.getresponse(); r.read()
c.request("GET", "/api/v1/contact-centre/wallboard", headers={"Cookie": re.search(r"lifeline_session=[^;]+", r.getheader("Set-Cookie")).group(0)})
today = json.loads(c.getresponse().read())["today"]
print(f"lifeline counted: offered {today['offered']}, answered {today['answered']}, abandoned {today['abandoned']}")
PY
