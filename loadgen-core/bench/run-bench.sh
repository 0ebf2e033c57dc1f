#!/usr/bin/env bash
# Load generator benchmark: open-loop rate accuracy and blocked time of loadgen next to wrk, against the same
# minimal loopback server, in one run; then a multi-minute high-rate run with GC logging to show the heap stays flat.
#
# Usage: loadgen-core/bench/run-bench.sh [RATE=20000] [RATE_SECONDS=60] [HEAP_SECONDS=180] [WORKERS=64]
# Needs: wrk (apt-get install wrk), python3, a JDK >= 21. Results: loadgen-core/bench/out/<time>/report.md
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-20000}
RATE_SECONDS=${2:-60}
HEAP_SECONDS=${3:-180}
WORKERS=${4:-64}
PORT=${PORT:-18080}

java_bin() {
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -V -r); do
    [ -x "$candidate/bin/java" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then echo "$candidate/bin/java"; return; fi
  done
  echo "no JDK >= 21 found" >&2; exit 1
}
JAVA=$(java_bin)
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

./mvnw -q -pl loadgen-core -am package -DskipTests
JAR=loadgen-core/target/loadgen-core-0.1.0-SNAPSHOT-cli.jar
OUT=loadgen-core/bench/out/$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

# The JDK server closes idle keep-alive connections beyond 200 (sun.net.httpserver.maxIdleConnections);
# with more connections than that, requests on just-closed pooled connections fail as resets.
"$JAVA" -Xmx512m -Dsun.net.httpserver.maxIdleConnections=2000 loadgen-core/bench/BenchServer.java "$PORT" > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break
  sleep 0.1
done
TARGET=http://127.0.0.1:$PORT

{
  echo "date: $(date -u +%FT%TZ)"
  echo "cpus: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "top CPU users before the run:"; ps -eo pcpu,comm --sort=-pcpu | head -6
} > "$OUT/environment.txt"

echo "== warm-up (10 s at 5000/s)"
"$JAVA" -jar "$JAR" run --target "$TARGET" --phase 10s@5000 --loop --workers "$WORKERS" --progress off \
  --out "$OUT/warmup" > /dev/null

echo "== wrk -t2 -c64 -d20s (closed loop, as fast as it can)"
/usr/bin/time -f "%U %S %e" -o "$OUT/wrk-before.cpu" \
  wrk -t2 -c64 -d20s -s loadgen-core/bench/post.lua "$TARGET/predict" > "$OUT/wrk-before.txt"
cat "$OUT/wrk-before.txt"

# The measured JVM warms up in the same run (a 20 s ramp, like a real test plan); only the hold is analysed.
echo "== loadgen open loop: 20 s ramp, then $RATE/s for ${RATE_SECONDS}s, $WORKERS in flight"
/usr/bin/time -f "%U %S %e" -o "$OUT/rate.cpu" \
  "$JAVA" -Xmx512m -jar "$JAR" run --target "$TARGET" --phase "20s@1000..$RATE" --phase "${RATE_SECONDS}s@$RATE" \
  --loop --workers "$WORKERS" \
  --progress plain --out "$OUT/rate" > "$OUT/rate.txt" 2> "$OUT/rate.log" || true
cat "$OUT/rate.txt"

echo "== wrk again"
/usr/bin/time -f "%U %S %e" -o "$OUT/wrk-after.cpu" \
  wrk -t2 -c64 -d20s -s loadgen-core/bench/post.lua "$TARGET/predict" > "$OUT/wrk-after.txt"
cat "$OUT/wrk-after.txt"

echo "== heap: loadgen at $RATE/s for ${HEAP_SECONDS}s with GC logging (-Xmx512m)"
"$JAVA" -Xmx512m -Xlog:gc:file="$OUT/heap-gc.log":uptime -jar "$JAR" run --target "$TARGET" \
  --phase "${HEAP_SECONDS}s@$RATE" --loop --workers "$WORKERS" --progress off --out "$OUT/heap" > "$OUT/heap.txt" 2>&1 || true

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"
python3 loadgen-core/bench/analyse.py "$OUT" "$RATE" | tee "$OUT/report.md"
