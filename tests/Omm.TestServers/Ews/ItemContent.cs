using System.Xml;

namespace Omm.TestServers.Ews;

/// <summary>
/// Immutable bytes kept in chunks (a MIME message, an export blob), so that a 50 MB message is neither one huge array
/// grown by doubling nor, ever, a string of its base64.
/// </summary>
public sealed class ItemContent
{
    private const int FirstChunk = 4 * 1024;
    private const int LargestChunk = 1024 * 1024;
    private readonly IReadOnlyList<ArraySegment<byte>> chunks;

    private ItemContent(IReadOnlyList<ArraySegment<byte>> chunks)
    {
        this.chunks = chunks;
        Length = chunks.Sum(c => (long)c.Count);
    }

    public static readonly ItemContent Empty = new([]);

    public long Length { get; }

    public static ItemContent FromBytes(byte[] bytes) => new([new ArraySegment<byte>(bytes)]);

    /// <summary>Reads a stream to its end.</summary>
    public static ItemContent FromStream(Stream stream) => Collect((buffer, offset, count) => stream.Read(buffer, offset, count));

    /// <summary>Decodes the base64 content of the element the reader is on and leaves the reader after its end tag.</summary>
    internal static ItemContent FromBase64Element(XmlReader reader) => Collect(reader.ReadElementContentAsBase64);

    private static ItemContent Collect(Func<byte[], int, int, int> read)
    {
        var chunks = new List<ArraySegment<byte>>();
        var size = FirstChunk;
        while (true)
        {
            var chunk = new byte[size];
            var filled = 0;
            int count;
            while (filled < chunk.Length && (count = read(chunk, filled, chunk.Length - filled)) > 0)
                filled += count;
            if (filled > 0)
                chunks.Add(new ArraySegment<byte>(chunk, 0, filled));
            if (filled < chunk.Length)
                return new ItemContent(chunks);
            size = Math.Min(size * 2, LargestChunk);
        }
    }

    public void CopyTo(Stream destination)
    {
        foreach (var chunk in chunks)
            destination.Write(chunk.Array!, chunk.Offset, chunk.Count);
    }

    /// <summary>Writes the bytes as base64 element content, chunk by chunk.</summary>
    internal void WriteBase64(XmlWriter writer)
    {
        foreach (var chunk in chunks)
            writer.WriteBase64(chunk.Array!, chunk.Offset, chunk.Count);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        var at = 0;
        foreach (var chunk in chunks)
        {
            chunk.AsSpan().CopyTo(bytes.AsSpan(at));
            at += chunk.Count;
        }

        return bytes;
    }

    /// <summary>At most the first <paramref name="limit"/> bytes, for reading a MIME header.</summary>
    public byte[] Head(int limit)
    {
        var head = new byte[(int)Math.Min(limit, Length)];
        var at = 0;
        foreach (var chunk in chunks)
        {
            if (at == head.Length)
                break;
            var take = Math.Min(chunk.Count, head.Length - at);
            chunk.AsSpan(0, take).CopyTo(head.AsSpan(at));
            at += take;
        }

        return head;
    }
}
