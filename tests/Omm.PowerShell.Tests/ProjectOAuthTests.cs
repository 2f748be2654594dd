using System.Net;
using System.Net.Sockets;

namespace Omm.PowerShell.Tests;

/// <summary>
/// A project keeps the OAuth2 app its first New-OmmMigration was given (-SourceOAuth, its client secret sealed with the
/// project password), so that rows piped in later give only addresses; the secret is in clear nowhere.
/// </summary>
public sealed class ProjectOAuthTests() : ShellTests("omm-project-oauth-")
{
    private const string ClientSecret = "Cl1ent~Secret.5c9e0a7b3d";
    private const string ProjectPassword = "Pr0ject-OAuth-Vault-42";
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string Chatty = " -Verbose -Debug -WarningAction Continue";

    private static readonly string[] Headers = { "SourceServer", "SourceLogin", "SourceSecurity", "DestinationServer", "DestinationLogin", "DestinationPassword", "DestinationSecurity" };

    private readonly LeakScan scan = new();

    /// <summary>An address nothing listens on: the migrations fail at connecting, after the rows became migrations.</summary>
    private static string ClosedAddress()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }

    [Fact]
    public void Rows_piped_later_with_addresses_alone_sign_in_with_the_project_s_app_and_its_secret_stays_sealed()
    {
        var closed = ClosedAddress();
        var variables = new Dictionary<string, object?>
        {
            ["statePath"] = StatePath,
            ["closed"] = closed,
            ["projectPassword"] = ProjectPassword,
            ["clientSecret"] = ClientSecret,
            ["clientId"] = ClientId,
            ["authority"] = "http://" + closed,
        };

        var first = scan.Run(Shell, @"New-OmmMigration -Project acme -ProjectPassword $projectPassword `
            -SourceOAuth @{ Provider = 'Microsoft365'; TenantId = 'contoso.onmicrosoft.com'; ClientId = $clientId; ClientSecret = $clientSecret; Authority = $authority } `
            -SourceServer $closed -SourceLogin ann@old.example -SourceSecurity None `
            -DestinationServer $closed -DestinationLogin ann@new.example -DestinationPassword pw2 -DestinationSecurity None -StatePath $statePath" + Chatty, variables);
        Assert.Empty(first.Warnings);
        Assert.Equal("Failed", first.Single().Text("Status"));

        var piped = new[] { OmmShell.CsvRow(Headers, new[] { closed, "bob@old.example", "None", closed, "bob@new.example", "pw2", "None" }) };
        var later = scan.Run(Shell, "$input | New-OmmMigration -Project acme -ProjectPassword $projectPassword -StatePath $statePath" + Chatty, variables, piped);

        var bob = later.Single();
        Assert.Equal(("Failed", "bob@old.example"), (bob.Text("Status"), bob.Text("SourceAccount")));
        var error = Assert.Single(later.Errors);
        Assert.Equal("MigrationFailed", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.DoesNotContain("password", error.Exception.Message, StringComparison.OrdinalIgnoreCase);
        var options = SourceOptions(variables, bob.Text("Id")!);
        Assert.Equal(new[] { "OAuth=Microsoft365", "OAuthAuthority=" + "http://" + closed, "OAuthClientId=" + ClientId, "OAuthFlow=App", "OAuthTenant=contoso.onmicrosoft.com" },
            options);

        // Without the project password, the kept secret cannot be opened: the row is refused naming -ProjectPassword, not tried.
        var locked = scan.Run(Shell, "$input | New-OmmMigration -Project acme -StatePath $statePath" + Chatty, variables,
            new[] { OmmShell.CsvRow(Headers, new[] { closed, "cy@old.example", "None", closed, "cy@new.example", "pw2", "None" }) });
        Assert.Empty(locked.Output);
        var refused = Assert.Single(locked.Errors);
        Assert.Equal("InvalidAccountRow", refused.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("-ProjectPassword", refused.Exception.Message);

        var project = Assert.Single(scan.Run(Shell, "Get-OmmProject acme -StatePath $statePath" + Chatty, variables).Output);
        Assert.Equal($"Microsoft365 App, client {ClientId}, tenant contoso.onmicrosoft.com, secret sealed", project.Text("SourceOAuth"));
        Assert.Null(project.Text("DestinationOAuth"));

        scan.AddErrorVariable(Shell);
        scan.AddFiles(StateDirectory, "omm.db*");
        scan.AssertNoneOf(ClientSecret, ProjectPassword);
    }

    /// <summary>A migration's recorded source options, read by the module's own StateStore (in its load context).</summary>
    private List<string> SourceOptions(Dictionary<string, object?> variables, string id)
    {
        variables["id"] = id;
        var read = Shell.Run(@"
            $engine = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Omm.Engine' })[0]
            $store = [Activator]::CreateInstance($engine.GetType('Omm.Engine.State.StateStore'), [object[]] @($statePath))
            foreach ($option in $store.GetConnectionSettings($id).Source.Options) { '{0}={1}' -f $option.Key, $option.Value }", variables);
        read.AssertNoErrors();
        return read.Output.Select(o => o.ToString()).ToList();
    }
}
