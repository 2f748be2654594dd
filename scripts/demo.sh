#!/usr/bin/env bash
# Demo on a fresh machine: installs Dovecot if needed, builds the module, starts two throwaway
# Dovecot servers on loopback, seeds the source with sample mail, migrates it with New-OmmMigration
# through the built module (hosted PowerShell engine, no pwsh needed), shows Get-OmmMigration and
# checks every message arrived byte for byte.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-prerequisites.sh
dotnet build Omm.sln -c Release --nologo -v q
dotnet run --project tools/Omm.Demo -c Release --no-build
