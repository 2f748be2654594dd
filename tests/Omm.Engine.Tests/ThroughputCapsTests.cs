using Omm.Engine.Accounts;
using Omm.Engine.Migrations;
using Omm.Engine.State;

namespace Omm.Engine.Tests;

/// <summary>Throughput caps as given (parameters, CSV cells) and as stored with a migration.</summary>
public sealed class ThroughputCapsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("omm-caps-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_cap_that_is_not_a_positive_number_is_refused_with_the_reason(double messages)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ThroughputCaps(messages, null));
        Assert.Contains("MaxMessagesPerSecond: a cap is a positive number of messages per second (0 for no cap)", e.Message);
        Assert.Contains("positive number of bytes", Assert.Throws<ArgumentOutOfRangeException>(() => new ThroughputCaps(null, -5)).Message);
    }

    [Fact]
    public void Zero_means_no_cap_and_with_replaces_only_what_is_given()
    {
        Assert.False(new ThroughputCaps(0, 0).IsCapped);
        var caps = new ThroughputCaps(20, 1_048_576);
        Assert.Equal("at most 20 messages/s and 1,048,576 bytes/s", caps.ToString());

        var changed = caps.With(null, 0);
        Assert.Equal((20.0, (long?)null), (changed.MaxMessagesPerSecond, changed.MaxBytesPerSecond));
        Assert.Equal((0.5, (long?)1_048_576), (caps.With(0.5, null).MaxMessagesPerSecond, caps.With(0.5, null).MaxBytesPerSecond));
    }

    [Theory]
    [InlineData("500000", 500_000L)]
    [InlineData("512KB", 524_288L)]
    [InlineData(" 1MB ", 1_048_576L)]
    [InlineData("1.5mb", 1_572_864L)]
    [InlineData("2GB", 2_147_483_648L)]
    [InlineData("0", 0L)]
    public void Byte_cells_take_the_suffixes_powershell_writes(string text, long expected) =>
        Assert.Equal(expected, ThroughputCaps.ParseBytesPerSecond(text));

    [Theory]
    [InlineData("fast")]
    [InlineData("-3")]
    [InlineData("1TB")]
    [InlineData("")]
    public void A_cell_that_is_not_a_cap_says_what_is_expected(string text)
    {
        Assert.Throws<FormatException>(() => ThroughputCaps.ParseBytesPerSecond(text));
        Assert.Throws<FormatException>(() => ThroughputCaps.ParseMessagesPerSecond(text));
    }

    [Fact]
    public void A_rows_cells_win_over_the_command_line_and_a_bad_cell_names_its_column()
    {
        var defaults = new AccountDefaults
        {
            Source = new SideDefaults { Server = "imap.old.example", Password = "a" },
            Destination = new SideDefaults { Server = "imap.new.example", Password = "b" },
            MaxMessagesPerSecond = 10, MaxBytesPerSecond = 1000,
        };
        var plain = AccountRowParser.Parse(Row(("SourceLogin", "ann"), ("DestinationLogin", "ann")), defaults, false);
        Assert.Equal((10.0, (long?)1000), (plain.Caps.MaxMessagesPerSecond, plain.Caps.MaxBytesPerSecond));

        var own = AccountRowParser.Parse(Row(("SourceLogin", "bob"), ("DestinationLogin", "bob"), ("MaxMessagesPerSecond", "0.5"), ("MaxBytesPerSecond", "0")),
            defaults, false);
        Assert.Equal((0.5, (long?)null), (own.Caps.MaxMessagesPerSecond, own.Caps.MaxBytesPerSecond));

        var e = Assert.Throws<AccountRowException>(() =>
            AccountRowParser.Parse(Row(("SourceLogin", "cy"), ("DestinationLogin", "cy"), ("MaxBytesPerSecond", "lots")), defaults, false));
        Assert.Equal(AccountField.MaxBytesPerSecond, e.Field);
        Assert.StartsWith("Row 1 of test.csv, column 'MaxBytesPerSecond': 'lots' is not a number of bytes per second", e.Message);
    }

    [Fact]
    public void Caps_are_stored_with_the_migration_and_can_be_changed_or_lifted()
    {
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var connection = new ConnectionSettings(new RecordedSide(ServerType.Imap, "a:143", "ann", ConnectionSecurity.None),
            new RecordedSide(ServerType.Imap, "b:143", "ann", ConnectionSecurity.None), false);
        var capped = store.CreateMigration(new NewMigration(null, connection, new[] { ItemType.Mail }, caps: new ThroughputCaps(2.5, 300_000)));
        var free = store.CreateMigration(new NewMigration(null, connection, new[] { ItemType.Mail }));

        Assert.Equal((2.5, (long?)300_000), (capped.MaxMessagesPerSecond, capped.MaxBytesPerSecond));
        Assert.Equal(((double?)null, (long?)null), (free.MaxMessagesPerSecond, free.MaxBytesPerSecond));

        store.SetThroughputCaps(capped.Id, new ThroughputCaps(null, 300_000));
        var reopened = new StateStore(store.Path).Find(capped.Id)!;
        Assert.Equal(((double?)null, (long?)300_000), (reopened.MaxMessagesPerSecond, reopened.MaxBytesPerSecond));
    }

    private static AccountRow Row(params (string Column, string Value)[] cells) =>
        new(1, "test.csv", cells.Select(c => new KeyValuePair<string, string?>(c.Column, c.Value)));
}
