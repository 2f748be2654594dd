using MimeKit;
using Omm.Engine.Connectors.Files.Pst;
using Xunit.Abstractions;

namespace Omm.Engine.Tests.Pst;

/// <summary>
/// Every fixture PST is read and compared with two independent readers, pffexport (libpff) and readpst
/// (libpst): folder names, message counts, subjects, attachment names and sizes, contact and appointment
/// counts. The tools disagree with each other in places (and skip some items); each deliberate difference is
/// explained where the comparison allows for it.
/// </summary>
public class PstOracleTests
{
    private readonly ITestOutputHelper _output;

    public PstOracleTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> Fixtures() => PstFixtures.All();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Folders_messages_and_attachments_agree_with_pffexport(string fixture)
    {
        var path = PstFixtures.PathOf(fixture);
        using var work = new TempDirectory();
        using var pst = PstFile.Open(path);
        var ours = Snapshot(pst);
        var pff = PffExportResult.Run(path, pst.Root.Name, work.Path);

        // The same folder tree, empty folders included.
        Assert.Equal(pff.Folders.Keys.OrderBy(k => k, StringComparer.Ordinal), ours.Keys.OrderBy(k => k, StringComparer.Ordinal));

        foreach (var (folder, items) in ours)
        {
            // pffexport lists every item but exports only the types it knows; it logs the others as
            // "Skipped item ... of type: X" (IPM.Post in the pstsdk fixtures). Those are counted below.
            var exported = items.Where(i => !pff.SkippedByType.ContainsKey(i.MessageClass)).ToList();
            var theirs = pff.Folders[folder];
            Assert.Equal(
                theirs.Select(i => $"{i.Kind}: {i.Subject}").OrderBy(s => s, StringComparer.Ordinal),
                exported.Select(i => $"{PffKind(i.MessageClass)}: {i.Subject}").OrderBy(s => s, StringComparer.Ordinal));

            foreach (var item in exported)
            {
                var match = theirs.Single(t => t.Subject == item.Subject && t.Kind == PffKind(item.MessageClass));
                Assert.Equal(
                    match.Files.Select(f => $"{f.Name} {f.Size}").OrderBy(s => s, StringComparer.Ordinal),
                    item.Attachments.Where(a => !a.IsEmbeddedMessage).Select(a => $"{a.FileName} {a.Size}").OrderBy(s => s, StringComparer.Ordinal));
                Assert.Equal(match.EmbeddedCount, item.Attachments.Count(a => a.IsEmbeddedMessage));
            }
        }

        // The skipped items are logged for the whole store, including the folders outside the IPM subtree
        // (e.g. one IPM.Microsoft.ScheduleData.FreeBusy item in "Freebusy Data"): count those too.
        var outside = new PstFolder(pst, 0x122, null);
        var outsideClasses = new List<string>();
        void Walk(PstFolder folder)
        {
            outsideClasses.AddRange(folder.Messages().Select(m => m.MessageClass));
            foreach (var child in folder.Subfolders)
                Walk(child);
        }

        Walk(outside);
        foreach (var (type, count) in pff.SkippedByType)
            Assert.Equal(count, ours.Values.SelectMany(i => i).Count(i => i.MessageClass == type) + outsideClasses.Count(c => c == type));

        var all = ours.Values.SelectMany(i => i).ToList();
        _output.WriteLine($"{fixture}: {ours.Count} folders, {all.Count} messages ({all.Count(i => i.MessageClass == "IPM.Contact")} contacts, "
            + $"{all.Count(i => i.MessageClass == "IPM.Appointment")} appointments, {all.Sum(i => i.Attachments.Count)} attachments); "
            + $"pffexport skipped {string.Join(", ", pff.SkippedByType.Select(s => $"{s.Value} {s.Key}"))}");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Folder_entries_and_exported_items_agree_with_readpst(string fixture)
    {
        var path = PstFixtures.PathOf(fixture);
        using var work = new TempDirectory();
        using var pst = PstFile.Open(path);
        var readpst = ReadPstResult.Run(path, work.Path);

        // readpst prints one line per folder that has entries, counting subfolders, messages and associated
        // (FAI) items together, exported or skipped. It names the root after the store. On passworded.pst it
        // also says "A second message_store has been found" but still reads the store correctly.
        var ours = new List<(string Name, int Entries)>();
        foreach (var (folderPath, folder) in PstFixtures.Folders(pst))
        {
            var entries = folder.Subfolders.Count + folder.Messages().Count() + folder.AssociatedNids.Count;
            if (entries > 0)
                ours.Add((folderPath.Length == 0 ? pst.DisplayName : folder.Name, entries));
        }

        Assert.Equal(
            readpst.FolderSummaries.Select(s => $"{s.Name}: {s.Entries}").OrderBy(s => s, StringComparer.Ordinal),
            ours.Select(s => $"{s.Name}: {s.Entries}").OrderBy(s => s, StringComparer.Ordinal));

        // readpst writes mail as .eml, contacts as .vcf and appointments as .ics; it skips distribution lists
        // and posts (IPM.Post), which the summary above still counts.
        foreach (var (folderPath, folder) in PstFixtures.Folders(pst))
        {
            var directory = folderPath.Length == 0 ? pst.DisplayName : pst.DisplayName + "/" + folderPath;
            var files = readpst.Files.GetValueOrDefault(directory) ?? new List<string>();
            var messages = folder.Messages().ToList();
            Assert.Equal(messages.Count(m => m.MessageClass.StartsWith("IPM.Note", StringComparison.Ordinal)), files.Count(f => f.EndsWith(".eml", StringComparison.Ordinal)));
            Assert.Equal(messages.Count(m => m.MessageClass == "IPM.Contact"), files.Count(f => f.EndsWith(".vcf", StringComparison.Ordinal)));
            Assert.Equal(messages.Count(m => m.MessageClass == "IPM.Appointment"), files.Count(f => f.EndsWith(".ics", StringComparison.Ordinal)));

            var emls = files.Where(f => f.EndsWith(".eml", StringComparison.Ordinal)).Select(f => MimeMessage.Load(f)).ToList();
            var mails = messages.Where(m => m.MessageClass.StartsWith("IPM.Note", StringComparison.Ordinal)).ToList();
            Assert.Equal(emls.Select(e => e.Subject).OrderBy(s => s), mails.Select(m => m.Subject).OrderBy(s => s));
            foreach (var mail in mails)
            {
                var eml = emls.Single(e => e.Subject == mail.Subject);
                // readpst turns an RTF body into an extra attachment "rtf-body.rtf"; the reader puts the RTF (or
                // the HTML it encapsulates) in the body instead, so that file is left out of the comparison.
                var theirs = eml.Attachments.OfType<MimePart>().Where(p => p.FileName != "rtf-body.rtf")
                    .Select(p => $"{p.FileName} {DecodedLength(p)}").OrderBy(s => s, StringComparer.Ordinal);
                Assert.Equal(theirs, mail.Attachments.Where(a => !a.IsEmbeddedMessage).Select(a => $"{a.FileName} {a.Size}").OrderBy(s => s, StringComparer.Ordinal));
                Assert.Equal(eml.BodyParts.OfType<MessagePart>().Count(), mail.Attachments.Count(a => a.IsEmbeddedMessage));
            }

            var summaries = files.Where(f => f.EndsWith(".ics", StringComparison.Ordinal))
                .SelectMany(File.ReadAllLines).Where(l => l.StartsWith("SUMMARY:", StringComparison.Ordinal)).Select(l => (string?)l.Substring(8));
            Assert.Equal(summaries.OrderBy(s => s), messages.Where(m => m.MessageClass == "IPM.Appointment").Select(m => m.Subject).OrderBy(s => s));
        }
    }

    private static long DecodedLength(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content?.DecodeTo(stream);
        return stream.Length;
    }

    private static string PffKind(string messageClass)
    {
        if (messageClass.StartsWith("IPM.Contact", StringComparison.Ordinal))
            return "Contact";
        if (messageClass.StartsWith("IPM.DistList", StringComparison.Ordinal))
            return "DistributionList";
        if (messageClass.StartsWith("IPM.Appointment", StringComparison.Ordinal))
            return "Appointment";
        if (messageClass.StartsWith("IPM.Task", StringComparison.Ordinal))
            return "Task";
        if (messageClass.StartsWith("IPM.StickyNote", StringComparison.Ordinal))
            return "Note";
        if (messageClass.StartsWith("IPM.Schedule.Meeting", StringComparison.Ordinal))
            return "Meeting";
        return "Message";
    }

    private sealed record Item(string MessageClass, string? Subject, IReadOnlyList<PstAttachment> Attachments);

    private static Dictionary<string, List<Item>> Snapshot(PstFile pst)
    {
        var result = new Dictionary<string, List<Item>>();
        foreach (var (path, folder) in PstFixtures.Folders(pst))
            result[path] = folder.Messages().Select(m => new Item(m.MessageClass, m.Subject, m.Attachments)).ToList();
        return result;
    }
}
