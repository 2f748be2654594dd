using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace Omm.Engine.Tests.Ews;

/// <summary>
/// A 50 MB message goes into the EWS test server and back out as base64 without the server (or this test's client)
/// ever holding its base64 as one string: the whole process allocates well under what one such string would take.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class EwsLargeMessageTests
{
    private const int BodyBytes = 50 * 1024 * 1024;

    [Fact]
    public async Task A_50_MB_message_is_streamed_in_and_out()
    {
        await using var fixture = await EwsServerFixture.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{EwsServerFixture.Alice}:{EwsServerFixture.Password}")));
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var content = new GeneratedMimeContent(BodyBytes);
        string itemId;
        using (var created = await http.PostAsync(fixture.Server.Url, content))
        {
            var answer = await created.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            itemId = (string)System.Xml.Linq.XDocument.Parse(answer).Descendants(EwsSoapClient.T + "ItemId").Single().Attribute("Id")!;
        }

        var getItem = EwsSoapClient.Envelope(EwsSamples.GetItem(itemId));
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Server.Url) { Content = new StringContent(getItem, Encoding.UTF8, "text/xml") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        await using (var stream = await response.Content.ReadAsStreamAsync())
        using (var reader = XmlReader.Create(stream))
        {
            Assert.True(reader.ReadToFollowing("MimeContent", EwsSoapClient.T.NamespaceName));
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = reader.ReadElementContentAsBase64(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
            }
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Equal(content.Length, length);
        Assert.Equal(content.Hash, hash.GetHashAndReset());
        Assert.Equal(content.Length, fixture.Server.Items(EwsServerFixture.Alice, "Inbox").Single().Size);
        // The stored message itself is ~50 MB; its base64 as a string would be 2 x 67 MB more.
        Assert.True(allocated < 2L * BodyBytes, $"{allocated / 1024 / 1024} MB allocated for a {BodyBytes / 1024 / 1024} MB message");
    }

    /// <summary>A CreateItem request whose MIME body is generated and base64-encoded chunk by chunk as it is sent.</summary>
    private sealed class GeneratedMimeContent : HttpContent
    {
        private const int Chunk = 48 * 1024;
        private readonly int bodyBytes;
        private readonly byte[] header = Encoding.ASCII.GetBytes("From: big@example.net\r\nSubject: Large\r\nMessage-ID: <large@example.net>\r\nDate: Tue, 1 Jul 2025 10:00:00 +0000\r\nContent-Type: text/plain\r\n\r\n");

        public GeneratedMimeContent(int bodyBytes)
        {
            this.bodyBytes = bodyBytes;
            Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        }

        public long Length => header.Length + (long)bodyBytes;

        public byte[] Hash { get; private set; } = [];

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var envelope = EwsSoapClient.Envelope(EwsSamples.CreateItem(EwsSamples.Distinguished("inbox"), [], EwsSamples.Flags(1)));
            var split = envelope.IndexOf("</t:MimeContent>", StringComparison.Ordinal);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(envelope[..split]));
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var plain = new byte[Chunk];
            var encoded = new byte[Base64.GetMaxEncodedToUtf8Length(Chunk)];
            var line = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog 0123456789.\r\n");
            long written = 0;
            var total = Length;
            while (written < total)
            {
                var count = (int)Math.Min(Chunk, total - written);
                for (var i = 0; i < count; i++)
                {
                    var at = written + i;
                    plain[i] = at < header.Length ? header[at] : line[(at - header.Length) % line.Length];
                }

                hash.AppendData(plain, 0, count);
                Base64.EncodeToUtf8(plain.AsSpan(0, count), encoded, out _, out var produced);
                await stream.WriteAsync(encoded.AsMemory(0, produced));
                written += count;
            }

            Hash = hash.GetHashAndReset();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(envelope[split..]));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
