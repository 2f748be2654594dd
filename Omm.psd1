@{
    RootModule           = 'Omm.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '7f375a8d-3102-4a65-8e91-40ab4eaba486'
    Author               = 'Omm contributors'
    CompanyName          = 'Omm'
    Copyright            = '(c) Omm contributors. MIT licence.'
    Description          = 'Moves whole mailboxes (mail, folders, contacts, calendars and tasks) from IMAP, POP3, CalDAV/CardDAV and Exchange (EWS) accounts and from PST, mbox, EML, VCF and ICS files into IMAP, CalDAV/CardDAV or Exchange accounts, resumable, and keeps them in sync until cut-over. A self-run OVH Mail Migrator.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('Omm.format.ps1xml')
    CmdletsToExport      = @('New-OmmMigration', 'Get-OmmMigration', 'Sync-OmmMigration', 'Stop-OmmMigration', 'Remove-OmmMigratedItem', 'Get-OmmProject', 'Import-OmmFile')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Migration', 'IMAP', 'Mail', 'Exchange', 'OVH', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri = 'https://github.com/omm/omm'
        }
    }
}
