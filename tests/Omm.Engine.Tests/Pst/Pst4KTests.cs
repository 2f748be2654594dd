using MimeKit;
using Omm.Engine.Connectors.Files.Pst;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Tests.Pst;

/// <summary>The 4 KiB-page variant (wVer 36), on fixtures rewritten in that layout by <see cref="Pst4KConverter"/>.</summary>
public class Pst4KTests
{
    [Theory]
    [InlineData("sample1-unicode.pst")]
    [InlineData("submessage.pst")]
    [InlineData("dist-list.pst")]
    public void A_4k_page_file_reads_like_its_512_byte_original(string fixture)
    {
        using var work = new TempDirectory();
        var converted = Path.Combine(work.Path, "4k.ost");
        Pst4KConverter.Convert(PstFixtures.PathOf(fixture), converted, fanOut: 5);

        using var original = PstFile.Open(PstFixtures.PathOf(fixture));
        using var fourK = PstFile.Open(converted);
        Assert.Equal(PstVariant.Unicode4K, fourK.Database.Layout.Variant);
        Assert.True(fourK.IsUnicode);
        Assert.Equal(original.DisplayName, fourK.DisplayName);

        var a = PstFixtures.Folders(original);
        var b = PstFixtures.Folders(fourK);
        Assert.Equal(a.Select(f => f.Path), b.Select(f => f.Path));
        foreach (var ((_, left), (_, right)) in a.Zip(b))
        {
            Assert.Equal(left.Special, right.Special);
            var leftMessages = left.Messages().ToList();
            var rightMessages = right.Messages().ToList();
            Assert.Equal(leftMessages.Select(m => m.Subject), rightMessages.Select(m => m.Subject));
            foreach (var (x, y) in leftMessages.Zip(rightMessages))
            {
                Assert.Equal(x.Attachments.Select(t => (t.FileName, t.Size)), y.Attachments.Select(t => (t.FileName, t.Size)));
                Assert.Equal(x.Attachments.Select(t => t.GetContent()), y.Attachments.Select(t => t.GetContent()));
                Assert.Equal(Text(x.ToMimeMessage()), Text(y.ToMimeMessage()));
            }
        }
    }

    /// <summary>The MIME text with its random boundaries taken out.</summary>
    private static string Text(MimeMessage message)
    {
        var text = message.ToString();
        foreach (var multipart in AllMultiparts(message.Body!))
            text = text.Replace(multipart.Boundary!, "BOUNDARY");
        return text;
    }

    private static IEnumerable<Multipart> AllMultiparts(MimeEntity entity)
    {
        if (entity is Multipart multipart)
        {
            yield return multipart;
            foreach (var child in multipart)
            {
                foreach (var inner in AllMultiparts(child))
                    yield return inner;
            }
        }
        else if (entity is MessagePart { Message.Body: not null } part)
        {
            foreach (var inner in AllMultiparts(part.Message.Body))
                yield return inner;
        }
    }
}
