#!/usr/bin/env bash
# Builds and starts the predictor service, drives POST /predict with real test.csv rows under wrk, prints the
# results and stops the service. Usage (from anywhere):
#   predictor-service/bench/wrk-predict.sh [duration-seconds] [connections]
# Needs: wrk (apt-get install wrk), python3 (turns test.csv rows into JSON bodies), curl.
# Env: PORT (default 18000), SKIP_BUILD=1 to reuse target/predictor-service.jar, TEST_CSV to point at test.csv,
#      WRK_THREADS (default 1), RATE for the paced run (default 5000 req/s).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$here/.." && pwd)"
root="$(cd "$module/.." && pwd)"
secs="${1:-15}"
conns="${2:-32}"
threads="${WRK_THREADS:-1}"
port="${PORT:-18000}"
csv="${TEST_CSV:-$root/../shared/data/off-nutrition/test.csv}"

command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  "$root/mvnw" -q -pl predictor-service -am package -DskipTests
fi
java="$( (ls -d /usr/lib/jvm/*-2[1-9]* /usr/lib/jvm/*-[3-9][0-9]* 2>/dev/null || true) | sort -V | tail -1)/bin/java"
[ -x "$java" ] || java="${JAVA:-java}"

bodies="$(mktemp --suffix=.jsonl)"
out="$(mktemp)"
python3 "$here/csv-to-jsonl.py" "$csv" "$bodies"
PORT="$port" "$java" -jar "$module/target/predictor-service.jar" >"$out" 2>"$out.err" &
pid=$!
cleanup() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$bodies" "$out" "$out.err" "$out.wrk"; }
trap cleanup EXIT
for _ in $(seq 150); do curl -sf -o /dev/null "http://127.0.0.1:$port/ready" && break; sleep 0.2; done
curl -sf -o /dev/null "http://127.0.0.1:$port/ready" || { echo "service did not become ready:" >&2; cat "$out.err" >&2; exit 1; }

echo "== warm-up 10 s"
BODIES="$bodies" wrk -t"$threads" -c"$conns" -d10s -s "$here/predict.lua" "http://127.0.0.1:$port" >/dev/null
# Service CPU per request: a figure that stays meaningful when other jobs share the cores.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
tck="$(getconf CLK_TCK)"
run() {
  local before after
  before="$(cpu_ticks)"
  "$@" | tee "$out.wrk"
  after="$(cpu_ticks)"
  awk -v b="$before" -v a="$after" -v t="$tck" '/requests in/ {n=$1} END {
    if (n > 0) printf "service CPU: %.1f s for %d requests = %.0f us per request\n", (a-b)/t, n, (a-b)/t*1e6/n }' "$out.wrk"
}
echo "== wrk -t$threads -c$conns -d${secs}s POST /predict ($(wc -l <"$bodies") test.csv rows, cycled)"
BODIES="$bodies" run wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "$here/predict.lua" "http://127.0.0.1:$port"
rate="${RATE:-5000}"
paced_conns=50
delay_ms=$(( paced_conns * 1000 / rate ))
echo "== paced: $paced_conns connections, each waiting ${delay_ms} ms between requests (target ~${rate} req/s)"
DELAY_MS="$delay_ms" BODIES="$bodies" run wrk -t"$threads" -c"$paced_conns" -d"${secs}s" --latency -s "$here/predict.lua" \
  "http://127.0.0.1:$port"
echo "== EMF lines written during the run: $(wc -l <"$out"), bytes: $(wc -c <"$out")"
