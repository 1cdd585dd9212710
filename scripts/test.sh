#!/usr/bin/env bash
# The one test command: builds the solution (warnings are errors) and runs every test project.
# Later profiles (PostgreSQL) start what they need from here too.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The PostgreSQL profile's tests (tests/Slurp.Postgres.Tests, and the API suite's second run below) need a real
# server: unless SLURP_TEST_POSTGRES already names one, start a throwaway PostgreSQL 15 on a free loopback port for
# this run and remove it after.
if [ -z "${SLURP_TEST_POSTGRES:-}" ]; then
  pg_bin=/usr/lib/postgresql/15/bin
  if [ ! -x "$pg_bin/initdb" ]; then
    echo "== install PostgreSQL 15"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  pg_data=$(mktemp -d /tmp/slurp-test-pg.XXXXXX)
  pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$pg_data"
    as_pg=(runuser -u postgres --) # initdb refuses to run as root
  fi
  echo "== start PostgreSQL 15 on 127.0.0.1:$pg_port"
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data/data" -A trust -U postgres -E UTF8 >"$pg_data/initdb.log"
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data/data" -w -l "$pg_data/server.log" \
    -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  trap '"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data/data" -m fast stop >/dev/null || true; rm -rf "$pg_data"' EXIT
  export SLURP_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
fi

echo "== build"
dotnet build Slurp.Orleans.sln -c Release -nologo -v quiet

rm -rf artifacts/test-results
status=0
export SLURP_API_PROFILE=sqlite # the API suite's first run is the embedded default, whatever the caller set
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== test $name"
  if ! dotnet test "$project" -c Release --no-build -nologo -v quiet \
      --logger "console;verbosity=minimal" --logger "trx;LogFileName=$name.trx" \
      --results-directory "artifacts/test-results"; then
    status=1
  fi
done

# The API suite once more on the PostgreSQL cluster profile: every host on a fresh database of its own (schema
# applied at start), storage checks reading the rows instead of the SQLite file. Its own TRX, counted below.
echo "== test Slurp.Api.Tests (SLURP_API_PROFILE=postgres)"
if ! SLURP_API_PROFILE=postgres dotnet test tests/Slurp.Api.Tests/Slurp.Api.Tests.csproj -c Release --no-build -nologo -v quiet \
    --logger "console;verbosity=minimal" --logger "trx;LogFileName=Slurp.Api.Tests.postgres.trx" \
    --results-directory "artifacts/test-results"; then
  status=1
fi

# One closing line over all projects and profiles, summed from the TRX counters.
passed=0; failed=0; skipped=0
for trx in artifacts/test-results/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
echo "$passed passed, $failed failed, $skipped skipped"

if [ "$status" -ne 0 ]; then
  echo "== some tests failed"
fi
exit "$status"
