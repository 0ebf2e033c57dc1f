-- wrk script: POST /predict with real test.csv rows (one JSON object per line in BODIES, default bodies.jsonl),
-- cycling through them. done() prints non-2xx/3xx answers so a run that only measured errors is obvious.
local bodies = {}
local next_body = 1

function init(args)
  local path = os.getenv("BODIES") or "bodies.jsonl"
  for line in io.lines(path) do
    if #line > 0 then bodies[#bodies + 1] = line end
  end
  if #bodies == 0 then error("no request bodies in " .. path) end
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/predict", { ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx/3xx (wrk) : %d\n", summary.errors.status))
  io.write(string.format("p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000))
end
