<#
    Throwaway Dovecot (and Radicale) servers on 127.0.0.1 for scripts in real pwsh: the README demo and the Pester
    scenarios. Start-OmmTestServer starts tools/Omm.TestServerHost (built with the solution) and returns what it
    printed: Source and Destination (host:port, no TLS), SourceDav and DestinationDav (with -Dav), the Password every
    user logs in with, and Fixtures (../shared/fixtures). Stop-OmmTestServer ends its input: it stops the servers.
#>

function Start-OmmTestServer {
    [CmdletBinding()]
    param(
        # Also a Radicale (CalDAV/CardDAV) server for each side, with these users.
        [switch] $Dav,
        [string[]] $DavUser = @('demo@omm.test'),
        # Also an OAuth2 issuer (Issuer, Tenant, ClientId, ClientSecret of an app for this user); Invoke-OmmTestServer
        # 'oauth-on' then makes the source take tokens only.
        [string] $OAuthUser
    )
    $hostDll = Join-Path $PSScriptRoot 'Omm.TestServerHost.dll'
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $start.ArgumentList.Add($hostDll)
    if ($Dav) {
        $start.ArgumentList.Add('--dav')
        $start.ArgumentList.Add('--dav-users')
        $start.ArgumentList.Add($DavUser -join ',')
    }
    if ($OAuthUser) {
        $start.ArgumentList.Add('--oauth')
        $start.ArgumentList.Add('--oauth-user')
        $start.ArgumentList.Add($OAuthUser)
    }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $ready = $process.StandardOutput.ReadLine()
    if (-not $ready) {
        throw "The test servers did not start (exit code $(if ($process.HasExited) { $process.ExitCode }))."
    }
    $servers = $ready | ConvertFrom-Json
    $servers | Add-Member -NotePropertyName Process -NotePropertyValue $process -PassThru
}

function Invoke-OmmTestServer {
    <# Sends one command (seed, check, folders, dav, stop-destination, start-destination, oauth-on, oauth-off) and returns its JSON answer. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Servers,
        [Parameter(Mandatory)] [string] $Command
    )
    $Servers.Process.StandardInput.WriteLine($Command)
    $answer = $Servers.Process.StandardOutput.ReadLine() | ConvertFrom-Json
    if ($answer.PSObject.Properties['Error']) {
        throw "Test servers: $($answer.Error)"
    }
    $answer
}

function Stop-OmmTestServer {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Servers)
    $Servers.Process.StandardInput.Close()
    if (-not $Servers.Process.WaitForExit(30000)) {
        $Servers.Process.Kill()
    }
}

Export-ModuleMember -Function Start-OmmTestServer, Invoke-OmmTestServer, Stop-OmmTestServer
