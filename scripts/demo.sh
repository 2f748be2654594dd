#!/usr/bin/env bash
# Demo on a fresh machine: installs Dovecot and Radicale (apt) and pwsh 7.6.9 (a dotnet tool in .tools/pwsh) if
# needed, builds the module, then runs scripts/demo.ps1 in real pwsh: throwaway Dovecot and Radicale servers on
# loopback, a seeded source, and the lines an admin types after Import-Module ./out/Omm/Omm.psd1 (a migration of
# mail, contacts, calendars and tasks, Get-OmmMigration, a sync), then checks every message arrived byte for byte
# and every contact and event arrived.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-prerequisites.sh
pwsh=$(bash scripts/install-pwsh.sh | sed -n 1p)
dotnet build Omm.sln -c Release --nologo -v q
"$pwsh" -NoProfile -File scripts/demo.ps1
