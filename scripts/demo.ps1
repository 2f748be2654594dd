<#
.SYNOPSIS
    README's demo in real pwsh: starts throwaway Dovecot and Radicale servers on 127.0.0.1, seeds the source, then runs
    the lines an admin types after Import-Module (each shown before it runs) and checks the destination.
.DESCRIPTION
    Needs the built solution (dotnet build Omm.sln -c Release): the module at out/Omm and tools/Omm.TestServerHost.
    scripts/demo.sh and ./build.ps1 -Task Demo run it. Exits 1 unless every message arrived byte for byte and every
    contact, event and task arrived.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Omm/Omm.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tools/Omm.TestServerHost/bin/Release/net10.0/OmmTestServers.psm1')

$user = 'demo@omm.test'
Write-Host 'Starting two throwaway Dovecot and two Radicale servers on 127.0.0.1...'
$servers = Start-OmmTestServer -Dav -DavUser $user
$work = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) ("omm-demo-{0}" -f [guid]::NewGuid().ToString('N')))
try {
    $seeded = Invoke-OmmTestServer $servers "seed $user sample"
    Write-Host "  source      $($servers.Source)  IMAP, folders separated by '/', seeded with $($seeded.Messages) messages in $($seeded.Folders) folders (one of 8 MB)"
    Write-Host "  destination $($servers.Destination)  IMAP, folders separated by '.', special folders Sent Items, Deleted Items, Junk E-mail"
    Write-Host "  source DAV      $($servers.SourceDav)"
    Write-Host "  destination DAV $($servers.DestinationDav)"
    $fixtures = $servers.Fixtures
    $source = $servers.Source; $destination = $servers.Destination
    $sourceDav = $servers.SourceDav; $destinationDav = $servers.DestinationDav
    $password = $servers.Password
    $statePath = Join-Path $work 'omm.db'
    Write-Host ''

    # What an admin types, each line shown as at the prompt and run in this scope.
    $typed = @(
        "Import-Module '$ModulePath'",
        '$cred = [pscredential]::new($user, (ConvertTo-SecureString $password -AsPlainText -Force))',
        '# Contacts, events and tasks for the source DAV account, from the shared .vcf and .ics files',
        'Import-OmmFile "$fixtures/vcf/John_Doe_IPHONE.vcf", "$fixtures/vcf/outlook-2007.vcf", "$fixtures/ics/outlook-2010.ics", "$fixtures/ics/rfc5545-example3.ics" -DestinationDavUrl $sourceDav -DestinationCredential $cred -StatePath (Join-Path $work seed.db) | Out-Null',
        '# The migration: mail, contacts, calendars and tasks, in one command',
        '$m = New-OmmMigration -SourceServer $source -SourceDavUrl $sourceDav -SourceSecurity None -SourceCredential $cred -DestinationServer $destination -DestinationDavUrl $destinationDav -DestinationSecurity None -DestinationCredential $cred -Include Mail,Contacts,Calendar,Tasks -Project demo -StatePath $statePath',
        'Get-OmmMigration -StatePath $statePath',
        '$m.Progress | Format-Table',
        '# Until cut-over: a sync copies what is new, never twice',
        'Sync-OmmMigration $m.Id -SourceCredential $cred -DestinationCredential $cred -StatePath $statePath',
        'Get-OmmProject demo -StatePath $statePath'
    )
    foreach ($line in $typed) {
        if ($line.StartsWith('#')) { Write-Host $line -ForegroundColor DarkGray; continue }
        Write-Host "PS> $line" -ForegroundColor Cyan
        . ([scriptblock]::Create($line)) | Out-Host
    }
    Write-Host ''
    Write-Host 'Checking the destination against the source over IMAP and HTTP (not with Omm)...'
    $mail = Invoke-OmmTestServer $servers "check $user"
    foreach ($folder in $mail.Folders.PSObject.Properties) { Write-Host ('  {0,-28} {1,4} messages' -f $folder.Name, $folder.Value) }
    Write-Host "$($mail.Identical) of $($mail.Source) source messages are on the destination byte for byte ($($mail.Destination) there in all)."
    $dav = Invoke-OmmTestServer $servers "dav $user"
    foreach ($collection in $dav.Collections.PSObject.Properties) { Write-Host ('  {0,-28} {1,4} items' -f $collection.Name, $collection.Value) }
    Write-Host "$($dav.Destination) of $($dav.Source) contacts, events and tasks are on the destination$(if ($dav.SameCollections) { ', in collections of the same names' })."
    $ok = $mail.Identical -eq $mail.Source -and $mail.Destination -eq $mail.Source -and $dav.SameCollections -and $dav.Destination -eq $dav.Source -and $dav.Source -gt 0
    Write-Host $(if ($ok) { 'Demo passed.' } else { 'Demo FAILED.' })
    if (-not $ok) { exit 1 }
}
finally {
    Stop-OmmTestServer $servers
    Remove-Item $work -Recurse -ErrorAction SilentlyContinue
}
