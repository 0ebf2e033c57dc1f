"""Summarises a bench run directory: 10 s windows of the open-loop run, wrk results, heap after GC over time."""
import json
import re
import statistics
import sys
from pathlib import Path

out = Path(sys.argv[1])
rate = float(sys.argv[2])


def wrk_rate(name):
    text = (out / name).read_text()
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    lat = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", text)
    return float(m.group(1)), lat.group(1) if lat else "?"


def wrk_requests(name):
    return int(re.search(r"(\d+) requests in", (out / name).read_text()).group(1))


def cpu_seconds(name):
    """user + sys CPU seconds from /usr/bin/time -f '%U %S %e' (last line)."""
    path = out / name
    if not path.exists():
        return None
    user, system, _ = path.read_text().split("\n")[-2].split()
    return float(user) + float(system)


def windows(series, size=10):
    hold = max(r["phase"] for r in series)  # the last phase is the hold; earlier ones warm the JVM up
    rows = [r for r in series
            if r["state"] == "RUNNING" and r["phase"] == hold and abs(r["interval_s"] - 1.0) < 0.2]
    for i in range(0, len(rows) - size + 1, size):
        chunk = rows[i : i + size]
        seconds = sum(r["interval_s"] for r in chunk)
        yield {
            "from_s": chunk[0]["second"],
            "target": sum(r["planned"] for r in chunk) / seconds,
            "achieved": sum(r["sent"] for r in chunk) / seconds,
            "blocked_ms": sum(r["blocked_ms"] for r in chunk),
            "blocked_requests": sum(r["blocked_requests"] for r in chunk),
            "late": sum(r["late"] for r in chunk),
            "dropped": sum(r["dropped"] for r in chunk),
            "p90_corrected": max(r["corrected_p90_ms"] for r in chunk),
            "p90_raw": max(r["raw_p90_ms"] for r in chunk),
        }


print(f"# loadgen benchmark {out.name}\n")
print("```\n" + (out / "environment.txt").read_text().strip() + "\n```\n")
before, lat_before = wrk_rate("wrk-before.txt")
after, lat_after = wrk_rate("wrk-after.txt")
print(f"wrk -t2 -c64 (closed loop): {before:,.0f} req/s before (mean latency {lat_before}), "
      f"{after:,.0f} req/s after (mean latency {lat_after})\n")

cpu_wrk = cpu_seconds("wrk-before.cpu")
if cpu_wrk:
    print(f"wrk CPU: {cpu_wrk:.1f} s for {wrk_requests('wrk-before.txt'):,} requests = "
          f"{cpu_wrk * 1e6 / wrk_requests('wrk-before.txt'):.0f} µs per request\n")

series = [json.loads(l) for l in (out / "rate" / "timeseries.jsonl").read_text().splitlines()]
summary = json.loads((out / "rate" / "summary.json").read_text())
print(f"loadgen open loop (whole run incl. the ramp), planned {rate:,.0f}/s: sent {summary['sent']:,} of {summary['planned']:,} planned "
      f"({summary['achieved_ratio'] * 100:.2f} %), late {summary['late']:,}, dropped {summary['dropped']:,}, "
      f"blocked {summary['blocked_ms']:.0f} ms / {summary['blocked_requests']} requests > 1 ms, "
      f"errors {summary['error_rate'] * 100:.3f} %, corrected p50/p90/p99 "
      f"{summary['latency_corrected_ms']['p50']}/{summary['latency_corrected_ms']['p90']}/"
      f"{summary['latency_corrected_ms']['p99']} ms, raw p90 {summary['latency_raw_ms']['p90']} ms\n")
cpu_lg = cpu_seconds("rate.cpu")
if cpu_lg:
    print(f"loadgen CPU (whole JVM incl. start-up and JIT): {cpu_lg:.1f} s for {summary['sent']:,} requests = "
          f"{cpu_lg * 1e6 / max(1, summary['sent']):.0f} µs per request\n")
print("| 10 s window from s | target /s | achieved /s | within ±1 % | late | dropped | blocked ms | blocked req | max p90 corrected ms | max p90 raw ms |")
print("|---|---|---|---|---|---|---|---|---|---|")
ok = 0
ws = list(windows(series))
for w in ws:
    within = abs(w["achieved"] - rate) <= 0.01 * rate
    ok += within
    print(f"| {w['from_s']} | {w['target']:,.0f} | {w['achieved']:,.0f} | {'yes' if within else 'no'} | {w['late']:,} | "
          f"{w['dropped']:,} | {w['blocked_ms']:.0f} | {w['blocked_requests']} | {w['p90_corrected']} | {w['p90_raw']} |")
if ws:
    med = statistics.median(w["achieved"] for w in ws)
    print(f"\n{ok} of {len(ws)} windows within ±1 % of {rate:,.0f}/s; median achieved {med:,.0f}/s "
          f"= {med / before:.2f} x wrk (before)\n")

gc = out / "heap-gc.log"
if gc.exists():
    points = []
    for line in gc.read_text().splitlines():
        m = re.search(r"\[([\d.]+)s\].*Pause Young.*?(\d+)M->(\d+)M\((\d+)M\)", line)
        if m:
            points.append((float(m.group(1)), int(m.group(3)), int(m.group(4))))
    heap_summary = json.loads((out / "heap" / "summary.json").read_text())
    print(f"heap run: {heap_summary['sent']:,} requests in {heap_summary['duration_s']:.0f} s "
          f"({heap_summary['sent'] / heap_summary['duration_s']:,.0f}/s), {len(points)} young GCs")
    print("\n| minute | young GCs | heap after GC, min–max MB | heap size MB |")
    print("|---|---|---|---|")
    by_minute = {}
    for t, after_gc, size in points:
        by_minute.setdefault(int(t // 60), []).append((after_gc, size))
    for minute, values in sorted(by_minute.items()):
        afters = [v[0] for v in values]
        print(f"| {minute} | {len(values)} | {min(afters)}–{max(afters)} | {max(v[1] for v in values)} |")
