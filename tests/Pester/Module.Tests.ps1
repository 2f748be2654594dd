# The module as users meet it in real pwsh: imported from the built module folder, its manifest, commands and help.

BeforeAll {
    Import-Module $env:OMM_TEST_MODULE -Force
}

Describe 'The module folder' {
    It 'has a manifest Test-ModuleManifest accepts' {
        $manifest = Test-ModuleManifest $env:OMM_TEST_MODULE
        $manifest.Name | Should -Be 'Omm'
        $manifest.Description | Should -Match 'Exchange'
    }

    It 'exports the seven cmdlets' {
        (Get-Command -Module Omm).Name | Sort-Object | Should -Be @(
            'Get-OmmMigration', 'Get-OmmProject', 'Import-OmmFile', 'New-OmmMigration', 'Remove-OmmMigratedItem', 'Stop-OmmMigration', 'Sync-OmmMigration')
    }
}

Describe 'Help of <_>' -ForEach @('Get-OmmMigration', 'Get-OmmProject', 'Import-OmmFile', 'New-OmmMigration', 'Remove-OmmMigratedItem', 'Stop-OmmMigration', 'Sync-OmmMigration') {
    BeforeAll {
        $command = $_
        $examples = @((Get-Help $command -Examples).examples.example)
    }

    It 'has a synopsis and examples' {
        (Get-Help $command).Synopsis | Should -Not -BeNullOrEmpty
        $examples.Count | Should -BeGreaterThan 0
    }

    It 'has examples that all parse' {
        foreach ($example in $examples) {
            $errors = $null
            [System.Management.Automation.Language.Parser]::ParseInput(($example.code -join "`n"), [ref] $null, [ref] $errors) | Out-Null
            $errors | Should -BeNullOrEmpty -Because "$command's example '$($example.title)' must parse"
        }
    }
}
