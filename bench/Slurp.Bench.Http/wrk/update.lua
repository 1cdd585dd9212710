-- wrk script: a new version of an existing node per request, round-robin over the pool that
-- `Slurp.Bench.Http --mode update --update-nodes N --prepare-only DIR` created (DIR/update-uris.txt), with the
-- update body of DIR/update-body.json and a new sequence number in its slot each time, so no request repeats
-- a node's content (the server would answer 200 "unchanged" and store nothing). The counterpart of the
-- generator's --mode update, for a client that costs what pgbench's does (docs/benchmarks.md, session 9).
--
-- Usage: set -a; . DIR/env; set +a
--        SLURP_PREPARED=DIR WRK_THREADS=2 SEQ_BASE=10000000000 wrk -t2 -c16 -d10s --latency -s update.lua "$SLURP_URL"
-- WRK_THREADS must equal -t: thread k takes the pool's nodes k, k + t, k + 2t, ... so no two threads share a
-- node. SEQ_BASE must differ by more than the requests of a run between runs on the same pool (run.sh gives
-- each run its own 10^10); without it the base comes from the clock (a new one each second).
-- The last line printed is one JSON object: requests, errors, duration and latency percentiles in µs.
local prepared = os.getenv("SLURP_PREPARED") or "."
local threads = tonumber(os.getenv("WRK_THREADS") or "1")
local seq_base = tonumber(os.getenv("SEQ_BASE") or tostring((os.time() % 100000) * 1000000))
local token = assert(os.getenv("SLURP_TOKEN"), "source DIR/env first")

local created = {}
function setup(thread)
  thread:set("thread_number", #created)
  table.insert(created, thread)
end

local uris, pre, post, headers, counter
function init(args)
  local f = assert(io.open(prepared .. "/update-body.json", "rb"), "no update-body.json in " .. prepared)
  local body = f:read("*a")
  f:close()
  -- The slot: the first run of 11 zeros (the template's sequence, rendered as 0).
  local i, j = body:find("00000000000", 1, true)
  assert(i, "update-body.json has no sequence slot")
  pre, post = body:sub(1, i - 1), body:sub(j + 1)
  uris = {}
  local index = 0
  for line in io.lines(prepared .. "/update-uris.txt") do
    if index % threads == thread_number then
      table.insert(uris, line)
    end
    index = index + 1
  end
  assert(#uris > 0, "thread " .. thread_number .. " has no nodes (WRK_THREADS larger than the pool?)")
  headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  counter = 0
end

function request()
  local uri = uris[counter % #uris + 1]
  -- Unique across the threads of this run: the counter strides by the thread count.
  local sequence = seq_base + counter * threads + thread_number
  counter = counter + 1
  return wrk.format("PUT", uri, headers, pre .. string.format("%011d", sequence) .. post)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"errors":%d,"non_2xx":%d,"socket_errors":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.status + e.connect + e.read + e.write + e.timeout, e.status,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
