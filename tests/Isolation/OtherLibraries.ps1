# Dot-sourced by the isolation scenarios: what another module in the same pwsh session would do with its own
# MailKit, MimeKit and BouncyCastle, and a report of which copy of each library lives where.

# Loads the other versions into the session's default load context, as a module that ships them (or a script with
# Add-Type -Path) does, and uses each one so that it is really bound, not just read.
function Import-OtherLibraries([string] $Packages, [string] $MailKitVersion) {
    $mailKitLib = if ($MailKitVersion -eq '2.8.0') { 'netstandard2.0' } else { 'net6.0' }
    $paths = @(
        "$Packages/bouncycastle.cryptography/2.4.0/lib/net6.0/BouncyCastle.Cryptography.dll"
        "$Packages/portable.bouncycastle/1.9.0/lib/netstandard2.0/BouncyCastle.Crypto.dll"
        "$Packages/mimekit/4.18.0/lib/net8.0/MimeKit.dll"
        "$Packages/mailkit/$MailKitVersion/lib/$mailKitLib/MailKit.dll"
    )
    foreach ($path in $paths) { Add-Type -Path $path }
    Test-OtherLibraries
}

# Uses the session's copies: a MIME message written out, an IMAP client and a search query of its MailKit, and a
# digest from each BouncyCastle. Returns what it made, to show they still work.
function Test-OtherLibraries {
    $message = [MimeKit.MimeMessage]::new()
    $message.From.Add([MimeKit.MailboxAddress]::new('Ann', 'ann@other.example'))
    $message.Subject = 'Written by the other module'
    $body = [MimeKit.TextPart]::new('plain')
    $body.Text = 'hello'
    $message.Body = $body
    $written = [IO.MemoryStream]::new()
    $message.WriteTo($written)
    $client = [MailKit.Net.Imap.ImapClient]::new()
    $query = [MailKit.Search.SearchQuery]::SubjectContains('other').Text
    $client.Dispose()
    $digests = foreach ($name in 'BouncyCastle.Cryptography', 'BouncyCastle.Crypto') {
        $assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name -and [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name -eq 'Default' }
        $digest = [Activator]::CreateInstance($assembly.GetType('Org.BouncyCastle.Crypto.Digests.Sha256Digest', $true))
        $digest.GetDigestSize()
    }
    [pscustomobject]@{ MessageBytes = $written.Length; Query = $query; DigestSizes = @($digests) }
}

# Every copy of Omm's assemblies and of the libraries in question now in the process, with its load context.
function Get-LibraryReport {
    [AppDomain]::CurrentDomain.GetAssemblies() |
        Where-Object { $_.GetName().Name -match '^(Omm\.|MailKit$|MimeKit$|BouncyCastle|Microsoft\.Data\.Sqlite$|SQLitePCLRaw|System\.Formats\.Asn1$)' } |
        ForEach-Object {
            [pscustomobject]@{
                Name     = $_.GetName().Name
                Version  = $_.GetName().Version.ToString()
                Context  = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name
                Location = $_.Location
            }
        }
}
