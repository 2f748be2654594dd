# Another module's MailKit 4.0.0, MimeKit 4.18.0 and BouncyCastle (2.4.0 and Portable 1.9.0) are loaded and used first;
# then Omm is imported and imports .eml files into an IMAP account. Prints one JSON line: what Omm returned, what the
# other libraries still do, and where every copy lives.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Packages,
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $Destination,
    [Parameter(Mandatory)] [string] $Login,
    [Parameter(Mandatory)] [string] $Password,
    [Parameter(Mandatory)] [string] $StatePath
)
$ErrorActionPreference = 'Stop'
. "$PSScriptRoot/OtherLibraries.ps1"

$before = Import-OtherLibraries -Packages $Packages -MailKitVersion '4.0.0'
Import-Module $ModulePath
$migration = Import-OmmFile -Path $Path -DestinationServer $Destination -DestinationLogin $Login -DestinationPassword $Password `
    -DestinationSecurity None -StatePath $StatePath
$after = Test-OtherLibraries

[pscustomobject]@{
    Status     = "$($migration.Status)"
    Migrated   = $migration.Progress[0].Migrated
    IsContract = $migration -is [Omm.Migration]
    Before     = $before
    After      = $after
    Assemblies = @(Get-LibraryReport)
} | ConvertTo-Json -Depth 4 -Compress
