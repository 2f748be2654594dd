<#
.SYNOPSIS
    Builds, tests, packages or demonstrates the Omm module, in pwsh. Without pwsh, `dotnet build Omm.sln -c Release`,
    `bash scripts/test.sh` and `bash scripts/demo.sh` do the same (scripts/install-pwsh.sh installs pwsh 7.6.9).
.EXAMPLE
    ./build.ps1                 # lays out the importable module at out/Omm
.EXAMPLE
    ./build.ps1 -Task Test      # all tests: xunit and Pester (Linux: installs Dovecot & co. with apt)
.EXAMPLE
    ./build.ps1 -Task Package   # out/packages/Omm.<version>.nupkg, for Install-PSResource from a folder repository
.EXAMPLE
    ./build.ps1 -Task Demo      # throwaway servers, one migration typed as an admin would, checked
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Package: where the .nupkg goes.
    [string] $OutputPath = (Join-Path $PSScriptRoot 'out/packages'),

    # Package and Demo: use out/Omm as it is, without building first.
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'

function Invoke-Build {
    dotnet build (Join-Path $PSScriptRoot 'Omm.sln') -c $Configuration --nologo -v q
    if ($LASTEXITCODE) { throw "dotnet build failed ($LASTEXITCODE)." }
}

$module = Join-Path $PSScriptRoot 'out/Omm'
switch ($Task) {
    'Build' {
        Invoke-Build
    }
    'Test' {
        if ($IsLinux) {
            bash (Join-Path $PSScriptRoot 'scripts/test.sh')
        }
        else {
            Invoke-Build
            dotnet test (Join-Path $PSScriptRoot 'Omm.sln') -c $Configuration --no-build --nologo
        }
        if ($LASTEXITCODE) { throw "Tests failed ($LASTEXITCODE)." }
    }
    'Package' {
        if (-not $NoBuild) { Invoke-Build }
        $version = (Import-PowerShellDataFile (Join-Path $module 'Omm.psd1')).ModuleVersion
        New-Item -ItemType Directory -Force $OutputPath | Out-Null
        # Compress-PSResource (PSResourceGet, in pwsh 7.4 and later) makes the .nupkg Install-PSResource and
        # Install-Module take from a repository that is a folder: the module folder at the package's root.
        Compress-PSResource -Path $module -DestinationPath $OutputPath
        $package = Join-Path $OutputPath "Omm.$version.nupkg"
        if (-not (Test-Path $package)) { throw "Compress-PSResource made no $package." }
        Write-Host "Packaged $package"
        Write-Host "Install it: Register-PSResourceRepository -Name OmmLocal -Uri '$OutputPath' -Trusted; Install-PSResource Omm -Repository OmmLocal"
    }
    'Demo' {
        if (-not $NoBuild) { Invoke-Build }
        & (Join-Path $PSScriptRoot 'scripts/demo.ps1') -ModulePath (Join-Path $module 'Omm.psd1')
        if ($LASTEXITCODE) { throw "The demo failed ($LASTEXITCODE)." }
    }
}
