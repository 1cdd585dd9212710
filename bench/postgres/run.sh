#!/usr/bin/env bash
# BENCH.md target 3 in one run: a throwaway, DURABLE PostgreSQL 15 (fsync, synchronous_commit and
# full_page_writes on) serves both sides —
#   (a) pgbench UPSERT of a 2 KB row with a version bump (upsert.sql) at 1 and 16 clients,
#   (b) SLURP on the PostgreSQL profile (3 silos on loopback, then 1 silo) with bench/Slurp.Bench.Http at
#       concurrency 1 and 16, once per mode in SLURP_MODES: --mode write (PUT of a new 2 KB node) and/or
#       --mode update (PUT of new 2 KB content to one of UPDATE_NODES existing nodes: a version bump, the
#       like-for-like of the UPSERT),
#   (floor) the floor: bench/Slurp.Bench.Floor, a minimal HTTP service that answers the generator's PUT with
#       one autocommitted UPSERT into floor_kv of database bench on the same server, driven like SLURP's update
#       cells (--mode update) at concurrency 1 and 16 — what any HTTP service in front of this PostgreSQL
#       reaches, so SLURP's ratio to pgbench can never beat the floor's,
#   interleaved round-robin (pgbench c1, floor c1, SLURP c1 per mode, pgbench c16, floor c16, SLURP c16 per
#   mode) RUNS times per topology (the floor does not depend on the silos; it is measured in every phase so
#   each phase's ratios have their own floor);
#   (shape) SLURP's own transaction without SLURP: slurp-shape.sql runs, through pgbench at 1 client, the
#       statements one update PUT commits (append lock, chained audit entry, node row and version part) in a
#       database shape with SLURP's schema (shape-init.sql) — what PostgreSQL itself takes for SLURP's rows, so the
#       single-writer p50 splits into the database's share and the service's; at 1 client only, since the append
#       lock is held to the commit and SLURP shares one commit among concurrent PUTs, which pgbench cannot,
#   (c) failover: 3 silos, 8 writers through silo 1 into folders created through silo 2 (so they live there),
#       kill -9 of silo 2, TRIALS times;
#   (d) a profile: PostgreSQL statements, commits and WAL fsyncs per PUT (pg_stat_statements, pg_stat_wal)
#       and a statement-by-statement trace of single PUTs (log_min_duration_statement=0).
# Seal: dev mode (--Slurp:Seal:Mode=dev; the master key in each silo's data folder) so the silos unseal
# themselves — the profile's default is shamir; the seal does not change the write path.
#
#   dotnet build src/Slurp.Host -c Release && dotnet build bench/Slurp.Bench.Http -c Release
#   dotnet build bench/Slurp.Bench.Floor -c Release   # (built here when missing, like the generator)
#   bench/postgres/run.sh                      # -> $OUT/summary.md and the raw files
#
# Environment: OUT (results folder; default /work/scratch/pgbench-run/<UTC time>), PG_PORT (55533),
# RUNS (3), DURATION (10, s), WARMUP (3, s; SLURP runs), TRIALS (3, failover), PHASES ("3silo 1silo"),
# FAILOVER (1), PROFILE (1), HTTP_BASE (519 -> ports 5191..5193), SILO_BASE (1129), GATEWAY_BASE (3029),
# SETTLE (11, s), SLURP_MODES ("write update"; "write" for the new-node cells only), UPDATE_NODES (2000; update mode's pool),
# CS_EXTRA (appended to the silos' Npgsql connection string; the profile itself adds 'No Reset On Close=true'
# and 'Max Auto Prepare=32' unless the string sets them, so ';No Reset On Close=false;Max Auto Prepare=0'
# measures without them),
# SILO_EXTRA (more silo arguments, split on spaces, e.g. '--Logging:LogLevel:Polly=Warning'),
# SHAPE (1; 0 skips the shape cells),
# WRK_CONCS ("16"; the concurrencies at which the update cells of SLURP and the floor are also driven by wrk
# with wrk/update.lua: the pool is created by the generator's --prepare-only, then wrk -t1 at 1 and -t2 above,
# like pgbench's -j; "" runs no wrk cells, "1 16" both),
# FLOOR (1; 0 skips the floor cells and does not start the floor), FLOOR_PORT (5199; the floor's HTTP port;
# CS_EXTRA does not apply to it: it sets No Reset On Close and Max Auto Prepare=32 itself).
# Must run as root (initdb and the server run as the postgres user through runuser). Traffic: 127.0.0.1
# only. Every process it starts is stopped on exit (server, silos, floor, vmstat); every wait is bounded.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT:-/work/scratch/pgbench-run/$(date -u +%Y%m%dT%H%M%SZ)}
pg_port=${PG_PORT:-55533}
runs=${RUNS:-3}
duration=${DURATION:-10}
warmup=${WARMUP:-3}
trials=${TRIALS:-3}
phases=${PHASES:-3silo 1silo}
modes=${SLURP_MODES:-write update}
update_nodes=${UPDATE_NODES:-2000}
wrk_concs=${WRK_CONCS-16}
wrk_lua="$root/bench/Slurp.Bench.Http/wrk/update.lua"
http_base=${HTTP_BASE:-519}
silo_base=${SILO_BASE:-1129}
gateway_base=${GATEWAY_BASE:-3029}
floor=${FLOOR:-1}
floor_port=${FLOOR_PORT:-5199}
shape=${SHAPE:-1}
case $shape in 0|1) ;; *) echo "SHAPE must be 0 or 1, not $shape" >&2; exit 1 ;; esac
pg_bin=/usr/lib/postgresql/15/bin
host_dll="$root/src/Slurp.Host/bin/Release/net10.0/Slurp.Host.dll"
bench_dll="$root/bench/Slurp.Bench.Http/bin/Release/net10.0/Slurp.Bench.Http.dll"
floor_dll="$root/bench/Slurp.Bench.Floor/bin/Release/net10.0/Slurp.Bench.Floor.dll"
admin=bench-admin-token
cs="Host=127.0.0.1;Port=$pg_port;Database=slurp;Username=postgres${CS_EXTRA:-}"

[ -f "$host_dll" ] || { echo "build the host first: dotnet build src/Slurp.Host -c Release" >&2; exit 1; }
[ -f "$bench_dll" ] || dotnet build "$root/bench/Slurp.Bench.Http" -c Release -nologo -v quiet
case $floor in
  0) floor_ports= ;;
  1) floor_ports=$floor_port
     [ -f "$floor_dll" ] || dotnet build "$root/bench/Slurp.Bench.Floor" -c Release -nologo -v quiet ;;
  *) echo "FLOOR must be 0 or 1, not $floor" >&2; exit 1 ;;
esac
for m in $modes; do
  case $m in write|update) ;; *) echo "unknown SLURP mode $m in SLURP_MODES (write, update)" >&2; exit 1 ;; esac
done
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL 15 is not installed ($pg_bin)" >&2; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench is missing (package postgresql-client-15)" >&2; exit 1; }
for c in $wrk_concs; do
  case $c in 1|16) ;; *) echo "WRK_CONCS takes 1 and 16 (the cells' concurrencies), not $c" >&2; exit 1 ;; esac
done
[ -z "$wrk_concs" ] || command -v wrk >/dev/null || { echo "wrk is missing (package wrk), or set WRK_CONCS=" >&2; exit 1; }
case " $modes " in *" update "*) ;; *) wrk_concs= ;; esac   # wrk drives update cells only
for port in "$pg_port" ${http_base}1 ${http_base}2 ${http_base}3 ${silo_base}1 ${silo_base}2 ${silo_base}3 \
            ${gateway_base}1 ${gateway_base}2 ${gateway_base}3 $floor_ports; do
  if ss -ltn | awk '{print $4}' | grep -q ":$port\$"; then echo "port $port is in use" >&2; exit 1; fi
done

mkdir -p "$out"/{pgbench,shape,slurp,floor,failover,profile,logs}
pg_dir="$out/pg"
mkdir -p "$pg_dir"
chown postgres "$pg_dir"
results="$out/results.jsonl"
: > "$results"
: > "$out/failover.jsonl"
as_pg() { runuser -u postgres -- "$@"; }
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -At "$@"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
log() { echo "# $(date -u +%FT%T.%3NZ) $* | load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/cells.log"; }

declare -A silo_pid=()
vmstat_pid=
floor_pid=
cleanup() {
  set +e
  for i in "${!silo_pid[@]}"; do
    kill -TERM "${silo_pid[$i]}" 2>/dev/null
  done
  [ -n "$floor_pid" ] && kill -TERM "$floor_pid" 2>/dev/null
  for p in "${silo_pid[@]}" $floor_pid; do
    for _ in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 1; done
    kill -KILL "$p" 2>/dev/null
  done
  [ -n "$vmstat_pid" ] && kill "$vmstat_pid" 2>/dev/null
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -t 60 stop >/dev/null
  fi
  [ "${KEEP_PG_DATA:-0}" = 1 ] || rm -rf "$pg_dir/data"
}
trap cleanup EXIT

# ---- machine and software --------------------------------------------------------------------------------
{
  echo "date_utc: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "mem: $(grep MemTotal /proc/meminfo | awk '{print $2, $3}')"
  echo "kernel: $(uname -r)"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "dotnet: $(dotnet --version) / runtime $(dotnet --list-runtimes | grep -m1 NETCore.App | awk '{print $2}')"
  echo "postgres: $("$pg_bin/postgres" --version)"
  echo "pgbench: $(pgbench --version)"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "load_at_start: $(cat /proc/loadavg)"
} | tee "$out/machine.txt"
vmstat -t 5 > "$out/vmstat.log" 2>&1 &
vmstat_pid=$!

# ---- PostgreSQL 15, durable ------------------------------------------------------------------------------
log "initdb"
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 > "$out/logs/initdb.log"
# Durable: fsync, synchronous_commit and full_page_writes are the defaults (on). Larger max_wal_size and
# checkpoint_timeout keep checkpoints out of the 10 s cells (a CHECKPOINT runs before each phase); both
# sides run on this same server with the same settings.
pg_opts="-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on"
# No checkpoint inside a cell: with 8 GB the WAL of a run set one off mid-phase (session 9: in session 8's runs
# it ran through round 3's SLURP cells each time, and three times of four began after pgbench's had finished). Each phase starts
# with a CHECKPOINT and writes well under 64 GB; every cell records how many checkpoints overlapped it.
pg_opts+=" -c max_connections=300 -c shared_buffers=512MB -c max_wal_size=64GB -c checkpoint_timeout=1h -c log_checkpoints=on"
pg_opts+=" -c shared_preload_libraries=pg_stat_statements -c track_wal_io_timing=on -c timezone=UTC -c log_timezone=UTC"
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -t 60 -l "$pg_dir/postgres.log" -o "$pg_opts" start > /dev/null
# (a log_line_prefix with spaces does not survive pg_ctl -o)
psql_ -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] '" -c "SELECT pg_reload_conf()" > /dev/null
psql_ -c "SELECT name, setting FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','wal_sync_method','wal_level','shared_buffers','max_wal_size','checkpoint_timeout','max_connections','server_version')" \
  | tee "$out/pg-settings.txt"
psql_ -c "CREATE DATABASE bench" -c "CREATE DATABASE slurp"
psql_ -d bench -v ON_ERROR_STOP=1 -f "$here/pgbench-init.sql" > /dev/null
psql_ -d slurp -c "CREATE EXTENSION pg_stat_statements"
log "db init"
dotnet "$host_dll" db init --ConnectionStrings:Slurp="$cs" | tee "$out/logs/db-init.log"
if [ "$shape" = 1 ]; then
  psql_ -c "CREATE DATABASE shape"
  dotnet "$host_dll" db init --ConnectionStrings:Slurp="Host=127.0.0.1;Port=$pg_port;Database=shape;Username=postgres" \
    >> "$out/logs/db-init.log"
  psql_ -d shape -v ON_ERROR_STOP=1 -f "$here/shape-init.sql" > /dev/null
fi

# ---- silos -----------------------------------------------------------------------------------------------
cluster_id=bench
read -r -a silo_extra <<< "${SILO_EXTRA:-}"
start_silo() { # index
  local i=$1
  mkdir -p "$out/data/silo$i"
  [ "$i" = 1 ] || [ ! -f "$out/data/silo1/master.key" ] || cp "$out/data/silo1/master.key" "$out/data/silo$i/master.key"
  (cd "$out" && exec dotnet "$host_dll" --urls "http://127.0.0.1:${http_base}$i" \
      --Slurp:Storage:Provider=Postgres --ConnectionStrings:Slurp="$cs" --Slurp:DataDir="$out/data/silo$i" \
      --Slurp:Cluster:ClusterId="$cluster_id" --Slurp:Cluster:SiloPort="${silo_base}$i" \
      --Slurp:Cluster:GatewayPort="${gateway_base}$i" --Slurp:Seal:Mode=dev \
      --Slurp:Auth:BootstrapAdminToken="$admin" "${silo_extra[@]}" >> "$out/logs/silo$i.log" 2>&1) &
  silo_pid[$i]=$!
}
wait_ready() { # index, seconds
  local i=$1 code=000
  for _ in $(seq 1 "$2"); do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:${http_base}$i/health/ready" || true)
    [ "$code" = 200 ] && return 0
    kill -0 "${silo_pid[$i]}" 2>/dev/null || { echo "silo $i exited; see $out/logs/silo$i.log" >&2; return 1; }
    sleep 1
  done
  echo "silo $i not ready after $2 s (last $code)" >&2
  return 1
}
stop_silo() { # index
  local i=$1 pid=${silo_pid[$1]:-}
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "silo_pid[$i]"
}

# Counters, to turn into per-operation figures: WAL fsyncs and their total time, commits and audit entries
# (pg_stat_wal, pg_stat_database, slurp_audit_log), and CPU ticks of the silos and of all postgres processes.
# The CPU helpers take the pids whose CPU goes into the first ("silo") column: the silos unless given, the
# floor's pid for a floor cell, so "silo CPU ms / op" is always the CPU of the HTTP service under test.
# Backends publish their statistics up to 10 s late when idle (PGSTAT_IDLE_INTERVAL), so a cell's closing
# snapshot is taken after SETTLE (11) seconds of quiet.
settle=${SETTLE:-11}
cpu_ticks() { # [pid...]
  [ $# -gt 0 ] || set -- "${silo_pid[@]}"
  python3 "$here/stats.py" cpu --pg "$(head -1 "$pg_dir/data/postmaster.pid")" "$@"
}
db_counters() {
  psql_ -d slurp -F' ' -c "SELECT w.wal_sync, w.wal_sync_time, (SELECT sum(xact_commit) FROM pg_stat_database),
    (SELECT coalesce(max(seq), 0) FROM slurp_audit_log) FROM pg_stat_wal w"
}
checkpoints() { psql_ -c "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter"; }
# The silos' group commits so far, from their /metrics (docs/storage.md): commits, the changes they carried and
# their seconds, summed over the silos (0 0 0 when none answers; the cells of pgbench and the floor leave them idle).
store_commits() {
  local i
  for i in "${!silo_pid[@]}"; do curl -s -m 2 "http://127.0.0.1:${http_base}$i/metrics" || true; done | awk '
    /^slurp_storage_commit_changes_count\{.*outcome="committed"/ { c += $NF }
    /^slurp_storage_commit_changes_sum\{.*outcome="committed"/ { s += $NF }
    /^slurp_storage_commit_duration_seconds_sum\{.*outcome="committed"/ { d += $NF }
    END { printf "%d %d %.6f\n", c, s, d }'
}
snap() { echo "$(db_counters) $(cpu_ticks "$@") $(checkpoints) $(store_commits)"; }   # [pid...] as cpu_ticks
# The closing snapshot: CPU right when the load stops, database counters after the settle time.
snap_end() { local c; c=$(cpu_ticks "$@"); sleep "$settle"; echo "$(db_counters) $c $(checkpoints) $(store_commits)"; }
per_op() { # before after ops -> fields for stats.py
  python3 - "$1" "$2" "$3" "$(getconf CLK_TCK)" <<'PY'
import sys
b, a, n, hz = sys.argv[1].split(), sys.argv[2].split(), max(int(sys.argv[3]), 1), int(sys.argv[4])
syncs = int(a[0]) - int(b[0])
print(f"fsyncs_per_op={syncs / n:.3f} fsync_ms_mean={(float(a[1]) - float(b[1])) / max(syncs, 1):.3f} "
      f"commits_per_op={(int(a[2]) - int(b[2])) / n:.3f} audit_entries={int(a[3]) - int(b[3])} ops={n} "
      f"silo_cpu_ms_per_op={(int(a[4]) - int(b[4])) * 1000 / hz / n:.3f} pg_cpu_ms_per_op={(int(a[5]) - int(b[5])) * 1000 / hz / n:.3f} "
      f"checkpoints={int(a[6]) - int(b[6])}")
# The silos' own commits (store_commits), when the cell made any: changes per commit and the commit's mean time.
commits = int(a[7]) - int(b[7])
if commits > 0:
    print(f"changes_per_commit={(int(a[8]) - int(b[8])) / commits:.2f} commit_ms_mean={(float(a[9]) - float(b[9])) * 1000 / commits:.3f}")
PY
}

pgbench_cell() { # phase round conc [kind: pgbench (upsert.sql in bench) or shape (slurp-shape.sql in shape)]
  local ph=$1 r=$2 c=$3 kind=${4:-pgbench} j tag s0 s1 lb la n script db
  j=$([ "$c" = 1 ] && echo 1 || echo 2)
  case $kind in
    pgbench) script="$here/upsert.sql"; db=bench ;;
    shape) script="$here/slurp-shape.sql"; db=shape ;;
  esac
  tag="$out/$kind/${ph}_c${c}_r${r}"
  log "$ph round $r $kind c$c"
  lb=$(load1); s0=$(snap)
  pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -f "$script" -c "$c" -j "$j" \
    -T "$duration" -l --log-prefix="$tag.log" "$db" > "$tag.txt" 2>&1
  la=$(load1); s1=$(snap_end)
  n=$(cat "$tag".log.* | wc -l)
  # shellcheck disable=SC2046
  python3 "$here/stats.py" pgbench "$tag.txt" "$tag".log.* --field kind="$kind" phase="$ph" round="$r" conc="$c" \
    load_before="$lb" load_after="$la" time="\"$(date -u +%T)\"" $(per_op "$s0" "$s1" "$n") | tee -a "$results"
}

slurp_cell() { # phase round conc mode
  local ph=$1 r=$2 c=$3 m=$4 tag label s0 s1 lb la n gen
  # write keeps the file names and label of the runs before SLURP_MODES; other modes carry their name.
  if [ "$m" = write ]; then
    tag="$out/slurp/${ph}_c${c}_r${r}"; label="slurp-$ph"
  else
    tag="$out/slurp/${ph}_${m}_c${c}_r${r}"; label="slurp-$ph-$m"
  fi
  log "$ph round $r SLURP $m c$c"
  if [ "$m" = write ]; then
    lb=$(load1); s0=$(snap)
    dotnet "$bench_dll" --url "http://127.0.0.1:${http_base}1" --admin-token "$admin" --mode write \
      --concurrency "$c" --duration "$duration" --warmup "$warmup" --label "$label" --json-out "$tag.json" \
      > "$tag.txt" 2>&1
    la=$(load1); s1=$(snap_end)
    n=$(( $(echo "$s1" | awk '{print $4}') - $(echo "$s0" | awk '{print $4}') - 1 ))   # minus the run's agent_create
  else
    gated_start "http://127.0.0.1:${http_base}1" "$admin" "$label" "$tag" "$c"
    lb=$(load1); s0=$(snap)
    gated_finish "$tag"
    la=$(load1); s1=$(snap_end)
    n=$(( $(echo "$s1" | awk '{print $4}') - $(echo "$s0" | awk '{print $4}') ))   # the agent and pool came before s0
  fi
  # shellcheck disable=SC2046
  python3 "$here/stats.py" slurp "$tag.json" --field phase="$ph" round="$r" conc="$c" \
    load_before="$lb" load_after="$la" time="\"$(date -u +%T)\"" $(per_op "$s0" "$s1" "$n") | tee -a "$results"
}

# Update mode behind a gate. The generator first creates its pool of nodes, then waits at the gate: the caller
# reads its opening counters after the pool (and a settle, as the pool's last statistics may still be pending),
# so the per-operation figures cover the updates (warm-up included, as for write) and not the creations.
gated_start() { # url admin-token label tag conc; sets gen
  rm -f "$4.gate"
  dotnet "$bench_dll" --url "$1" --admin-token "$2" --mode update \
    --update-nodes "$update_nodes" --start-gate "$4.gate" \
    --concurrency "$5" --duration "$duration" --warmup "$warmup" --label "$3" --json-out "$4.json" \
    > "$4.txt" 2>&1 &
  gen=$!
  # Bounded by the generator, which gives up on its setup and on the gate after a bounded time.
  while [ ! -e "$4.gate" ] && kill -0 "$gen" 2>/dev/null; do sleep 0.2; done
  [ -e "$4.gate" ] || { wait "$gen" || true; echo "$3 c$5: setup failed; see $4.txt" >&2; return 1; }
  sleep "$settle"
}
gated_finish() { # tag: opens the gate and waits for the measured run
  rm -f "$1.gate"
  wait "$gen"
}

floor_cell() { # phase round conc
  # Like slurp_cell's update branch, against the floor: the generator creates its pool (version 1 rows of
  # floor_kv), waits at the gate while the opening counters are read, then updates round-robin. The floor
  # writes no audit entries, so the operations counted are the version bumps in floor_kv between the
  # snapshots (warm-up included, as the SLURP cells' audit entries are); the CPU column is the floor's.
  local ph=$1 r=$2 c=$3 tag s0 s1 lb la n0 n1
  tag="$out/floor/${ph}_c${c}_r${r}"
  log "$ph round $r floor c$c"
  gated_start "http://127.0.0.1:${floor_port}" x "floor-$ph" "$tag" "$c"
  lb=$(load1); s0=$(snap "$floor_pid"); n0=$(floor_versions)
  gated_finish "$tag"
  la=$(load1); n1=$(floor_versions); s1=$(snap_end "$floor_pid")
  n=$(( n1 - n0 ))
  # shellcheck disable=SC2046
  python3 "$here/stats.py" floor "$tag.json" --field phase="$ph" round="$r" conc="$c" \
    load_before="$lb" load_after="$la" time="\"$(date -u +%T)\"" $(per_op "$s0" "$s1" "$n") | tee -a "$results"
}

# An update cell driven by wrk (wrk/update.lua) instead of the generator, against SLURP or the floor. wrk is a
# C client that costs about what pgbench does per request (≈ 0.016 against pgbench's ≈ 0.012 ms of CPU; the
# generator ≈ 0.034 ms), and every cell here shares 2 cores with its client. The generator creates the pool
# (--prepare-only) and the settle passes before the opening counters, as in gated_start; wrk's warm-up is a
# run of its own, so the operations counted are both runs' (warm-up included, as for the generator). Every
# request must add a version: the operations counted (audit entries, or the floor's version bumps) must be at
# least the requests wrk completed (more by those in flight at its deadline); stats.py counts a shortfall as errors.
seq_run=0
stored_ops() { # system snapshot: the audit entries so far (SLURP, from the snapshot) or the floor's version bumps
  if [ "$1" = slurp ]; then echo "$2" | awk '{print $4}'; else floor_versions; fi
}
wrk_cell() { # phase round conc system (slurp|floor)
  local ph=$1 r=$2 c=$3 sys=$4 url token tag lb la s0 s1 n0 n1 n t pid
  if [ "$sys" = slurp ]; then
    url="http://127.0.0.1:${http_base}1"; token=$admin; tag="$out/slurp/${ph}_update_wrk_c${c}_r${r}"; pid=("${silo_pid[@]}")
  else
    url="http://127.0.0.1:${floor_port}"; token=x; tag="$out/floor/${ph}_wrk_c${c}_r${r}"; pid=("$floor_pid")
  fi
  t=$([ "$c" = 1 ] && echo 1 || echo 2)
  log "$ph round $r $sys update c$c (wrk)"
  rm -rf "$tag.prep"
  dotnet "$bench_dll" --url "$url" --admin-token "$token" --mode update --update-nodes "$update_nodes" \
    --concurrency "$c" --prepare-only "$tag.prep" > "$tag.prep.txt" 2>&1 \
    || { echo "$sys wrk c$c: setup failed; see $tag.prep.txt" >&2; return 1; }
  sleep "$settle"
  lb=$(load1); s0=$(snap "${pid[@]}"); n0=$(stored_ops "$sys" "$s0")
  # Each wrk run continues the sequence numbers from a base of its own, so no body repeats a node's content.
  seq_run=$((seq_run + 2))
  (set -a; . "$tag.prep/env"; set +a
   export SLURP_PREPARED="$tag.prep" WRK_THREADS="$t"
   SEQ_BASE=$((seq_run * 1000000000)) wrk -t"$t" -c"$c" -d"${warmup}s" -s "$wrk_lua" "$url" > "$tag.warmup.txt" 2>&1
   # In a subshell of its own, whose `times` then gives the CPU of this wrk run alone (the client's cost).
   (SEQ_BASE=$(((seq_run + 1) * 1000000000)) wrk -t"$t" -c"$c" -d"${duration}s" --latency -s "$wrk_lua" "$url" > "$tag.txt" 2>&1
    times > "$tag.times"))
  la=$(load1); s1=$(snap_end "${pid[@]}"); n1=$(stored_ops "$sys" "$s1")
  n=$((n1 - n0))
  # shellcheck disable=SC2046
  python3 "$here/stats.py" wrk "$tag.txt" "$tag.warmup.txt" "$tag.times" --field kind="$sys" mode=update driver=wrk \
    update_nodes="$update_nodes" phase="$ph" round="$r" conc="$c" load_before="$lb" load_after="$la" \
    time="\"$(date -u +%T)\"" $(per_op "$s0" "$s1" "$n") | tee -a "$results"
}

profile() { # phase: statements per PUT over a 5 s single-writer run, then a trace of 3 single PUTs
  local ph=$1 s0 s1 n prep="$out/profile/prepared-$ph"
  log "$ph profile"
  local c0 c1
  c0=$(cpu_ticks); sleep 10; c1=$(cpu_ticks)
  echo "idle CPU over 10 s, in cores: silos $(python3 -c "import sys; a, b, hz = sys.argv[1].split(), sys.argv[2].split(), int(sys.argv[3]); print(f'{(int(b[0]) - int(a[0])) / hz / 10:.3f}, PostgreSQL {(int(b[1]) - int(a[1])) / hz / 10:.3f}')" "$c0" "$c1" "$(getconf CLK_TCK)")" \
    | tee "$out/profile/$ph-idle-cpu.txt"
  dotnet "$bench_dll" --url "http://127.0.0.1:${http_base}1" --admin-token "$admin" --mode write --prepare-only "$prep" \
    > /dev/null 2>&1
  psql_ -c "ALTER SYSTEM SET pg_stat_statements.track_planning = on" -c "SELECT pg_reload_conf()" > /dev/null
  sleep "$settle"
  psql_ -d slurp -c "SELECT pg_stat_statements_reset()" > /dev/null
  s0=$(snap)
  dotnet "$bench_dll" --url "http://127.0.0.1:${http_base}1" --token "$(grep ^SLURP_TOKEN= "$prep/env" | cut -d= -f2-)" \
    --mode write --concurrency 1 --duration 5 --warmup 0 --label "profile-$ph" > "$out/profile/$ph-run.txt" 2>&1
  s1=$(snap_end)
  n=$(( $(echo "$s1" | awk '{print $4}') - $(echo "$s0" | awk '{print $4}') ))
  {
    echo "PUTs (audit entries): $n"
    echo "per PUT: $(per_op "$s0" "$s1" "$n")"
    echo
    echo "calls per PUT | mean execution ms | plans per PUT | mean planning ms | rows per call | statement"
    psql_ -d slurp -F' | ' -c "SELECT round(calls::numeric / $n, 3), round(mean_exec_time::numeric, 3),
        round(plans::numeric / $n, 3), round(mean_plan_time::numeric, 3),
        round(rows::numeric / greatest(calls, 1), 2), left(regexp_replace(query, '\\s+', ' ', 'g'), 110)
      FROM pg_stat_statements WHERE calls >= $n / 20 ORDER BY calls DESC, total_exec_time DESC"
    echo
    echo "statement calls per PUT (all, excluding pg_stat_statements itself): $(psql_ -d slurp -c \
      "SELECT round(sum(calls)::numeric / $n, 2) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%'")"
    echo "server execution + planning ms per PUT: $(psql_ -d slurp -c \
      "SELECT round(sum(total_exec_time)::numeric / $n, 3) || ' + ' || round(sum(total_plan_time)::numeric / $n, 3)
         FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%'")"
    echo
    echo "grain state rows by state name (count, mean payload bytes):"
    psql_ -d slurp -F' | ' -c "SELECT grain_type, count(*), round(avg(octet_length(payload))) FROM orleans_grain_state GROUP BY 1 ORDER BY 2 DESC"
  } > "$out/profile/$ph-per-put.txt"
  cat "$out/profile/$ph-per-put.txt"

  psql_ -c "ALTER SYSTEM RESET pg_stat_statements.track_planning" -c "SELECT pg_reload_conf()" > /dev/null

  # Where 16 writers wait: pg_stat_activity of the slurp database sampled every 50 ms for 5 s.
  log "$ph profile: pg_stat_activity samples under 16 writers"
  dotnet "$bench_dll" --url "http://127.0.0.1:${http_base}1" --token "$(grep ^SLURP_TOKEN= "$prep/env" | cut -d= -f2-)" \
    --mode write --concurrency 16 --duration 7 --warmup 2 --label "sample-$ph" > "$out/profile/$ph-sample-run.txt" 2>&1 &
  local gen=$!
  sleep 3
  psql_ -d slurp -F' | ' > "$out/profile/$ph-waits.txt" <<'SQL'
CREATE TEMP TABLE samples (n int, state text, wait text, query text);
DO $$
BEGIN
  FOR i IN 1..100 LOOP
    PERFORM pg_stat_clear_snapshot();
    INSERT INTO samples
    SELECT i, state, coalesce(wait_event_type || ':' || wait_event, 'on CPU'),
           CASE WHEN query LIKE '%pg_advisory_xact_lock%' THEN 'audit: advisory lock'
                WHEN query LIKE '%slurp_audit_log ORDER BY seq DESC%' THEN 'audit: read chain tail'
                WHEN query LIKE 'INSERT INTO slurp_audit_log%' THEN 'audit: insert entry'
                WHEN query LIKE '%UPDATE orleans_grain_state%' THEN 'grain state: write'
                WHEN query LIKE '%FROM orleans_grain_state%' THEN 'grain state: read'
                WHEN query LIKE '%orleans_cluster%' THEN 'membership'
                ELSE left(regexp_replace(query, '\s+', ' ', 'g'), 40) END
      FROM pg_stat_activity
     WHERE datname = 'slurp' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
       AND state <> 'idle';
    PERFORM pg_sleep(0.05);
  END LOOP;
END $$;
SELECT 'mean backends per sample (of 100 samples), by state, wait, statement';
SELECT round(count(*) / 100.0, 2) AS per_sample, state, wait, query
  FROM samples GROUP BY state, wait, query ORDER BY 1 DESC;
SQL
  wait "$gen" || true
  cat "$out/profile/$ph-waits.txt"

  # A trace of 3 single PUTs, 1 s apart, every statement with its server-side duration.
  psql_ -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()" > /dev/null
  sleep 1
  local from token task
  token=$(grep ^SLURP_TOKEN= "$prep/env" | cut -d= -f2-); task=$(grep ^SLURP_TASK= "$prep/env" | cut -d= -f2-)
  from=$(date -u +%T.%3N)
  for k in 1 2 3; do
    echo "PUT $k sent $(date -u +%T.%3N)" >> "$out/profile/$ph-trace-puts.txt"
    curl -s -o /dev/null -m 30 -w "%{http_code} %{time_total}s\n" -X PUT \
      "http://127.0.0.1:${http_base}1/v1/context?address=ucxl%3A%2F%2Fany%3Aany%40bench%3A${task}%2Fsrc%2Ftrace%2Fd0%2Ff$k" \
      -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$prep/put-body.json" \
      >> "$out/profile/$ph-trace-puts.txt"
    sleep 1
  done
  psql_ -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" > /dev/null
  sleep 0.5
  python3 "$here/pglog.py" "$pg_dir/postgres.log" --from "$from" > "$out/profile/$ph-trace.txt"
  cat "$out/profile/$ph-trace-puts.txt"
}

failover() {
  local t prep="$out/failover/prepared" lb
  dotnet "$bench_dll" --url "http://127.0.0.1:${http_base}1" --admin-token "$admin" --mode write --prepare-only "$prep" \
    > /dev/null 2>&1
  for t in $(seq 1 "$trials"); do
    log "failover trial $t: kill -9 silo 2 (pid ${silo_pid[2]})"
    lb=$(load1)
    # The writers' folders are created through silo 2 (--seed-url), so they live there (NodePlacement=Local)
    # and the writers through silo 1 depend on the silo that is killed.
    python3 "$here/failover.py" --url "http://127.0.0.1:${http_base}1" --seed-url "http://127.0.0.1:${http_base}2" \
      --prepared "$prep" --kill-pid "${silo_pid[2]}" \
      --writers 8 --before 5 --after 20 --label "t$t" --raw "$out/failover/t$t.raw" > "$out/failover/t$t.json"
    wait "${silo_pid[2]}" 2>/dev/null || true
    unset "silo_pid[2]"
    python3 - "$out/failover/t$t.json" "$lb" "$(load1)" <<'PY' | tee -a "$out/failover.jsonl"
import json, sys
r = json.load(open(sys.argv[1])); r["load_before"] = float(sys.argv[2]); r["load_after"] = float(sys.argv[3])
print(json.dumps(r))
PY
    psql_ -d slurp -c "SELECT port, generation, status FROM orleans_cluster_member WHERE deployment_id = '$cluster_id' ORDER BY port, generation" \
      > "$out/failover/t$t-membership.txt"
    log "failover trial $t: restart silo 2"
    start_silo 2
    wait_ready 2 120
    sleep 10   # let membership and placement settle before the next kill
  done
}

# ---- the floor --------------------------------------------------------------------------------------------
# One floor server for the whole run, on the same PostgreSQL server as pgbench (database bench, next to kv;
# it creates floor_kv itself before it listens). It does not depend on the silos, so it stays up across the
# phases; between its cells it is idle, as pgbench is between its own.
floor_versions() { psql_ -d bench -c "SELECT coalesce(sum(version), 0) FROM floor_kv"; }
if [ "$floor" = 1 ]; then
  log "floor: start on port $floor_port"
  (cd "$out" && exec dotnet "$floor_dll" --urls "http://127.0.0.1:${floor_port}" \
      --ConnectionStrings:Floor="Host=127.0.0.1;Port=$pg_port;Database=bench;Username=postgres" \
      >> "$out/logs/floor.log" 2>&1) &
  floor_pid=$!
  code=000
  for _ in $(seq 1 60); do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:${floor_port}/health/ready" || true)
    [ "$code" = 200 ] && break
    kill -0 "$floor_pid" 2>/dev/null || { echo "the floor exited; see $out/logs/floor.log" >&2; exit 1; }
    sleep 1
  done
  [ "$code" = 200 ] || { echo "the floor is not ready after 60 s (last $code); see $out/logs/floor.log" >&2; exit 1; }
fi

# ---- the phases -------------------------------------------------------------------------------------------
for ph in $phases; do
  case $ph in
    3silo) silos="1 2 3" ;;
    1silo) silos="1" ;;
    *) echo "unknown phase $ph" >&2; exit 1 ;;
  esac
  cluster_id="bench-$ph"
  log "$ph: start silos $silos"
  start_silo 1
  wait_ready 1 120
  for i in $silos; do [ "$i" = 1 ] || start_silo "$i"; done
  for i in $silos; do wait_ready "$i" 120; done
  psql_ -d bench -c "CHECKPOINT"
  log "$ph: warm-up (SLURP 10 s at 16 per mode: $modes; pgbench 5 s at 16$([ "$floor" = 0 ] || echo "; floor 5 s at 16"))"
  for m in $modes; do
    dotnet "$bench_dll" --url "http://127.0.0.1:${http_base}1" --admin-token "$admin" --mode "$m" \
      --update-nodes "$update_nodes" --concurrency 16 --duration 10 --warmup 2 \
      > "$out/slurp/$ph-$([ "$m" = write ] || echo "$m-")warmup.txt" 2>&1
  done
  pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -f "$here/upsert.sql" -c 16 -j 2 -T 5 bench \
    > "$out/pgbench/$ph-warmup.txt" 2>&1
  if [ "$shape" = 1 ]; then
    pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -f "$here/slurp-shape.sql" -c 1 -T 5 shape \
      > "$out/shape/$ph-warmup.txt" 2>&1
  fi
  # The floor's JIT, connection pool and floor_kv pages, as pgbench's warm-up does for kv.
  if [ "$floor" = 1 ]; then
    dotnet "$bench_dll" --url "http://127.0.0.1:${floor_port}" --admin-token x --mode update \
      --update-nodes "$update_nodes" --concurrency 16 --duration 5 --warmup 1 > "$out/floor/$ph-warmup.txt" 2>&1
  fi
  for r in $(seq 1 "$runs"); do
    pgbench_cell "$ph" "$r" 1
    if [ "$shape" = 1 ]; then pgbench_cell "$ph" "$r" 1 shape; fi
    if [ "$floor" = 1 ]; then floor_cell "$ph" "$r" 1; fi   # (not in a || list, which would switch off set -e inside)
    for m in $modes; do slurp_cell "$ph" "$r" 1 "$m"; done
    case " $wrk_concs " in *" 1 "*)
      if [ "$floor" = 1 ]; then wrk_cell "$ph" "$r" 1 floor; fi
      wrk_cell "$ph" "$r" 1 slurp ;;
    esac
    pgbench_cell "$ph" "$r" 16
    if [ "$floor" = 1 ]; then floor_cell "$ph" "$r" 16; fi
    for m in $modes; do slurp_cell "$ph" "$r" 16 "$m"; done
    case " $wrk_concs " in *" 16 "*)
      if [ "$floor" = 1 ]; then wrk_cell "$ph" "$r" 16 floor; fi
      wrk_cell "$ph" "$r" 16 slurp ;;
    esac
  done
  [ "${PROFILE:-1}" = 1 ] && profile "$ph"
  [ "$ph" = 3silo ] && [ "${FAILOVER:-1}" = 1 ] && failover
  for i in $silos; do stop_silo "$i"; done
done

log "done"
python3 "$here/stats.py" summary "$results" "$out/failover.jsonl" | tee "$out/summary.md"
echo "results in $out"
