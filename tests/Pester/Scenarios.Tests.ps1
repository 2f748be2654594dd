# What an admin does with real servers: a project from OVH's template read by the real Import-Csv, failed migrations
# piped into Sync-OmmMigration, Remove-OmmMigratedItem's -WhatIf and confirmation, and migrations as Format-List shows
# them. Throwaway Dovecot servers on 127.0.0.1 (tools/Omm.TestServerHost); outcomes are read back from them over IMAP.

BeforeAll {
    Import-Module $env:OMM_TEST_MODULE -Force
    Import-Module $env:OMM_TEST_SERVERS -Force
    $servers = Start-OmmTestServer
    $statePath = Join-Path ([IO.Path]::GetTempPath()) ("omm-pester-{0}.db" -f [guid]::NewGuid().ToString('N'))
    $work = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) ("omm-pester-{0}" -f [guid]::NewGuid().ToString('N')))
    $plain = @{ SourceSecurity = 'None'; DestinationSecurity = 'None'; StatePath = $statePath }

    # OVH Mail Migrator's template, its header line as shipped in the module folder, one row per account.
    function New-OvhCsv([string[]] $Users, [string] $Path) {
        $header = Get-Content (Join-Path (Split-Path $env:OMM_TEST_MODULE) 'templates/ovh-template.csv') -TotalCount 1
        $rows = foreach ($user in $Users) {
            "IMAP;$($servers.Source);$user;$($servers.Password);IMAP;$($servers.Destination);$user;$($servers.Password);;"
        }
        @($header) + $rows | Set-Content -Path $Path -Encoding utf8
        $Path
    }
}

AfterAll {
    Stop-OmmTestServer $servers
    Remove-Item "$statePath*" -ErrorAction SilentlyContinue
    Remove-Item $work -Recurse -ErrorAction SilentlyContinue
}

Describe 'A project from OVH''s template: Import-Csv -Delimiter '';'' | New-OmmMigration -Project' {
    BeforeAll {
        foreach ($user in 'ann@acme.test', 'bob@acme.test') { Invoke-OmmTestServer $servers "seed $user 7" | Out-Null }
        $csv = New-OvhCsv -Users 'ann@acme.test', 'bob@acme.test' -Path (Join-Path $work 'accounts.csv')
        $migrations = Import-Csv $csv -Delimiter ';' | New-OmmMigration -Project acme @plain
    }

    It 'makes one migration per row, each Completed' {
        $migrations.Count | Should -Be 2
        $migrations.Status | Should -Be @('Completed', 'Completed')
        $migrations.Project | Should -Be @('acme', 'acme')
    }

    It 'copies every message of <_> byte for byte' -ForEach 'ann@acme.test', 'bob@acme.test' {
        $check = Invoke-OmmTestServer $servers "check $_"
        $check.Source | Should -Be 7
        $check.Identical | Should -Be 7
        $check.Folders.'Projects.Alpha' | Should -Be 3
    }

    It 'shows the project with its two completed migrations' {
        $project = Get-OmmProject acme -StatePath $statePath
        $project.Name | Should -Be 'acme'
        ($project | Format-List | Out-String) | Should -Match 'acme'
        @(Get-OmmMigration -Project acme -Status Completed -StatePath $statePath).Count | Should -Be 2
    }

    It 'shows a migration in Format-List as an admin reads it' {
        $ann = $migrations | Where-Object SourceAccount -EQ 'ann@acme.test'
        $text = Get-OmmMigration $ann.Id -StatePath $statePath | Format-List | Out-String -Width 120
        $text | Should -Match 'Status\s+: Completed'
        $text | Should -Match "Source\s+: ann@acme.test on Imap $([regex]::Escape($servers.Source))"
        $text | Should -Match 'Progress\s+: Mail: 7/7 migrated, 0 in error, 0 in warning'
        $text | Should -Match 'Percent\s+: 100%'
    }

    It 'refuses the same rows again, naming the existing migration, and copies nothing twice' {
        $again = Import-Csv $csv -Delimiter ';' | New-OmmMigration -Project acme @plain -ErrorVariable refused -ErrorAction SilentlyContinue
        $again | Should -BeNullOrEmpty
        $refused.Count | Should -Be 2
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'MigrationExists,*'
        ($refused.Exception.Message -join ' ') | Should -Match $migrations[0].Id
        ($refused.Exception.Message -join ' ') | Should -Match $migrations[1].Id
        (Invoke-OmmTestServer $servers 'check ann@acme.test').Destination | Should -Be 7
    }
}

Describe 'Get-OmmMigration -Status Failed | Sync-OmmMigration' {
    BeforeAll {
        Invoke-OmmTestServer $servers 'seed cid@acme.test 5' | Out-Null
        Invoke-OmmTestServer $servers 'stop-destination' | Out-Null
        try {
            $failed = New-OmmMigration -SourceServer $servers.Source -SourceLogin cid@acme.test -SourcePassword $servers.Password `
                -DestinationServer $servers.Destination -DestinationLogin cid@acme.test -DestinationPassword $servers.Password `
                @plain -ErrorAction SilentlyContinue
        }
        finally {
            Invoke-OmmTestServer $servers 'start-destination' | Out-Null
        }
        $resumed = Get-OmmMigration -Status Failed -StatePath $statePath |
            Sync-OmmMigration -SourcePassword $servers.Password -DestinationPassword $servers.Password -StatePath $statePath
    }

    It 'fails while the destination is down' {
        $failed.Status | Should -Be 'Failed'
        $failed.FailureReason | Should -Match 'destination'
    }

    It 'resumes what failed once the server is back, and only that' {
        @($resumed).Count | Should -Be 1
        $resumed.Id | Should -Be $failed.Id
        $resumed.Status | Should -Be 'Completed'
        $check = Invoke-OmmTestServer $servers 'check cid@acme.test'
        $check.Identical | Should -Be 5
        $check.Destination | Should -Be 5
    }
}

Describe 'Remove-OmmMigratedItem asks before it deletes' {
    BeforeAll {
        Invoke-OmmTestServer $servers 'seed dee@acme.test 4' | Out-Null
        $migration = New-OmmMigration -SourceServer $servers.Source -SourceLogin dee@acme.test -SourcePassword $servers.Password `
            -DestinationServer $servers.Destination -DestinationLogin dee@acme.test -DestinationPassword $servers.Password @plain
    }

    It '-WhatIf says what would go and deletes nothing' {
        # What if: lines go to the host, not to a stream: a transcript sees them as the console does.
        $transcript = Join-Path $work 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        Remove-OmmMigratedItem $migration.Id -DestinationPassword $servers.Password -StatePath $statePath -WhatIf
        Stop-Transcript | Out-Null
        $said = Get-Content $transcript -Raw
        $said | Should -Match 'What if'
        $said | Should -Match $migration.Id
        (Invoke-OmmTestServer $servers 'check dee@acme.test').Destination | Should -Be 4
    }

    It 'asks for confirmation (ConfirmImpact High), so a non-interactive session that did not answer deletes nothing' {
        { Remove-OmmMigratedItem $migration.Id -DestinationPassword $servers.Password -StatePath $statePath -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*NonInteractive*'
        (Invoke-OmmTestServer $servers 'check dee@acme.test').Destination | Should -Be 4
    }

    It '-Confirm:$false deletes what the migration copied' {
        Remove-OmmMigratedItem $migration.Id -DestinationPassword $servers.Password -StatePath $statePath -Confirm:$false
        (Invoke-OmmTestServer $servers 'check dee@acme.test').Destination | Should -Be 0
        (Invoke-OmmTestServer $servers 'check dee@acme.test').Source | Should -Be 4
    }
}
