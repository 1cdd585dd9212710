-- wrk script: PUT a new node per request with the 2 KB body of `Slurp.Bench.Http --prepare-only DIR`.
-- Nodes go to /src/wrk-<RUN_TAG>-<thread>/d<n/64>/f<n%64> in the prepared task, 64 files per folder.
-- Usage: set -a; . DIR/env; set +a; RUN_TAG=r1c16 wrk -t2 -c16 -d10s --latency -s put.lua "$SLURP_URL"
local token = assert(os.getenv("SLURP_TOKEN"), "source DIR/env first")
local task = assert(os.getenv("SLURP_TASK"), "source DIR/env first")
local body_file = (os.getenv("SLURP_PREPARED") or ".") .. "/put-body.json"
local run_tag = os.getenv("RUN_TAG") or "r"

local threads_started = 0
function setup(thread)
  thread:set("thread_number", threads_started)
  threads_started = threads_started + 1
end

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local body, headers, prefix, counter
function init(args)
  local f = assert(io.open(body_file, "rb"), "no " .. body_file .. " (set SLURP_PREPARED=DIR)")
  body = f:read("*a")
  f:close()
  headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  prefix = "ucxl://any:any@bench:" .. task .. "/src/wrk-" .. run_tag .. "-" .. tostring(thread_number)
  counter = 0
end

function request()
  local path = prefix .. "/d" .. math.floor(counter / 64) .. "/f" .. (counter % 64)
  counter = counter + 1
  return wrk.format("PUT", "/v1/context?address=" .. encode(path), headers, body)
end
