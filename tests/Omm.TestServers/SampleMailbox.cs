using System.Globalization;
using System.Text;

namespace Omm.TestServers;

/// <summary>
/// A source mailbox worth migrating: every MIME sample of the shared fixtures (real client output,
/// malformed ones included) plus generated messages with assorted flags, keywords, dates and sizes,
/// across nested and non-ASCII folders. Folder paths use '/' as the hierarchy separator.
/// </summary>
public static class SampleMailbox
{
    public const string NonAsciiFolder = "Données/Été 2024";
    public const string NestedFolder = "Projects/2024/Q1";
    public const string DottedFolder = "Archive.old";
    public const string LargeFolder = "Projects";

    /// <summary>The complete sample: fixtures, generated messages, and one message over 20 MB.</summary>
    public static IReadOnlyList<SeedMessage> Full(int largeMessageBytes = 21 * 1024 * 1024)
    {
        var messages = new List<SeedMessage>(Fixtures());
        messages.AddRange(Generated());
        messages.Add(new SeedMessage(LargeFolder, Generate(1000, "A very large attachment", largeMessageBytes),
            new[] { "\\Seen", "\\Flagged" }, new DateTimeOffset(2023, 3, 14, 15, 9, 26, TimeSpan.FromHours(1)), "generated, over 20 MB"));
        return messages;
    }

    /// <summary>Every file under fixtures/mime, into INBOX, with varied flags and dates.</summary>
    public static IEnumerable<SeedMessage> Fixtures()
    {
        var directory = Path.Combine(RepositoryPaths.SharedFixtures, "mime");
        var files = System.IO.Directory.GetFiles(directory).OrderBy(f => f, StringComparer.Ordinal).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            yield return new SeedMessage("INBOX", File.ReadAllBytes(files[i]), FlagsFor(i),
                new DateTimeOffset(2001 + i % 23, 1 + i % 12, 1 + i % 28, i % 24, i * 7 % 60, i * 13 % 60, TimeSpan.FromHours(i % 5 - 2)),
                "fixture " + Path.GetFileName(files[i]));
        }
    }

    /// <summary>Generated messages in special, nested, non-ASCII and dotted folders.</summary>
    public static IEnumerable<SeedMessage> Generated()
    {
        var plan = new (string Folder, int Count, string[] Flags)[]
        {
            ("Sent", 5, new[] { "\\Seen" }),
            ("Drafts", 2, new[] { "\\Draft" }),
            ("Trash", 2, new[] { "\\Seen", "\\Deleted" }),
            ("Junk", 1, Array.Empty<string>()),
            (NonAsciiFolder, 3, new[] { "\\Seen", "$Forwarded", "Work" }),
            (NestedFolder, 4, new[] { "\\Answered", "\\Seen" }),
            (DottedFolder, 2, new[] { "\\Flagged" }),
            (LargeFolder, 2, new[] { "\\Seen", "\\Answered", "\\Flagged" }),
        };
        var n = 0;
        foreach (var (folder, count, flags) in plan)
        {
            for (var i = 0; i < count; i++, n++)
            {
                var size = new[] { 600, 3000, 70_000, 1_500_000 }[n % 4];
                var subject = folder == NonAsciiFolder ? $"Réunion d'été n°{i} — ✓" : $"{folder} message {i}";
                yield return new SeedMessage(folder, Generate(n, subject, size), flags.Length == 0 ? flags : flags.Take(1 + i % flags.Length).ToArray(),
                    new DateTimeOffset(1999 + n, 1 + n % 12, 10, 8, 30, 0, TimeSpan.FromMinutes(-300 + 60 * (n % 10))),
                    $"generated {folder} #{i} ({size} bytes)");
            }
        }
    }

    /// <summary>A plausible multipart message of about <paramref name="size"/> bytes.</summary>
    public static byte[] Generate(int index, string subject, int size)
    {
        var random = new Random(index);
        var boundary = "=_omm_" + index.ToString(CultureInfo.InvariantCulture);
        var header = new StringBuilder();
        header.Append("From: Alice Example <alice@example.org>\r\n");
        header.Append("To: Bob <bob@example.net>\r\n");
        header.Append("Subject: =?UTF-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(subject))).Append("?=\r\n");
        header.Append(CultureInfo.InvariantCulture, $"Date: Mon, {1 + index % 28} Jan 2024 10:00:00 +0100\r\n");
        header.Append(CultureInfo.InvariantCulture, $"Message-ID: <sample-{index}-{size}@omm.test>\r\n");
        header.Append("MIME-Version: 1.0\r\n");
        header.Append(CultureInfo.InvariantCulture, $"Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n");
        header.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        header.Append(CultureInfo.InvariantCulture, $"Bonjour Bob,\r\nMessage n°{index}, « {subject} ».\r\n\r\n");
        header.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: application/octet-stream; name=\"data{index}.bin\"\r\n");
        header.Append("Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment\r\n\r\n");
        var head = Encoding.UTF8.GetBytes(header.ToString());
        var tail = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");

        var payloadChars = Math.Max(76, size - head.Length - tail.Length);
        var raw = new byte[payloadChars * 3 / 4];
        random.NextBytes(raw);
        var base64 = Convert.ToBase64String(raw, Base64FormattingOptions.InsertLineBreaks);
        var body = Encoding.ASCII.GetBytes(base64);
        var message = new byte[head.Length + body.Length + tail.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message, head.Length);
        tail.CopyTo(message, head.Length + body.Length);
        return message;
    }

    /// <summary>Creates the folders (with '/'-separated paths translated to the server's separator) and appends every message.</summary>
    public static void Seed(RawImapClient client, IEnumerable<SeedMessage> messages, char separator = '/')
    {
        var created = new HashSet<string>(StringComparer.Ordinal) { "INBOX" };
        foreach (var message in messages)
        {
            var folder = message.Folder.Replace('/', separator);
            if (created.Add(folder))
                client.CreatePath(folder, separator);
            client.Append(folder, message.Bytes, message.Flags, message.InternalDate);
        }
    }

    private static string[] FlagsFor(int i) => (i % 6) switch
    {
        0 => Array.Empty<string>(),
        1 => new[] { "\\Seen" },
        2 => new[] { "\\Seen", "\\Answered" },
        3 => new[] { "\\Flagged" },
        4 => new[] { "\\Seen", "$Forwarded" },
        _ => new[] { "\\Draft", "\\Seen", "\\Flagged" },
    };
}
