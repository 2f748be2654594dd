# Every example of Get-Help <cmdlet> -Examples that can run here runs, in order, against throwaway Dovecot and Radicale
# servers: the example's text with its placeholder servers, accounts, files and ids replaced by real ones. An example
# fails when it writes an error its own comment lines do not show. Those that cannot run here say why.

BeforeDiscovery {
    Import-Module $env:OMM_TEST_MODULE -Force
    $notRunnable = @{
        'Import-OmmFile 5'    = 'no PST of the shared fixtures holds both mail and contacts'
        'New-OmmMigration 1'  = 'Get-Credential prompts for a password'
        'New-OmmMigration 2'  = 'the test servers offer no STARTTLS'
        'New-OmmMigration 3'  = 'needs an SMTP server with a login for the notifications'
        'New-OmmMigration 4'  = 'needs a workbook of real accounts'
        'Sync-OmmMigration 4' = 'Get-Secret (SecretManagement) is not installed here'
    }
    $examples = foreach ($command in Get-Command -Module Omm | Sort-Object Name) {
        $number = 0
        foreach ($example in (Get-Help $command.Name).examples.example) {
            $number++
            @{ Command = $command.Name; Number = $number; Code = [string]$example.code; Reason = $notRunnable["$($command.Name) $number"] }
        }
    }
    $runnable = $examples | Where-Object { -not $_.Reason }
    $skipped = $examples | Where-Object { $_.Reason }
}

BeforeAll {
    Import-Module $env:OMM_TEST_MODULE -Force
    Import-Module $env:OMM_TEST_SERVERS -Force
    $users = 'alice@acme.test', 'ann@acme.test', 'bob@acme.test', 'dave@acme.test', 'erin@acme.test'
    $servers = Start-OmmTestServer -Dav -DavUser $users
    # Microsoft 365's example: a source that takes OAuth2 tokens only, and the tests' issuer with the app registered.
    $m365 = Start-OmmTestServer -OAuthUser 'ann@contoso.com'
    Invoke-OmmTestServer $m365 'seed ann@contoso.com 6' | Out-Null
    Invoke-OmmTestServer $m365 'oauth-on' | Out-Null
    foreach ($user in $users) { Invoke-OmmTestServer $servers "seed $user 5" | Out-Null }
    $work = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) ("omm-examples-{0}" -f [guid]::NewGuid().ToString('N')))
    $statePath = Join-Path $work 'omm.db'
    $fixtures = $servers.Fixtures
    $defaults = @{
        '*-Omm*:StatePath'                     = $statePath
        'New-OmmMigration:SourceSecurity'      = 'None'
        'New-OmmMigration:DestinationSecurity' = 'None'
        'Import-OmmFile:DestinationSecurity'   = 'None'
    }

    function New-Login([string] $User) { [pscredential]::new($User, (ConvertTo-SecureString $servers.Password -AsPlainText -Force)) }

    # OVH's template with two accounts (for the examples with -Delimiter ';'), and a CSV whose columns are the
    # parameters' names (for the plain Import-Csv one).
    $ovhCsv = Join-Path $work 'ovh.csv'
    $header = Get-Content (Join-Path (Split-Path $env:OMM_TEST_MODULE) 'templates/ovh-template.csv') -TotalCount 1
    @($header) + @('ann@acme.test', 'bob@acme.test' | ForEach-Object {
            "IMAP;$($servers.Source);$_;$($servers.Password);IMAP;$($servers.Destination);$_;$($servers.Password);;"
        }) | Set-Content $ovhCsv
    $parameterCsv = Join-Path $work 'parameters.csv'
    'ann@acme.test', 'bob@acme.test' | ForEach-Object {
        [pscustomobject]@{ SourceServer = $servers.Source; SourceLogin = $_; SourcePassword = $servers.Password
            DestinationServer = $servers.Destination; DestinationLogin = $_; DestinationPassword = $servers.Password }
    } | Export-Csv $parameterCsv

    # What the examples refer to: alice's migration (k7m2q9xd) and project acme exist, as the examples assume.
    $PSDefaultParameterValues = $defaults.Clone()
    $alice = New-OmmMigration -SourceServer $servers.Source -SourceLogin alice@acme.test -SourcePassword $servers.Password `
        -DestinationServer $servers.Destination -DestinationLogin alice@acme.test -DestinationPassword $servers.Password
    Import-Csv $ovhCsv -Delimiter ';' | New-OmmMigration -Project acme | Out-Null

    $replacements = [ordered]@{
        "TenantId = 'contoso.onmicrosoft.com'"      = "TenantId = '$($m365.Tenant)'; Authority = '$($m365.Issuer)'"
        'outlook.office365.com'                     = $m365.Source
        'k7m2q9xd'                                  = $alice.Id
        'mail.old.example:143'                      = $servers.Source
        'imap.old.example'                          = $servers.Source
        'imap.gmail.com'                            = $servers.Source
        'imap.new.example'                          = $servers.Destination
        'ex.mail.example'                           = $servers.Destination
        'https://dav.old.example/'                  = $servers.SourceDav
        'https://dav.new.example/'                  = $servers.DestinationDav
        'https://cloud.new.example/remote.php/dav/' = $servers.DestinationDav
        'alice@old.example'                         = 'alice@acme.test'
        'alice@new.example'                         = 'alice@acme.test'
        'ann@new.example'                           = 'alice@acme.test'
        '.\archive-2019.pst'                        = "'$fixtures/pst/sample1-unicode.pst'"
        '.\outlook.pst'                             = "'$fixtures/pst/dist-list.pst'"
        'D:\exports\*.mbox'                         = "'$fixtures/mbox/*.mbox'"
        '.\contacts.vcf'                            = "'$fixtures/vcf/John_Doe_IPHONE.vcf'"
        '.\agenda.ics'                              = "'$fixtures/ics/outlook-2010.ics'"
        'Import-Csv accounts.csv -Delimiter'        = "Import-Csv '$ovhCsv' -Delimiter"
        'Import-Csv accounts.csv'                   = "Import-Csv '$parameterCsv'"
    }
    # The examples' variables; New-OmmMigration 5 and 6 make migrations of accounts of their own.
    $variables = @{
        cred = New-Login alice@acme.test; src = New-Login alice@acme.test; dst = New-Login alice@acme.test
        old = New-Login alice@acme.test; new = New-Login alice@acme.test
        oldPassword = $servers.Password; newPassword = $servers.Password; p = $servers.Password
        projectPassword = 'project secret'
        appId = $m365.ClientId; appSecret = $m365.ClientSecret
    }
    $ownAccounts = @{ 'New-OmmMigration 5' = 'dave@acme.test'; 'New-OmmMigration 6' = 'erin@acme.test' }
}

AfterAll {
    Stop-OmmTestServer $m365
    Stop-OmmTestServer $servers
    Remove-Item $work -Recurse -ErrorAction SilentlyContinue
}

Describe 'Help examples' {
    It '<Command> example <Number> runs against real servers' -ForEach $runnable {
        $code = $Code
        foreach ($placeholder in $replacements.Keys) { $code = $code.Replace($placeholder, $replacements[$placeholder]) }
        $code | Should -Not -Match '\.example\b' -Because 'every placeholder server is replaced'
        foreach ($name in $variables.Keys) { Set-Variable -Name $name -Value $variables[$name] }
        if ($ownAccounts["$Command $Number"]) {
            $old = $new = New-Login $ownAccounts["$Command $Number"]
        }
        $PSDefaultParameterValues = $defaults.Clone()
        # An example whose comments show an error (# New-OmmMigration : ...) is expected to write one.
        $foreseen = @([regex]::Matches($Code, '(?m)^# \w+-Omm\w+ :')).Count
        $Error.Clear()
        $output = & ([scriptblock]::Create($code)) 2>&1 3>&1 | Out-String
        $errors = @($Error | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        if ($foreseen) {
            $errors.Count | Should -BeGreaterOrEqual $foreseen -Because $output
        }
        else {
            $errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty -Because $output
        }
    }

    It '<Command> example <Number> does not run here: <Reason>' -ForEach $skipped {
        Set-ItResult -Skipped -Because $Reason
    }
}

Describe 'What the examples did, read back from the servers' {
    It 'alice''s migration was removed and then synchronised again: every message is there once' {
        $check = Invoke-OmmTestServer $servers 'check alice@acme.test'
        $check.Identical | Should -Be 5
        ($check.Folders.PSObject.Properties | Where-Object Name -In 'INBOX', 'Projects.Alpha' | Measure-Object Value -Sum).Sum |
            Should -BeGreaterOrEqual 5
    }

    It 'the migrations of their own accounts copied every message' -ForEach 'dave@acme.test', 'erin@acme.test' {
        (Invoke-OmmTestServer $servers "check $_").Identical | Should -Be 5
    }

    It 'the contacts and the agenda went into the DAV account' {
        $dav = Invoke-OmmTestServer $servers 'dav alice@acme.test'
        $dav.Destination | Should -BeGreaterThan 0
    }
}
