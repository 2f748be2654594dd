using System.Security.Cryptography;
using MimeKit;
using Omm.Engine.Connectors.Files.Pst;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Tests.Pst;

/// <summary>Damaged copies of a fixture with the damage aimed at one node (see <see cref="PstMutator.WithBlockDamaged"/>), and what a message holds.</summary>
internal static class PstDamage
{
    /// <summary>A copy of the fixture with the heap of the node's data block (a message, folder or table) damaged.</summary>
    public static string NodeHeap(string fixture, uint nid, string target)
    {
        var source = PstFixtures.PathOf(fixture);
        using (var pst = PstFile.Open(source))
            return Write(target, new PstMutator(source, new Random(0)).WithBlockDamaged(pst.Database.FindNode(nid)!.Value.DataBid, heap: true));
    }

    /// <summary>A copy of the fixture with the heap of a subnode of a message (its recipient or attachment table, an attachment) damaged.</summary>
    public static string SubnodeHeap(string fixture, uint messageNid, uint subnode, string target)
    {
        var source = PstFixtures.PathOf(fixture);
        using var pst = PstFile.Open(source);
        Assert.True(pst.CreateMessage(messageNid).Object.Node.Subnodes.TryGet(subnode, out var entry));
        return Write(target, new PstMutator(source, new Random(0)).WithBlockDamaged(entry.DataBid, heap: true));
    }

    /// <summary>A copy of the fixture with the data block of a subnode of a message (a body or attachment stream) failing its CRC check.</summary>
    public static string SubnodeBlock(string fixture, uint messageNid, uint subnode, string target)
    {
        var source = PstFixtures.PathOf(fixture);
        using var pst = PstFile.Open(source);
        Assert.True(pst.CreateMessage(messageNid).Object.Node.Subnodes.TryGet(subnode, out var entry));
        return Write(target, new PstMutator(source, new Random(0)).WithBlockDamaged(entry.DataBid, heap: false));
    }

    /// <summary>A copy of the fixture with its largest data block failing its CRC check (in sample1, part of the one attachment's data).</summary>
    public static string LargestDataBlock(string fixture, string target)
    {
        var mutator = new PstMutator(PstFixtures.PathOf(fixture), new Random(0));
        return Write(target, mutator.WithBlockDamaged(mutator.LargestDataBlock(), heap: false));
    }

    /// <summary>The message of the undamaged fixture, rebuilt as MIME, written with CRLF line ends and read back, as the destination has it.</summary>
    public static MimeMessage Original(string fixture, uint nid)
    {
        using var pst = PstFile.Open(PstFixtures.PathOf(fixture));
        var written = new MemoryStream();
        var crlf = FormatOptions.Default.Clone();
        crlf.NewLineFormat = NewLineFormat.Dos;
        pst.CreateMessage(nid).ToMimeMessage().WriteTo(crlf, written);
        written.Position = 0;
        return MimeMessage.Load(written);
    }

    /// <summary>What a message holds, independent of MIME boundaries: its main headers and each part's type, name and decoded content.</summary>
    public static List<string> Facts(MimeMessage message)
    {
        var facts = new List<string>
        {
            "Subject: " + message.Subject, "From: " + message.From, "To: " + message.To, "Cc: " + message.Cc,
            "Date: " + message.Date.ToString("o"), "Message-ID: " + message.MessageId,
        };
        foreach (var part in message.BodyParts)
        {
            if (part is MessagePart attached && attached.Message != null)
            {
                facts.Add("message/rfc822");
                facts.AddRange(Facts(attached.Message).Select(f => "  " + f));
            }
            else if (part is MimePart leaf)
            {
                using var content = new MemoryStream();
                leaf.Content?.DecodeTo(content);
                facts.Add($"{leaf.ContentType.MimeType} '{leaf.FileName}' {Convert.ToHexString(SHA256.HashData(content.ToArray()))}");
            }
        }

        return facts;
    }

    public static List<string> Facts(byte[] message) => Facts(MimeMessage.Load(new MemoryStream(message)));

    private static string Write(string target, byte[] bytes)
    {
        File.WriteAllBytes(target, bytes);
        return target;
    }
}
