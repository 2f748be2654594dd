<#
.SYNOPSIS
    Builds, tests or packages the Omm module, for people who have pwsh. Without pwsh, use
    `dotnet build Omm.sln -c Release` and `bash scripts/test.sh`: they do the same.
.EXAMPLE
    ./build.ps1                 # lays out the importable module at out/Omm
    ./build.ps1 -Task Test      # all tests (Linux: needs Dovecot, see scripts/install-prerequisites.sh)
    ./build.ps1 -Task Package   # out/Omm-<version>.zip
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Push-Location $PSScriptRoot
try {
    switch ($Task) {
        'Build' {
            dotnet build Omm.sln -c $Configuration --nologo
            if ($LASTEXITCODE) { throw "dotnet build failed ($LASTEXITCODE)." }
        }
        'Test' {
            if ($IsLinux) {
                bash scripts/test.sh
            } else {
                dotnet test Omm.sln -c $Configuration --nologo
            }
            if ($LASTEXITCODE) { throw "Tests failed ($LASTEXITCODE)." }
        }
        'Package' {
            dotnet build Omm.sln -c $Configuration --nologo
            if ($LASTEXITCODE) { throw "dotnet build failed ($LASTEXITCODE)." }
            $version = (Import-PowerShellDataFile ./Omm.psd1).ModuleVersion
            $zip = Join-Path out "Omm-$version.zip"
            Compress-Archive -Path out/Omm -DestinationPath $zip -Force
            Write-Host "Packaged $zip"
        }
    }
}
finally {
    Pop-Location
}
