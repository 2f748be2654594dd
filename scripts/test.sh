#!/usr/bin/env bash
# Runs every test: installs what they need (Dovecot..., pwsh 7.6.9 and Pester 5.7.1), builds the solution (which
# lays out the module at out/Omm), runs the xunit test projects and the Pester scenarios (tests/Pester, in real pwsh
# against out/Omm) and prints the totals taken from their results, last line alone: "N passed, N failed"
# (", N skipped" when any). Exits non-zero when anything failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install-prerequisites.sh || exit 1
tools=$(bash scripts/install-pwsh.sh) || { echo "Could not install pwsh and Pester."; echo "0 passed, 0 failed"; exit 1; }
pwsh=$(echo "$tools" | sed -n 1p)
pester=$(echo "$tools" | sed -n 2p)

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

expected=$((expected + 1))
pester_log="$results/pester.log"
"$pwsh" -NoProfile -NonInteractive -File tests/Pester/Run-Pester.ps1 -ModulePath out/Omm/Omm.psd1 -PesterPath "$pester" \
  -ResultPath "$results/Pester.xml" 2>&1 | tee "$pester_log" || status=1
pester_counts=$(grep -a '^PESTER ' "$pester_log" | tail -1)

passed=0; failed=0; skipped=0; reports=0
if [ -n "$pester_counts" ]; then
  read -r _ pester_passed pester_failed pester_skipped <<< "$pester_counts"
  reports=$((reports + 1))
  passed=$((passed + pester_passed)); failed=$((failed + pester_failed)); skipped=$((skipped + pester_skipped))
fi
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
