#!/usr/bin/env bash
# Runs every test: installs what they need (Dovecot), builds the solution (which lays out the module
# at out/Omm), runs both test projects and prints the totals taken from their results, last line
# alone: "N passed, N failed" (", N skipped" when any). Exits non-zero when anything failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install-prerequisites.sh || exit 1

if ! dotnet build Omm.sln -c Release --nologo -v q; then
  echo "The build failed; no test ran."
  echo "0 passed, 0 failed"
  exit 1
fi

results="$root/TestResults"
rm -rf "$results"
status=0
expected=0
for project in tests/*.Tests; do
  expected=$((expected + 1))
  name=$(basename "$project")
  dotnet test "$project" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=$?
done

passed=0; failed=0; skipped=0; reports=0
for report in "$results"/*.trx; do
  [ -f "$report" ] || continue
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$report")
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  # The trx logger counts a skipped test in total but not in executed (notExecuted stays 0).
  skipped=$((skipped + $(value total) - $(value executed)))
done

if [ "$reports" -lt "$expected" ]; then
  echo "Only $reports of $expected test projects reported results (a test host crashed?)."
  [ "$status" -eq 0 ] && status=1
fi
[ "$failed" -gt 0 ] && [ "$status" -eq 0 ] && status=1

totals="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && totals="$totals, $skipped skipped"
echo "$totals"
exit "$status"
