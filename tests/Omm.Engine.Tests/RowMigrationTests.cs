using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.Engine.Tests.State;

namespace Omm.Engine.Tests;

/// <summary>The migration a New-OmmMigration row means: a new one, one that copied nothing taken up, or a double refused unless forced.</summary>
public sealed class RowMigrationTests : IDisposable
{
    private static readonly ItemType[] Mail = { ItemType.Mail };
    private readonly TemporaryStateStore state = new("row-migration");

    private StateStore Store => state.Store;

    public void Dispose() => state.Dispose();

    [Fact]
    public void A_row_between_new_accounts_is_a_new_migration()
    {
        var first = RowMigration.Record(Store, Request("ann"), force: false, null);
        var other = RowMigration.Record(Store, Request("bob"), force: false, null);

        Assert.NotEqual(first.Migration.Id, other.Migration.Id);
        Assert.Equal((null, null), (first.TakenUp, first.Doubled));
        Assert.Equal(2, Store.List(null).Count);
    }

    [Fact]
    public void A_row_whose_items_a_migration_copies_is_refused_unless_forced()
    {
        var existing = RowMigration.Record(Store, Request("ann"), force: false, null).Migration;

        var refused = Assert.Throws<MigrationExistsException>(() => RowMigration.Record(Store, Request("ann"), force: false, "Line 3 of accounts.csv"));
        Assert.Equal(existing.Id, refused.Migration.Id);
        Assert.StartsWith("Line 3 of accounts.csv: ann to ann already has migration", refused.Message);
        Assert.Single(Store.List(null));

        var forced = RowMigration.Record(Store, Request("ann"), force: true, null);
        Assert.NotEqual(existing.Id, forced.Migration.Id);
        Assert.Equal(existing.Id, forced.Doubled?.Existing.Id);
        Assert.Equal(Mail, forced.Doubled?.Types);
        Assert.Equal(2, Store.List(null).Count);
    }

    [Fact]
    public void A_migration_that_ended_having_copied_nothing_is_taken_up_with_the_rows_settings()
    {
        var failed = RowMigration.Record(Store, Request("ann"), force: false, null).Migration;
        Store.BeginPass(failed.Id, RunnerIdentity.Current);
        Store.EndPass(failed.Id, MigrationStatus.Failed, "The source server rejected the login.");

        var again = RowMigration.Record(Store, Request("ann", project: "fixed"), force: false, null);

        Assert.Equal((failed.Id, MigrationStatus.Failed, "fixed"), (again.Migration.Id, again.TakenUp?.Status, again.Migration.Project));
        Assert.Single(Store.List(null));
        Assert.NotEqual(failed.Id, RowMigration.Record(Store, Request("ann"), force: true, null).Migration.Id);
    }

    private static NewMigration Request(string login, string? project = null) =>
        new(project, new ConnectionSettings(new RecordedSide(ServerType.Imap, "imap.old.example:993", login, ConnectionSecurity.Auto),
            new RecordedSide(ServerType.Imap, "imap.new.example:993", login, ConnectionSecurity.Auto), false), Mail);
}
