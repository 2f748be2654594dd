using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Omm.Engine.Calendars;
using Omm.Engine.Contacts;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Connectors.Files.Pst;
using Omm.Engine.State;
using Omm.Engine.Tests.Calendars;
using Omm.Engine.Tests.Contacts;
using Omm.Engine.Tests.Pst;
using Omm.TestServers;

namespace Omm.Engine.Tests.Groupware;

/// <summary>
/// The team's .vcf and .ics fixtures imported into a real Radicale and a real Xandikos account, and the PST
/// fixtures' contacts, lists and appointments into Radicale, then read back: every property is there (Ical.Net,
/// an independent parser, reads the same events from the server as from the file).
/// </summary>
public sealed class FileImportTests : IDisposable
{
    private readonly string statePath = Path.Combine(Path.GetTempPath(), $"omm-files-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in new[] { statePath, statePath + "-wal", statePath + "-shm" })
            File.Delete(file);
    }

    public static IEnumerable<object[]> CardFiles() => OnBothServers(CardFixtures.All());

    public static IEnumerable<object[]> CalendarFiles() => OnBothServers(CalendarFixtures.All());

    [Theory]
    [MemberData(nameof(CardFiles))]
    public async Task Every_vcf_fixture_lands_with_every_property(string fixture, string server)
    {
        var cards = VCard.ReadAll(File.ReadAllText(CardFixtures.PathOf(fixture))).Select(c => c.WithStableUid()).ToList();
        using var destination = DavDestination.Start(server);

        var (migration, _) = await destination.ImportAsync(CardFixtures.PathOf(fixture), ItemType.Contacts);

        Assert.True(MigrationStatus.Completed == migration.Status, string.Join(" | ", migration.Errors.Select(e => $"{e.ItemName}: {e.Message}")));
        Assert.Equal(cards.Count, migration.Progress.Single(p => p.ItemType == ItemType.Contacts).Migrated);
        var book = Assert.Single(await destination.ItemsAsync(), c => c.Value.Count > 0);
        Assert.Equal(cards.Count, book.Value.Count);
        foreach (var card in cards)
        {
            var copy = book.Value.Single(data => VCard.Parse(data).Uid == card.Uid);
            Assert.Equal("3.0", VCard.Parse(copy).Version);
            // What Omm sends (the card itself, or its 3.0 form with 3.0's escaping); that it keeps every property of the
            // file is VCardFixtureTests' part.
            Assert.Equal(ContentFacts.Of(card.ToVersion3()), ContentFacts.Of(copy));
        }
    }

    [Fact]
    public async Task The_iPhone_photo_arrives_byte_for_byte()
    {
        var text = File.ReadAllText(CardFixtures.PathOf("John_Doe_IPHONE.vcf"));
        // The photo's bytes straight from the file, without Omm's parser: the base64 after PHOTO up to the next property.
        var base64 = Regex.Match(text, @"PHOTO;[^:]*:(?<data>[A-Za-z0-9+/=\r\n ]+?)\r?\r?\n(?=[A-Z])").Groups["data"].Value;
        var expected = Convert.ToHexString(SHA256.HashData(Convert.FromBase64String(Regex.Replace(base64, @"\s", ""))));

        using var destination = DavDestination.Start(DavDestination.Radicale);
        await destination.ImportAsync(CardFixtures.PathOf("John_Doe_IPHONE.vcf"), ItemType.Contacts);

        var copy = (await destination.ItemsAsync())["Contacts"].Single();
        Assert.Contains(ContentFacts.Of(copy), fact => fact.StartsWith("VCARD PHOTO [JPEG]") && fact.EndsWith("sha256:" + expected));
    }

    [Theory]
    [MemberData(nameof(CalendarFiles))]
    public async Task Every_ics_fixture_lands_with_every_property(string fixture, string server)
    {
        var text = File.ReadAllText(CalendarFixtures.PathOf(fixture));
        var objects = CalendarFile.Read(text).Objects;
        using var destination = DavDestination.Start(server);

        var (migration, _) = await destination.ImportAsync(CalendarFixtures.PathOf(fixture), ItemType.Calendar, ItemType.Tasks);

        Assert.Equal(MigrationStatus.Completed, migration.Status);
        Assert.Equal(objects.Count(o => o.Kind != CalendarItemKind.Todo), migration.Progress.Single(p => p.ItemType == ItemType.Calendar).Migrated);
        Assert.Equal(objects.Count(o => o.Kind == CalendarItemKind.Todo), migration.Progress.Single(p => p.ItemType == ItemType.Tasks).Migrated);
        var onServer = await destination.ItemsAsync();
        var resources = onServer.Values.SelectMany(r => r).ToList();
        Assert.Equal(objects.Count, resources.Count);
        Assert.All(resources, r => Assert.DoesNotContain("\nMETHOD:", r));
        // Radicale rewrites durations in their shortest form (PT3600S → PT1H): compared as lengths of time.
        Assert.Equal(SameDurations(IcalNetOracle.Describe(text)), SameDurations(IcalNetOracle.Describe(resources)));
        if (objects.Any(o => o.Kind == CalendarItemKind.Todo) && server == DavDestination.Radicale)
            Assert.All(onServer["Tasks"], r => Assert.Contains("BEGIN:VTODO", r));
    }

    [Fact]
    public async Task Importing_the_same_files_twice_adds_nothing()
    {
        using var destination = DavDestination.Start(DavDestination.Radicale);
        var store = new StateStore(statePath);
        foreach (var path in new[] { CardFixtures.PathOf("gmail-list.vcf"), CalendarFixtures.PathOf("rfc5545-example2.ics") })
        {
            var (from, to) = (AccountEndpoint.ForFile(path), destination.Endpoint);
            var migration = DavAccounts.Create(store, from, to, ItemSupport.OfFile(path).ToArray());
            var first = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
            var second = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
            Assert.Equal(MigrationStatus.Completed, second.Migration.Status);
            Assert.Equal(first.Migration.Progress.Sum(p => p.Migrated), second.Migration.Progress.Sum(p => p.Migrated));
        }

        var before = (await destination.ItemsAsync()).Values.Sum(r => r.Count);
        // A new migration of the same file into the same account (another state file): the items are there already, under their UIDs.
        var otherState = new StateStore(statePath + ".other.db");
        var path2 = CardFixtures.PathOf("gmail-list.vcf");
        var (source, target) = (AccountEndpoint.ForFile(path2), destination.Endpoint);
        var again = DavAccounts.Create(otherState, source, target, ItemType.Contacts);
        var result = await new MigrationRunner(otherState).RunPassAsync(again.Id, source, target, new RecordingObserver(), CancellationToken.None);
        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        Assert.Equal(before, (await destination.ItemsAsync()).Values.Sum(r => r.Count));
        foreach (var file in new[] { statePath + ".other.db", statePath + ".other.db-wal", statePath + ".other.db-shm" })
            File.Delete(file);
    }

    [Fact]
    public async Task Pst_contacts_lists_and_recurring_appointments_with_exceptions_arrive_intact()
    {
        var expectedCards = new List<string>();
        var expectedEvents = new List<string>();
        using var destination = DavDestination.Start(DavDestination.Radicale);
        foreach (var fixture in new[] { "contacts6.pst", "dist-list.pst" })
        {
            using var pst = PstFile.Open(PstFixtures.PathOf(fixture));
            foreach (var folder in pst.Root.Subfolders)
            {
                foreach (var message in folder.Messages())
                {
                    if (message.MessageClass.StartsWith("IPM.Contact") || message.MessageClass.StartsWith("IPM.DistList"))
                        expectedCards.Add(message.ToVCard());
                    else if (message.MessageClass.StartsWith("IPM.Appointment"))
                        expectedEvents.Add(message.ToICalendar());
                }
            }

            var (migration, _) = await destination.ImportAsync(PstFixtures.PathOf(fixture), ItemType.Contacts, ItemType.Calendar, ItemType.Tasks);
            Assert.Equal(MigrationStatus.Completed, migration.Status);
        }

        var onServer = await destination.ItemsAsync();
        var cards = onServer["Contacts"];
        Assert.Equal(expectedCards.Count, cards.Count);
        Assert.Contains(cards, c => c.Contains("X-ADDRESSBOOKSERVER-KIND:group"));
        foreach (var expected in expectedCards)
        {
            var uid = VCard.Parse(expected).Uid;
            Assert.Equal(ContentFacts.Of(expected), ContentFacts.Of(cards.Single(c => VCard.Parse(c).Uid == uid)));
        }

        var events = onServer["Calendar"];
        Assert.NotEmpty(expectedEvents);
        Assert.Equal(IcalNetOracle.Describe(expectedEvents), IcalNetOracle.Describe(events));
        Assert.Contains(events, e => e.Contains("RRULE:") && e.Contains("EXDATE") && e.Contains("RECURRENCE-ID"));
    }

    private static IEnumerable<object[]> OnBothServers(IEnumerable<object[]> fixtures) =>
        fixtures.SelectMany(f => new[] { DavDestination.Radicale, DavDestination.Xandikos }.Select(server => new[] { f[0], server }));

    private static List<string> SameDurations(List<string> descriptions) =>
        descriptions.Select(d => Regex.Replace(d, @"(?<=[=/])(-?)P(?=[0-9T])[0-9WDTHMS]+",
            m => m.Groups[1].Value + System.Xml.XmlConvert.ToTimeSpan(m.Value.TrimStart('-')).TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s")).ToList();
}
