#!/usr/bin/env bash
# Side-by-side wrk run of the three HTTP server candidates doing the same work (decision 0020).
# Usage: predictor-service/bench/server-shootout/run.sh [rounds] [seconds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
rounds="${1:-2}"
secs="${2:-10}"
"$root/mvnw" -q -f "$here/pom.xml" package
java="$( (ls -d /usr/lib/jvm/*-2[1-9]* /usr/lib/jvm/*-[3-9][0-9]* 2>/dev/null || true) | head -1)/bin/java"
[ -x "$java" ] || java="${JAVA:-java}"
bodies="$(mktemp)"
python3 "$here/../csv-to-jsonl.py" "$root/../shared/data/off-nutrition/test.csv" "$bodies"
cp="$here/target/classes:$here/target/lib/*"
port=18080
for round in $(seq "$rounds"); do
  for server in JdkServer HelidonServer JavalinServer; do
    "$java" -Xmx256m -cp "$cp" "shootout.$server" "$port" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
    BODIES="$bodies" wrk -t1 -c32 -d5s -s "$here/../predict.lua" "http://127.0.0.1:$port" >/dev/null
    echo "== round $round $server"
    BODIES="$bodies" wrk -t1 -c32 -d"${secs}s" -s "$here/../predict.lua" "http://127.0.0.1:$port" \
      | grep -E 'Requests/sec|p50|non-2xx'
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
rm -f "$bodies"
