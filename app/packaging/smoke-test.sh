#!/usr/bin/env bash
# Starts the packaged console (the jpackage app image) under Xvfb, waits for its window, closes it with SIGTERM and
# checks it closed cleanly with exit code 0. Build it first: ./mvnw -q -pl app -am -DskipTests -Ppackage package
#   app/packaging/smoke-test.sh [app-image-dir]     (default: app/target/jpackage/nutrisage-console)
# Needs Xvfb (apt-get install xvfb) unless DISPLAY points at a running X server.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
image="${1:-$here/../target/jpackage/nutrisage-console}"
launcher="$image/bin/nutrisage-console"
[[ -x "$launcher" ]] || { echo "smoke-test: no app image at $image: ./mvnw -q -pl app -am -DskipTests -Ppackage package" >&2; exit 1; }

work="$(mktemp -d)"
xvfb_pid=""
cleanup() {
  if [[ -n "${console_pid:-}" ]]; then kill -KILL "$console_pid" 2>/dev/null || true; fi
  if [[ -n "$xvfb_pid" ]]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -z "${DISPLAY:-}" ]]; then
  command -v Xvfb >/dev/null 2>&1 || { echo "smoke-test: Xvfb not found: apt-get install xvfb" >&2; exit 1; }
  display=":$((90 + RANDOM % 100))"
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  export DISPLAY="$display"
  sleep 1
fi

echo "smoke-test: $("$launcher" --version)"
start=$(date +%s)
HOME="$work" "$launcher" >"$work/console.log" 2>&1 &
console_pid=$!
for _ in $(seq 1 120); do
  grep -q "nutrisage-console: window open" "$work/console.log" && break
  kill -0 "$console_pid" 2>/dev/null || { cat "$work/console.log" >&2; echo "smoke-test: the console exited before its window opened" >&2; exit 1; }
  sleep 1
done
grep -q "nutrisage-console: window open" "$work/console.log" || { cat "$work/console.log" >&2; echo "smoke-test: no window within 120 s" >&2; exit 1; }
echo "smoke-test: window open after $(($(date +%s) - start)) s"
# The window opens before the sandbox (predictor replicas, the front) has started: give it time to fail if it would.
sleep 8
kill -0 "$console_pid" 2>/dev/null || { cat "$work/console.log" >&2; echo "smoke-test: the console exited by itself" >&2; exit 1; }
echo "smoke-test: sending SIGTERM"

kill -TERM "$console_pid"
code=0
wait "$console_pid" || code=$?
console_pid=""
grep -q "nutrisage-console: closed" "$work/console.log" || { cat "$work/console.log" >&2; echo "smoke-test: the console did not close its session" >&2; exit 1; }
if grep -q "Exception\|Error:" "$work/console.log"; then
  cat "$work/console.log" >&2
  echo "smoke-test: an exception was printed" >&2
  exit 1
fi
[[ "$code" == 0 ]] || { cat "$work/console.log" >&2; echo "smoke-test: exit code $code, expected 0" >&2; exit 1; }
echo "smoke-test: closed cleanly (exit 0); recordings would go to ~/.local/share/nutrisage-console/runs"
