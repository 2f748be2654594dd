using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;
using Omm.Engine.State;
using Omm.TestServers;
using Omm.TestServers.Ews;

namespace Omm.Bench;

/// <summary>
/// Contacts, events and tasks through Exchange (the EWS test server) and a real Radicale, in this process: N contacts
/// (two e-mails, three phones, an address, a note) and N/2 events (every tenth a weekly series with an excluded and a
/// moved occurrence, every fifth a meeting) plus N/10 tasks imported from files into Exchange, then Exchange → Radicale,
/// a sync with nothing new, and Radicale → a second Exchange mailbox. Items per second for each, and whether every
/// item arrived once.
/// </summary>
internal static class EwsGroupwareBenchmark
{
    private const string Mailbox = "bench@exchange.test";
    private const string Other = "back@exchange.test";
    private const string Password = "bench-pass";

    public static async Task<int> RunAsync(int contacts)
    {
        var directory = Directory.CreateTempSubdirectory("omm-bench-ews-groupware-").FullName;
        var vcf = Path.Combine(directory, "contacts.vcf");
        var ics = Path.Combine(directory, "agenda.ics");
        File.WriteAllText(vcf, Cards(contacts));
        var (events, tasks) = (contacts / 2, contacts / 10);
        File.WriteAllText(ics, Calendar(events, tasks));
        var total = contacts + events + tasks;
        Console.WriteLine($"{contacts:N0} contacts, {events:N0} events ({events / 10:N0} series with exceptions), {tasks:N0} tasks: {new FileInfo(vcf).Length / 1e6 + new FileInfo(ics).Length / 1e6:N1} MB of vCard and iCalendar");

        await using var exchange = await EwsTestServer.StartAsync(new EwsTestServerOptions { ValidateResponses = false });
        exchange.AddMailbox(Mailbox, Password);
        exchange.AddMailbox(Other, Password);
        using var radicale = RadicaleServer.Start("bench");
        var store = new StateStore(Path.Combine(directory, "omm.db"));
        var dav = new AccountEndpoint(EndpointRole.Destination, ServerType.Dav, null, ConnectionSecurity.None, new NetworkCredential("bench", radicale.Password), false, radicale.Url);
        var davSource = new AccountEndpoint(EndpointRole.Source, ServerType.Dav, null, ConnectionSecurity.None, new NetworkCredential("bench", radicale.Password), false, radicale.Url);

        var ok = true;
        ok &= await TimedAsync("files into Exchange", total, store, new[] { (AccountEndpoint.ForFile(vcf), Ews(exchange, EndpointRole.Destination, Mailbox)),
            (AccountEndpoint.ForFile(ics), Ews(exchange, EndpointRole.Destination, Mailbox)) });
        await ReadOnlyAsync(Ews(exchange, EndpointRole.Source, Mailbox), total);
        var toDav = (Ews(exchange, EndpointRole.Source, Mailbox), dav);
        ok &= await TimedAsync("Exchange to Radicale", total, store, new[] { toDav });
        ok &= await TimedAsync("sync, nothing new", total, store, new[] { toDav }, again: true);
        ok &= await TimedAsync("Radicale to Exchange", total, store, new[] { (davSource, Ews(exchange, EndpointRole.Destination, Other)) });

        var arrived = new[] { "Contacts", "Calendar", "Tasks" }.Sum(f => exchange.GroupwareItems(Other, f).Count);
        Console.WriteLine($"every item once: {arrived:N0} of {total:N0} items in the second mailbox; invitations sent: {exchange.InvitationsSent}");
        ok &= arrived == total && !exchange.InvitationsSent;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return ok ? 0 : 1;
    }

    private static readonly Dictionary<(AccountEndpoint, AccountEndpoint), string> Migrations = new();

    private static async Task<bool> TimedAsync(string what, int items, StateStore store, IEnumerable<(AccountEndpoint From, AccountEndpoint To)> pairs, bool again = false)
    {
        var clock = Stopwatch.StartNew();
        var ok = true;
        var warnings = 0;
        foreach (var (from, to) in pairs)
        {
            if (!Migrations.TryGetValue((from, to), out var id))
                Migrations[(from, to)] = id = store.CreateMigration(new NewMigration(null, ConnectionSettings.Of(from, to, false),
                    new[] { ItemType.Contacts, ItemType.Calendar, ItemType.Tasks })).Id;
            var observer = new ProblemCount();
            var result = await new MigrationRunner(store).RunPassAsync(id, from, to, observer, CancellationToken.None);
            warnings += observer.Warnings;
            ok &= result.Failure == null && result.Migration.Status == MigrationStatus.Completed;
            if (result.Failure != null || result.Migration.Status != MigrationStatus.Completed)
                Console.WriteLine($"  {result.Migration.Status}: {result.Failure?.Message} {string.Join(" | ", result.Migration.Errors.Take(3).Select(e => e.Message))}");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine((again
            ? $"{what,-22} {seconds,7:N2} s for {items:N0} items looked at"
            : $"{what,-22} {seconds,7:N2} s {items / seconds,7:N0} items/s") + $", {warnings:N0} item warnings");
        return ok;
    }

    /// <summary>What reading alone takes (the source side of "Exchange to Radicale").</summary>
    private static async Task ReadOnlyAsync(AccountEndpoint source, int items)
    {
        var clock = Stopwatch.StartNew();
        using var reader = Omm.Engine.Connectors.CollectionSources.Open(source);
        var read = 0;
        foreach (var collection in await reader.ListCollectionsAsync(CancellationToken.None))
        {
            var entries = await reader.ListEntriesAsync(collection, CancellationToken.None);
            for (var start = 0; start < entries.Count; start += 100)
                read += (await reader.ReadAsync(collection, entries.Skip(start).Take(100).ToList(), CancellationToken.None)).Count(i => i.Error == null);
        }

        Console.WriteLine($"{"reading Exchange only",-22} {clock.Elapsed.TotalSeconds,7:N2} s {items / clock.Elapsed.TotalSeconds,7:N0} items/s ({read:N0} read)");
    }

    private static AccountEndpoint Ews(EwsTestServer exchange, EndpointRole role, string mailbox) =>
        AccountEndpoint.ForExchange(role, exchange.Url, new NetworkCredential(mailbox, Password), false);

    private static string Cards(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            text.Append($"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bench-contact-{n}\r\nFN:Person {n}\r\nN:Person;{n};;;\r\nORG:Company {i % 50}\r\n")
                .Append($"EMAIL;TYPE=INTERNET,WORK:p{n}@work.example\r\nEMAIL;TYPE=INTERNET,HOME:p{n}@home.example\r\n")
                .Append($"TEL;TYPE=WORK,VOICE:+33 1 00 00 {i % 100:00} {i % 97:00}\r\nTEL;TYPE=CELL:+33 6 00 00 {i % 100:00} {i % 89:00}\r\nTEL;TYPE=HOME,VOICE:+33 4 00 00 00 {i % 100:00}\r\n")
                .Append($"ADR;TYPE=WORK:;;{i} rue de la Paix;Paris;;75002;France\r\nNOTE:Met at event {i % 20}.\r\nEND:VCARD\r\n");
        }

        return text.ToString();
    }

    private static string Calendar(int events, int tasks)
    {
        var text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Omm bench//EN\r\n");
        var start = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < events; i++)
        {
            var at = start.AddHours(i * 5);
            var uid = $"bench-event-{i}";
            text.Append($"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Event {i}\r\nLOCATION:Room {i % 9}\r\n")
                .Append($"DTSTART:{at:yyyyMMdd'T'HHmmss'Z'}\r\nDTEND:{at.AddHours(1):yyyyMMdd'T'HHmmss'Z'}\r\n");
            if (i % 5 == 0)
                text.Append("ORGANIZER:mailto:bench@exchange.test\r\nATTENDEE;ROLE=REQ-PARTICIPANT:mailto:guest@example.com\r\n");
            if (i % 10 == 0)
                text.Append($"RRULE:FREQ=WEEKLY;COUNT=10\r\nEXDATE:{at.AddDays(14):yyyyMMdd'T'HHmmss'Z'}\r\n");
            text.Append("BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\n");
            if (i % 10 == 0)
                text.Append($"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nRECURRENCE-ID:{at.AddDays(21):yyyyMMdd'T'HHmmss'Z'}\r\nSUMMARY:Event {i} (moved)\r\n")
                    .Append($"DTSTART:{at.AddDays(21).AddHours(2):yyyyMMdd'T'HHmmss'Z'}\r\nDTEND:{at.AddDays(21).AddHours(3):yyyyMMdd'T'HHmmss'Z'}\r\nEND:VEVENT\r\n");
        }

        for (var i = 0; i < tasks; i++)
            text.Append($"BEGIN:VTODO\r\nUID:bench-task-{i}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Task {i}\r\nDUE;VALUE=DATE:{start.AddDays(i):yyyyMMdd}\r\nEND:VTODO\r\n");
        return text.Append("END:VCALENDAR\r\n").ToString();
    }

    /// <summary>Counts item warnings (here: meetings whose organizer is not the mailbox they go into) and prints errors.</summary>
    private sealed class ProblemCount : IMigrationObserver
    {
        public int Warnings { get; private set; }

        public void OnProgress(MigrationProgress progress)
        {
        }

        public void OnItemProblem(ItemError problem)
        {
            if (problem.Type == ItemErrorType.Warning && ++Warnings <= 2)
                Console.WriteLine($"  for example: {problem.ItemName}: {problem.Message}");
            if (problem.Type == ItemErrorType.Warning)
                return;
            Console.WriteLine($"  {problem.Type}: {problem.ItemName}: {problem.Message}");
        }

        public void OnVerbose(string message)
        {
        }

        public void OnWarning(string message) => Console.WriteLine("  " + message);
    }
}
