using System.Diagnostics;
using Omm.Engine.Contacts;
using Omm.Engine.Tests.ContentLines;

namespace Omm.Engine.Tests.Contacts;

public class VCardMalformedTests
{
    [Theory]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n", 1, "no END")]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\nEND:VCARD\r\nEND:VCARD\r\n", 5, "without a BEGIN")]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nFN x\r\nEND:VCARD\r\n", 3, "no ':'")]
    [InlineData("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:x\r\nNOTE;ENCODING=QUOTED-PRINTABLE:bad =ZZ here\r\nEND:VCARD\r\n", 4, "quoted-printable")]
    [InlineData("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:x\r\nPHOTO;JPEG;ENCODING=BASE64:\r\n /9j/4A*AQ\r\n\r\nEND:VCARD\r\n", 4, "base64")]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nPHOTO;ENCODING=b;TYPE=JPEG:abcde\r\nEND:VCARD\r\n", 3, "base64")]
    [InlineData("BEGIN:VCARD\r\nVERSION:4.0\r\nPHOTO:data:image/png;base64,%%%\r\nEND:VCARD\r\n", 3, "base64")]
    [InlineData("BEGIN:VCARD\r\nVERSION:5.0\r\nEND:VCARD\r\n", 2, "not 2.1, 3.0 or 4.0")]
    [InlineData("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", 1, "BEGIN:VCARD was expected")]
    [InlineData("BEGIN:VCARD\r\nVERSION:3.0\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCARD\r\n", 3, "inside a vCard")]
    public void Malformed_cards_throw_naming_the_line(string text, int line, string problem)
    {
        var error = Assert.Throws<VCardFormatException>(() => VCard.ReadAll(text));
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"line {line}: ", error.Message);
    }

    [Fact]
    public void Parse_wants_exactly_one_card()
    {
        Assert.Throws<VCardFormatException>(() => VCard.Parse(CardFixtures.Text("gmail-list.vcf")));
        Assert.Throws<VCardFormatException>(() => VCard.Parse(""));
    }

    /// <summary>
    /// Mutants of every fixture (lines dropped, duplicated or cut, characters replaced, the file truncated):
    /// each reads or throws <see cref="VCardFormatException"/>, and a card that reads converts to 3.0.
    /// </summary>
    [Theory]
    [MemberData(nameof(CardFixtures.All), MemberType = typeof(CardFixtures))]
    public void Mutants_read_or_throw_the_format_exception(string name)
    {
        var original = CardFixtures.Text(name);
        var random = new Random(name.Length * 7919);
        var clock = Stopwatch.StartNew();
        var rejected = 0;
        for (var i = 0; i < 250; i++)
        {
            var mutant = Mutants.Mutate(original, random);
            try
            {
                foreach (var card in VCard.ReadAll(mutant))
                {
                    VCard.Parse(card.ToVersion3());
                    card.WithStableUid();
                }
            }
            catch (VCardFormatException e)
            {
                Assert.Matches("^line [0-9]+: |^one vCard", e.Message);
                rejected++;
            }
        }

        Assert.InRange(rejected, 1, 249);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"250 mutants took {clock.Elapsed}");
    }
}
