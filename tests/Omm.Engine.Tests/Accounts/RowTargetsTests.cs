using System.Net;
using Omm.Engine.Accounts;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.Engine.Tests.State;

namespace Omm.Engine.Tests.Accounts;

/// <summary>Which recorded migrations a piped row or the command line names, without ids.</summary>
public sealed class RowTargetsTests : IDisposable
{
    private readonly TemporaryStateStore state = new("targets");

    private StateStore Store => state.Store;

    public void Dispose() => state.Dispose();

    [Fact]
    public void A_rows_logins_name_the_latest_migration_between_them_in_any_case()
    {
        Create("acme", "ann@old.example", "ann@new.example");
        var latest = Create("acme", "ann@old.example", "ann@new.example");
        var other = Create("other", "ann@old.example", "ann@new.example");

        var row = Row(("Source Login/Mail", "ANN@old.example"), ("Destination Mail", "ann@NEW.example"));
        var targets = RowTargets.Find(Store, row, new AccountDefaults(), "acme");

        Assert.Equal(new[] { latest.Id }, targets!.Migrations.Select(m => m.Id));
        Assert.Equal(("ANN@old.example", "ann@NEW.example"), targets.Logins);
        Assert.Equal(new[] { other.Id }, RowTargets.Find(Store, row, new AccountDefaults(), null)!.Migrations.Select(m => m.Id));
    }

    [Fact]
    public void Without_a_row_the_parameters_logins_name_it_and_a_pair_without_migration_names_none()
    {
        var migration = Create(null, "ann@old.example", "ann@new.example");
        var given = new AccountDefaults
        {
            Source = new SideDefaults { Login = "ann@old.example" },
            Destination = new SideDefaults { Credential = new NetworkCredential("ann@new.example", "pw") },
        };

        Assert.Equal(new[] { migration.Id }, RowTargets.Find(Store, null, given, null)!.Migrations.Select(m => m.Id));

        var unknown = RowTargets.Find(Store, Row(("SourceLogin", "bob@old.example")), given, null);
        Assert.Empty(unknown!.Migrations);
        Assert.Equal(("bob@old.example", "ann@new.example"), unknown.Logins);
    }

    [Fact]
    public void Without_both_logins_the_project_names_all_its_migrations_or_nothing_is_named()
    {
        var first = Create("acme", "ann@old.example", "ann@new.example");
        var second = Create("acme", "bob@old.example", "bob@new.example");
        Create("other", "cy@old.example", "cy@new.example");
        var sourceOnly = Row(("SourceLogin", "ann@old.example"));

        var project = RowTargets.Find(Store, sourceOnly, new AccountDefaults(), "acme");

        Assert.Equal(new[] { first.Id, second.Id }, project!.Migrations.Select(m => m.Id).OrderBy(id => id == first.Id ? 0 : 1));
        Assert.Null(project.Logins);
        Assert.Null(RowTargets.Find(Store, sourceOnly, new AccountDefaults(), null));
    }

    private Migration Create(string? project, string sourceLogin, string destinationLogin) =>
        Store.CreateMigration(new NewMigration(project, new ConnectionSettings(new RecordedSide(ServerType.Imap, "old.example:993", sourceLogin, ConnectionSecurity.Auto),
            new RecordedSide(ServerType.Imap, "new.example:993", destinationLogin, ConnectionSecurity.Auto), false), new[] { ItemType.Mail }));

    private static AccountRow Row(params (string Column, string Value)[] cells) =>
        new(1, "the input", cells.Select(c => new KeyValuePair<string, string?>(c.Column, c.Value)));
}
