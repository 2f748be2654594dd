# What an admin sees in the console: errors as records with categories and ids, and the migration table.

BeforeAll {
    Import-Module $env:OMM_TEST_MODULE -Force
    $statePath = Join-Path ([IO.Path]::GetTempPath()) ("omm-pester-{0}.db" -f [guid]::NewGuid().ToString('N'))

    # A port nothing listens on: each pass fails fast with a connection error, which is all these scenarios need.
    $unreachable = @{
        SourceServer = '127.0.0.1:1'; SourcePassword = 'x'; SourceSecurity = 'None'
        DestinationServer = '127.0.0.1:1'; DestinationPassword = 'y'; DestinationSecurity = 'None'
        StatePath = $statePath; ErrorAction = 'SilentlyContinue'
    }
}

AfterAll {
    Remove-Item "$statePath*" -ErrorAction SilentlyContinue
}

Describe 'A migration whose servers cannot be reached' {
    BeforeAll {
        $migration = New-OmmMigration @unreachable -SourceLogin 'jean-philippe.dupont@very-long-company-domain.example' `
            -DestinationLogin 'marie-christine.durand@very-long-company-domain.example' -ErrorVariable failures
    }

    It 'is returned, Failed, with the reason' {
        $migration.Status | Should -Be 'Failed'
        $migration.Id | Should -Match '^[a-z0-9]{8}$'
    }

    It 'writes one error record a script can test' {
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MigrationFailed,*NewOmmMigrationCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failures[0].Exception.Message | Should -Match 'source'
    }
}

Describe 'Get-OmmMigration | Format-Table' {
    BeforeAll {
        New-OmmMigration @unreachable -SourceLogin 'jean-pierre.dupont@very-long-company-domain.example' `
            -DestinationLogin 'marie-claire.durand@very-long-company-domain.example' | Out-Null
        $lines = @((Get-OmmMigration -StatePath $statePath | Format-Table | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
    }

    It 'fits 120 columns, Status second' {
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        ($lines[0] -split '\s+')[0..1] | Should -Be @('Id', 'Status')
    }

    It 'keeps long addresses of one domain apart' {
        $rows = $lines | Select-Object -Skip 2
        $rows.Count | Should -Be 2
        ($rows | ForEach-Object { ($_ -split '\s+')[5] } | Select-Object -Unique).Count | Should -Be 2
    }

    It 'shows every status in full' {
        $lines | Select-Object -Skip 2 | ForEach-Object { $_ | Should -Match ' Failed ' }
    }
}

Describe 'Remove-OmmMigratedItem with several ids' {
    BeforeAll {
        $first = New-OmmMigration @unreachable -SourceLogin 'ann@old.example' -DestinationLogin 'ann@new.example'
        $second = New-OmmMigration @unreachable -SourceLogin 'bob@old.example' -DestinationLogin 'bob@new.example'
    }

    It 'binds an array, as the other cmdlets do, and removes each in turn' {
        $removed = Remove-OmmMigratedItem $first.Id, $second.Id -DestinationPassword 'y' -StatePath $statePath -Force -PassThru -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        $removed.Id | Should -Be @($first.Id, $second.Id)
    }

    It 'says which id does not exist, and goes on with the others' {
        $removed = Remove-OmmMigratedItem 'nosuchid', $first.Id -DestinationPassword 'y' -StatePath $statePath -Force -PassThru -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MigrationNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $removed.Id | Should -Be $first.Id
    }
}

Describe 'Tab completion' {
    BeforeAll {
        $third = New-OmmMigration @unreachable -SourceLogin 'cid@old.example' -DestinationLogin 'cid@new.example' -Project 'Acme Paris'
        function Complete([string] $line) {
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        }
    }

    It 'offers the migrations of the state file for -Id of <_>' -ForEach @('Get-OmmMigration', 'Sync-OmmMigration', 'Stop-OmmMigration', 'Remove-OmmMigratedItem') {
        $offered = Complete "$_ -StatePath '$statePath' -Id $($third.Id.Substring(0, 3))"
        $offered.CompletionText | Should -Contain $third.Id
        ($offered | Where-Object CompletionText -eq $third.Id).ToolTip | Should -Match 'cid@old.example'
    }

    It 'offers the projects of the state file for -Project and for Get-OmmProject' {
        (Complete "Get-OmmMigration -StatePath '$statePath' -Project Ac").CompletionText | Should -Be "'Acme Paris'"
        (Complete "Get-OmmProject -StatePath '$statePath' ").CompletionText | Should -Be "'Acme Paris'"
    }

    It 'offers nothing, and creates no file, for a state file that does not exist' {
        $missing = Join-Path ([IO.Path]::GetTempPath()) ("omm-none-{0}.db" -f [guid]::NewGuid().ToString('N'))
        Complete "Get-OmmMigration -StatePath '$missing' -Id " | Where-Object ResultType -ne 'ProviderItem' | Should -BeNullOrEmpty
        Test-Path $missing | Should -BeFalse
    }
}

Describe 'Commands that only read the state file' {
    BeforeAll {
        $nowhere = Join-Path ([IO.Path]::GetTempPath()) ("omm-nowhere-{0}" -f [guid]::NewGuid().ToString('N'))
    }

    It '<_> never creates it: nothing recorded, nothing listed (-Verbose says why)' -ForEach @('Get-OmmMigration', 'Get-OmmProject') {
        $said = & $_ -StatePath (Join-Path $nowhere 'omm.db') -Verbose -ErrorVariable problems 4>&1
        $problems | Should -BeNullOrEmpty
        ($said | Out-String) | Should -Match 'There is no state file at'
        Test-Path $nowhere | Should -BeFalse
    }
}

Describe 'Command lines that cannot work say what is missing' {
    It 'contacts between two IMAP servers need their DAV addresses' {
        New-OmmMigration @unreachable -SourceLogin 'eve@old.example' -DestinationLogin 'eve@new.example' -Include Contacts -ErrorVariable problems | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ItemTypeNotSupported,*'
        $problems[0].Exception.Message | Should -Match '-SourceDavUrl and -DestinationDavUrl'
    }

    It 'a file as a source points to Import-OmmFile' {
        { New-OmmMigration -SourceType File -SourceServer ./old.pst -DestinationServer 127.0.0.1:1 -DestinationLogin 'f@new.example' -DestinationPassword 'y' `
            -DestinationSecurity None -StatePath $statePath } | Should -Throw -ErrorId 'FileSourceNotSupported,Omm.PowerShell.Commands.NewOmmMigrationCommand' -ExpectedMessage "*import './old.pst' with Import-OmmFile*"
    }
}
