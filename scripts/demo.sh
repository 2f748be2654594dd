#!/usr/bin/env bash
# Demo on a fresh machine: installs Dovecot and Radicale if needed, builds the module, starts
# throwaway Dovecot and Radicale servers on loopback, seeds the source with sample mail and with
# contacts, events and tasks (Import-OmmFile of the team's .vcf/.ics fixtures), migrates it all with
# one New-OmmMigration through the built module (hosted PowerShell engine, no pwsh needed), shows
# Get-OmmMigration and checks every message arrived byte for byte and every contact and event arrived.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-prerequisites.sh
dotnet build Omm.sln -c Release --nologo -v q
dotnet run --project tools/Omm.Demo -c Release --no-build
