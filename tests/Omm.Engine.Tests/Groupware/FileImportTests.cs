using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Omm.Engine.Calendars;
using Omm.Engine.Contacts;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.Pst;
using Omm.Engine.State;
using Omm.Engine.Tests.Calendars;
using Omm.Engine.Tests.Contacts;
using Omm.Engine.Tests.Pst;
using Omm.TestServers;

namespace Omm.Engine.Tests.Groupware;

/// <summary>
/// The team's .vcf and .ics fixtures and the PST fixtures' contacts, lists and appointments imported into a
/// real Radicale account, then read back: every property is there (Ical.Net, an independent parser, reads
/// the same events from the server as from the file).
/// </summary>
public sealed class FileImportTests : IDisposable
{
    private readonly RadicaleServer radicale = RadicaleServer.Start("importer");
    private readonly string statePath = Path.Combine(Path.GetTempPath(), $"omm-files-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        radicale.Dispose();
        foreach (var file in new[] { statePath, statePath + "-wal", statePath + "-shm" })
            File.Delete(file);
    }

    public static IEnumerable<object[]> CardFiles() => CardFixtures.All();

    public static IEnumerable<object[]> CalendarFiles() => CalendarFixtures.All();

    [Theory]
    [MemberData(nameof(CardFiles))]
    public async Task Every_vcf_fixture_lands_with_every_property(string fixture)
    {
        var cards = VCard.ReadAll(File.ReadAllText(CardFixtures.PathOf(fixture))).Select(c => c.WithStableUid()).ToList();

        var migration = await ImportAsync(CardFixtures.PathOf(fixture), ItemType.Contacts);

        Assert.Equal(MigrationStatus.Completed, migration.Status);
        Assert.Equal(cards.Count, migration.Progress.Single(p => p.ItemType == ItemType.Contacts).Migrated);
        var onServer = await ServerItemsAsync();
        var book = Assert.Single(onServer);
        Assert.Equal("Contacts", book.Key);
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

        await ImportAsync(CardFixtures.PathOf("John_Doe_IPHONE.vcf"), ItemType.Contacts);

        var copy = (await ServerItemsAsync())["Contacts"].Single();
        Assert.Contains(ContentFacts.Of(copy), fact => fact.StartsWith("VCARD PHOTO [JPEG]") && fact.EndsWith("sha256:" + expected));
    }

    [Theory]
    [MemberData(nameof(CalendarFiles))]
    public async Task Every_ics_fixture_lands_with_every_property(string fixture)
    {
        var text = File.ReadAllText(CalendarFixtures.PathOf(fixture));
        var objects = CalendarFile.Read(text).Objects;

        var migration = await ImportAsync(CalendarFixtures.PathOf(fixture), ItemType.Calendar, ItemType.Tasks);

        Assert.Equal(MigrationStatus.Completed, migration.Status);
        Assert.Equal(objects.Count(o => o.Kind != CalendarItemKind.Todo), migration.Progress.Single(p => p.ItemType == ItemType.Calendar).Migrated);
        Assert.Equal(objects.Count(o => o.Kind == CalendarItemKind.Todo), migration.Progress.Single(p => p.ItemType == ItemType.Tasks).Migrated);
        var onServer = await ServerItemsAsync();
        var resources = onServer.Values.SelectMany(r => r).ToList();
        Assert.Equal(objects.Count, resources.Count);
        Assert.All(resources, r => Assert.DoesNotContain("\nMETHOD:", r));
        // Radicale rewrites durations in their shortest form (PT3600S → PT1H): compared as lengths of time.
        Assert.Equal(SameDurations(IcalNetOracle.Describe(text)), SameDurations(IcalNetOracle.Describe(resources)));
        if (objects.Any(o => o.Kind == CalendarItemKind.Todo))
            Assert.All(onServer["Tasks"], r => Assert.Contains("BEGIN:VTODO", r));
    }

    [Fact]
    public async Task Importing_the_same_files_twice_adds_nothing()
    {
        var store = new StateStore(statePath);
        foreach (var path in new[] { CardFixtures.PathOf("gmail-list.vcf"), CalendarFixtures.PathOf("rfc5545-example2.ics") })
        {
            var (from, to) = (AccountEndpoint.ForFile(path), DavAccounts.Endpoint(EndpointRole.Destination, radicale, "importer"));
            var migration = DavAccounts.Create(store, from, to, ItemSupport.OfFile(path).ToArray());
            var first = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
            var second = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
            Assert.Equal(MigrationStatus.Completed, second.Migration.Status);
            Assert.Equal(first.Migration.Progress.Sum(p => p.Migrated), second.Migration.Progress.Sum(p => p.Migrated));
        }

        var before = (await ServerItemsAsync()).Values.Sum(r => r.Count);
        // A new migration of the same file into the same account (another state file): the items are there already, under their UIDs.
        var otherState = new StateStore(statePath + ".other.db");
        var path2 = CardFixtures.PathOf("gmail-list.vcf");
        var (source, target) = (AccountEndpoint.ForFile(path2), DavAccounts.Endpoint(EndpointRole.Destination, radicale, "importer"));
        var again = DavAccounts.Create(otherState, source, target, ItemType.Contacts);
        var result = await new MigrationRunner(otherState).RunPassAsync(again.Id, source, target, new RecordingObserver(), CancellationToken.None);
        Assert.Equal(MigrationStatus.Completed, result.Migration.Status);
        Assert.Equal(before, (await ServerItemsAsync()).Values.Sum(r => r.Count));
        foreach (var file in new[] { statePath + ".other.db", statePath + ".other.db-wal", statePath + ".other.db-shm" })
            File.Delete(file);
    }

    [Fact]
    public async Task Pst_contacts_lists_and_recurring_appointments_with_exceptions_arrive_intact()
    {
        var expectedCards = new List<string>();
        var expectedEvents = new List<string>();
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

            var migration = await ImportAsync(PstFixtures.PathOf(fixture), ItemType.Contacts, ItemType.Calendar, ItemType.Tasks);
            Assert.Equal(MigrationStatus.Completed, migration.Status);
        }

        var onServer = await ServerItemsAsync();
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

    private static List<string> SameDurations(List<string> descriptions) =>
        descriptions.Select(d => Regex.Replace(d, @"(?<=[=/])(-?)P(?=[0-9T])[0-9WDTHMS]+",
            m => m.Groups[1].Value + System.Xml.XmlConvert.ToTimeSpan(m.Value.TrimStart('-')).TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s")).ToList();

    private async Task<Migration> ImportAsync(string path, params ItemType[] include)
    {
        var store = new StateStore(statePath);
        var (from, to) = (AccountEndpoint.ForFile(path), DavAccounts.Endpoint(EndpointRole.Destination, radicale, "importer"));
        var migration = DavAccounts.Create(store, from, to, include);
        var result = await new MigrationRunner(store).RunPassAsync(migration.Id, from, to, new RecordingObserver(), CancellationToken.None);
        Assert.Null(result.Failure);
        return result.Migration;
    }

    private async Task<Dictionary<string, List<string>>> ServerItemsAsync()
    {
        using var client = DavAccounts.Client(radicale, "importer");
        return (await DavAccounts.ReadAllAsync(client)).ToDictionary(p => DavAccounts.NameOf(p.Key), p => p.Value.Select(r => r.Data).ToList());
    }
}
