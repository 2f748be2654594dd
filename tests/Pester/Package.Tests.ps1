# ./build.ps1 -Task Package makes a .nupkg that PSResourceGet installs from a folder repository, and the installed
# module imports by name and works. A pwsh of its own with HOME in a temporary folder keeps the repository it
# registers and the module it installs out of the user's.

BeforeAll {
    $root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $work = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) ("omm-package-{0}" -f [guid]::NewGuid().ToString('N')))
    $repository = Join-Path $work 'repository'
    & (Join-Path $root 'build.ps1') -Task Package -NoBuild -OutputPath $repository 6>$null
    $version = (Import-PowerShellDataFile $env:OMM_TEST_MODULE).ModuleVersion
}

AfterAll {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe './build.ps1 -Task Package' {
    It 'makes Omm.<version>.nupkg with the module folder at its root' {
        $package = Join-Path $repository "Omm.$version.nupkg"
        $package | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($package)
        try {
            $names = $zip.Entries.FullName
        }
        finally {
            $zip.Dispose()
        }
        $names | Should -Contain 'Omm.psd1'
        $names | Should -Contain 'Omm.PowerShell.dll'
        $names | Should -Contain 'Dependencies/Omm.Engine.dll'
        $names | Should -Contain 'Dependencies/runtimes/linux-x64/native/libe_sqlite3.so'
        $names | Should -Contain 'en-US/Omm.PowerShell.dll-Help.xml'
        $names | Should -Contain 'templates/ovh-template.csv'
    }

    It 'installs with Install-PSResource from a folder repository and imports by name' {
        # .NET gives no LocalApplicationData for a folder that does not exist, and PSResourceGet then keeps its
        # repository list in the working folder: both folders are made, and the child works in $work.
        $userHome = Join-Path $work 'home'
        New-Item -ItemType Directory (Join-Path $userHome '.local/share'), (Join-Path $userHome '.config') | Out-Null
        $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name OmmLocal -Uri '$repository' -Trusted
Install-PSResource Omm -Repository OmmLocal -Scope CurrentUser
Import-Module Omm
`$module = Get-Module Omm
"{0}|{1}|{2}" -f `$module.Version, `$module.ModuleBase, (Get-Command -Module Omm).Count
@(Get-OmmMigration -StatePath '$(Join-Path $work 'none.db')').Count
"@
        # This pwsh again: its own executable, or (as a dotnet tool) pwsh.dll run by dotnet.
        $native = Join-Path $PSHOME 'pwsh'
        $arguments = '-NoProfile', '-NonInteractive', '-Command', $script
        if (Test-Path $native -PathType Leaf) {
            $start = [Diagnostics.ProcessStartInfo]::new($native)
        }
        else {
            $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
            $arguments = @(Join-Path $PSHOME 'pwsh.dll') + $arguments
        }
        foreach ($argument in $arguments) { $start.ArgumentList.Add($argument) }
        $start.Environment['HOME'] = $userHome
        $start.Environment['XDG_DATA_HOME'] = Join-Path $userHome '.local/share'
        $start.Environment['XDG_CONFIG_HOME'] = Join-Path $userHome '.config'
        $start.Environment.Remove('PSModulePath')
        $start.Environment['NO_COLOR'] = '1'
        $start.WorkingDirectory = $work
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [Diagnostics.Process]::Start($start)
        $output = $process.StandardOutput.ReadToEnd()
        $errors = $process.StandardError.ReadToEnd()
        $process.WaitForExit()

        # Plain text: an escape character in a failure message would break the NUnit report.
        $errors = $errors -replace '\x1b\[[0-9;]*m', ''
        $process.ExitCode | Should -Be 0 -Because $errors
        Join-Path $work 'PSResourceGet' | Should -Not -Exist
        $lines = @($output -split "`r?`n" | Where-Object { $_ })
        $installed, $base, $commands = $lines[0] -split '\|'
        $installed | Should -Be $version
        $base | Should -BeLike "$userHome*"
        $commands | Should -Be 7
        $lines[1] | Should -Be 0
    }
}
