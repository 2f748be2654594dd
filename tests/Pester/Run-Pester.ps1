<#
.SYNOPSIS
    Runs the Pester scenarios of this folder against the built module, as a user's session imports it.
.DESCRIPTION
    Writes NUnit XML results to -ResultPath and, last, one line "PESTER <passed> <failed> <skipped>" that scripts/test.sh
    adds to the totals. Exits 1 when a test failed.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    # Starts throwaway Dovecot servers for the scenarios (built with the solution).
    [string] $TestServersPath = (Join-Path $PSScriptRoot '../../tools/Omm.TestServerHost/bin/Release/net10.0/OmmTestServers.psm1')
)

# Plain text in CI logs, not colour codes.
$PSStyle.OutputRendering = 'PlainText'
# and from the pwsh processes the scenarios start: an escape character in a failure message breaks the NUnit report.
$env:NO_COLOR = '1'
Import-Module $PesterPath -ErrorAction Stop
$env:OMM_TEST_MODULE = (Resolve-Path $ModulePath).Path
$env:OMM_TEST_SERVERS = (Resolve-Path $TestServersPath).Path
$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultPath
try {
    $result = Invoke-Pester -Configuration $configuration
}
catch {
    # Pester could not finish (its report, say): the totals must still show a failure.
    Write-Host "Pester did not finish: $_"
    'PESTER 0 1 0'
    exit 1
}
"PESTER $($result.PassedCount) $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount) $($result.SkippedCount)"
if ($result.Result -ne 'Passed') { exit 1 }
