#!/usr/bin/env bash
# The docs/benchmarks.md matrix: ROUNDS x {1,16,64} concurrency x {write, read} with Slurp.Bench.Http against
# a running host, and in the same run, when asked, the same cells with wrk against our API (wrk/*.lua) and
# with wrk against etcd (the put.lua / range.lua of BENCH.md's etcd peer). Cells are interleaved round-robin
# so slow drift of a noisy machine spreads over all of them. Traffic stays on 127.0.0.1.
#
#   SLURP_ADMIN_TOKEN=... OUT=results ./bench/Slurp.Bench.Http/matrix.sh
#
# Environment: SLURP_URL (default http://127.0.0.1:5080), SLURP_ADMIN_TOKEN (required), OUT (results folder,
# default bench-results/<UTC time>), ROUNDS (3), DURATION (10, seconds), WARMUP (3, seconds; ours only),
# WRK=1 to add wrk against our API, ETCD_URL + ETCD_BENCH_DIR (folder with put.lua, range.lua, common.lua
# and value.b64) to add etcd put / linearizable range.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
url=${SLURP_URL:-http://127.0.0.1:5080}
admin=${SLURP_ADMIN_TOKEN:?set SLURP_ADMIN_TOKEN to the host\'s admin token}
out=${OUT:-$root/bench-results/$(date -u +%Y%m%dT%H%M%SZ)}
rounds=${ROUNDS:-3}
duration=${DURATION:-10}
warmup=${WARMUP:-3}
bench="$root/bench/Slurp.Bench.Http/bin/Release/net10.0/Slurp.Bench.Http.dll"
[ -f "$bench" ] || dotnet build "$root/bench/Slurp.Bench.Http" -c Release -nologo -v quiet
mkdir -p "$out/wrk-slurp/results" "$out/etcd/results"

ours() { # mode concurrency
  dotnet "$bench" --url "$url" --admin-token "$admin" --mode "$1" --concurrency "$2" \
    --duration "$duration" --warmup "$warmup" --json-out "$out/ours.jsonl" | tee -a "$out/ours-rows.md"
}
note() { echo "# $(date -Is) $* | $(uptime)" >> "$out/cells.log"; }

vmstat -t 5 > "$out/vmstat.log" 2>&1 &
vmstat_pid=$!
trap 'kill $vmstat_pid 2>/dev/null || true' EXIT

# Warm the host (JIT tiers, grain activations, SQLite cache) before anything is recorded.
dotnet "$bench" --url "$url" --admin-token "$admin" --mode write --concurrency 16 --duration 8 --warmup 2 > /dev/null
dotnet "$bench" --url "$url" --admin-token "$admin" --mode read --concurrency 16 --duration 8 --warmup 2 > /dev/null

if [ "${WRK:-0}" = 1 ]; then
  dotnet "$bench" --url "$url" --admin-token "$admin" --mode read --prepare-only "$out/prepared"
  set -a; . "$out/prepared/env"; set +a
  export SLURP_PREPARED="$out/prepared"
  wrk -t2 -c16 -d5s -s "$here/wrk/get.lua" "$SLURP_URL" > /dev/null
fi

for round in $(seq 1 "$rounds"); do
  for c in 1 16 64; do
    t=$([ "$c" = 1 ] && echo 1 || echo 2)
    note "round $round c$c write";  ours write "$c"; sleep 2
    if [ -n "${ETCD_URL:-}" ]; then
      note "round $round c$c etcd put"
      RUN_TAG=r${round}c${c} wrk -t"$t" -c"$c" -d"${duration}s" --latency -s "$ETCD_BENCH_DIR/put.lua" "$ETCD_URL" \
        > "$out/etcd/results/put_c${c}_t${t}_r${round}.txt" 2>&1; sleep 2
    fi
    if [ "${WRK:-0}" = 1 ]; then
      note "round $round c$c wrk slurp put"
      RUN_TAG=r${round}c${c} wrk -t"$t" -c"$c" -d"${duration}s" --latency -s "$here/wrk/put.lua" "$SLURP_URL" \
        > "$out/wrk-slurp/results/put_c${c}_t${t}_r${round}.txt" 2>&1; sleep 2
    fi
    note "round $round c$c read";  ours read "$c"; sleep 2
    if [ -n "${ETCD_URL:-}" ]; then
      note "round $round c$c etcd range"
      wrk -t"$t" -c"$c" -d"${duration}s" --latency -s "$ETCD_BENCH_DIR/range.lua" "$ETCD_URL" \
        > "$out/etcd/results/range_lin_c${c}_t${t}_r${round}.txt" 2>&1; sleep 2
    fi
    if [ "${WRK:-0}" = 1 ]; then
      note "round $round c$c wrk slurp get"
      wrk -t"$t" -c"$c" -d"${duration}s" --latency -s "$here/wrk/get.lua" "$SLURP_URL" \
        > "$out/wrk-slurp/results/get_c${c}_t${t}_r${round}.txt" 2>&1; sleep 2
    fi
  done
done

dotnet "$bench" summarize "$out/ours.jsonl" | tee "$out/ours-summary.md"
[ "${WRK:-0}" = 1 ] && dotnet "$bench" summarize-wrk "$out"/wrk-slurp/results/*.txt | tee "$out/wrk-slurp-summary.md"
[ -n "${ETCD_URL:-}" ] && dotnet "$bench" summarize-wrk "$out"/etcd/results/*.txt | tee "$out/etcd-summary.md"
echo "results in $out"
