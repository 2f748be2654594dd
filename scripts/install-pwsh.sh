#!/usr/bin/env bash
# Installs, when missing, what the Pester scenarios run in: PowerShell 7.6.9 (the dotnet tool, into .tools/pwsh)
# and Pester 5.7.1 (a NuGet package that holds the module, restored into the NuGet cache). Prints the paths of
# pwsh and of Pester.psd1, one per line. Needs no network beyond the NuGet registry.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pwsh="$root/.tools/pwsh/pwsh"
if [ ! -x "$pwsh" ]; then
  dotnet tool install --tool-path "$root/.tools/pwsh" PowerShell --version 7.6.9 >&2
fi
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
pester="$packages/pester/5.7.1/tools/Pester.psd1"
if [ ! -f "$pester" ]; then
  dotnet restore "$root/tests/Pester/Pester.proj" --nologo -v q >&2
fi
echo "$pwsh"
echo "$pester"
