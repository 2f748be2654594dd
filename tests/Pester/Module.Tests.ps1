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
        $help = Get-Help $command -Full
        $examples = @((Get-Help $command -Examples).examples.example)
        $metadata = Get-Command $command
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    }

    It 'shows a SYNTAX line per parameter set, with every parameter of the set (tools/help/Update-HelpSyntax.ps1 writes them)' {
        $items = @($help.syntax.syntaxItem)
        $items.Count | Should -Be $metadata.ParameterSets.Count
        foreach ($set in $metadata.ParameterSets) {
            $expected = @($set.Parameters.Name | Where-Object { $_ -notin $common } | Sort-Object)
            $items.Where({ (@($_.parameter.name | Sort-Object) -join ',') -eq ($expected -join ',') }).Count | Should -BeGreaterThan 0 -Because "set $($set.Name) of $command"
        }
    }

    It 'documents every parameter, Required? true only for those every set needs' {
        $documented = @{}
        foreach ($parameter in @($help.parameters.parameter)) { $documented[$parameter.name] = $parameter }
        foreach ($parameter in $metadata.Parameters.Values | Where-Object { $_.Name -notin $common -and $_.Name -notin 'WhatIf', 'Confirm' }) {
            $documented.ContainsKey($parameter.Name) | Should -BeTrue -Because "-$($parameter.Name) of $command needs help"
            ($documented[$parameter.Name].description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) of $command needs a description"
            $mandatory = @($parameter.ParameterSets.Values | Where-Object { -not $_.IsMandatory }).Count -eq 0
            $documented[$parameter.Name].required | Should -Be $mandatory.ToString().ToLowerInvariant() -Because "-$($parameter.Name) of $command"
        }
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

Describe 'About topics' {
    It 'Get-Help <Topic> finds the topic and it says <Says>' -ForEach @(
        @{ Topic = 'about_Omm'; Says = 'SYNC POINT' }
        @{ Topic = 'about_Omm_Templates'; Says = 'Destination Url' }
    ) {
        $text = Get-Help $Topic | Out-String
        $text | Should -Match $Says
    }
}
