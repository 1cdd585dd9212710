-- wrk script: GET the resolved read target prepared by `Slurp.Bench.Http --prepare-only DIR --mode read`.
-- Usage: set -a; . DIR/env; set +a; wrk -t2 -c16 -d10s --latency -s get.lua "$SLURP_URL"
local token = assert(os.getenv("SLURP_TOKEN"), "source DIR/env first")
local uri = assert(os.getenv("SLURP_READ_URI"), "source DIR/env first")
local request_text

function init(args)
  request_text = wrk.format("GET", uri, { ["Authorization"] = "Bearer " .. token })
end

function request()
  return request_text
end
