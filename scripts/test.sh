#!/usr/bin/env bash
# The one test command: builds the solution (warnings are errors) and runs every test project.
# Later profiles (PostgreSQL) start what they need from here too.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== build"
dotnet build Slurp.Orleans.sln -c Release -nologo -v quiet

rm -rf artifacts/test-results
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== test $name"
  if ! dotnet test "$project" -c Release --no-build -nologo -v quiet \
      --logger "console;verbosity=minimal" --logger "trx;LogFileName=$name.trx" \
      --results-directory "artifacts/test-results"; then
    status=1
  fi
done

# One closing line over all projects, summed from the TRX counters.
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
