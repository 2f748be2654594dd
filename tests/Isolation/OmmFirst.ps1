# Omm is imported and imports a folder of .eml files into an IMAP account; then another module's MailKit 2.8.0,
# MimeKit 4.18.0 and BouncyCastle (2.4.0 and Portable 1.9.0) are loaded and used; then Omm imports a second folder.
# Prints one JSON line: what Omm returned each time, what the other libraries do, and where every copy lives.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Packages,
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $SecondPath,
    [Parameter(Mandatory)] [string] $Destination,
    [Parameter(Mandatory)] [string] $Login,
    [Parameter(Mandatory)] [string] $Password,
    [Parameter(Mandatory)] [string] $StatePath
)
$ErrorActionPreference = 'Stop'
. "$PSScriptRoot/OtherLibraries.ps1"

Import-Module $ModulePath
$import = @{ DestinationServer = $Destination; DestinationLogin = $Login; DestinationPassword = $Password; DestinationSecurity = 'None'; StatePath = $StatePath }
$first = Import-OmmFile -Path $Path @import
$other = Import-OtherLibraries -Packages $Packages -MailKitVersion '2.8.0'
$second = Import-OmmFile -Path $SecondPath @import

[pscustomobject]@{
    Status       = "$($first.Status)"
    Migrated     = $first.Progress[0].Migrated
    SecondStatus = "$($second.Status)"
    SecondMigrated = $second.Progress[0].Migrated
    Other        = $other
    Assemblies   = @(Get-LibraryReport)
} | ConvertTo-Json -Depth 4 -Compress
