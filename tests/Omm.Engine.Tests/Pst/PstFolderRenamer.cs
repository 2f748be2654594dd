using System.Text;
using Omm.Engine.Connectors.Files.Pst;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Tests.Pst;

/// <summary>
/// Copies a PST with folder names replaced by others of the same length: every data block that holds an
/// old name in UTF-16 is decoded, patched, encoded again and its CRC fixed. For names that Outlook would
/// not let anyone type ('/', control characters, two siblings with the same name).
/// </summary>
internal static class PstFolderRenamer
{
    public static void Copy(string from, string to, IReadOnlyDictionary<string, string> renames)
    {
        var bytes = File.ReadAllBytes(from);
        NdbLayout layout;
        CryptMethod crypt;
        List<BlockEntry> blocks;
        using (var pst = PstFile.Open(from))
        {
            layout = pst.Database.Layout;
            crypt = pst.Database.Header.Crypt;
            blocks = pst.Database.AllBlocks();
        }

        var found = renames.Keys.ToDictionary(k => k, _ => 0);
        foreach (var block in blocks.Where(b => !b.IsInternal && b.StoredSize == b.InflatedSize))
        {
            var data = bytes.AsSpan((int)block.Offset, block.StoredSize).ToArray();
            BlockEncoding.Decode(crypt, data, block.Bid);
            var changed = false;
            foreach (var (old, replacement) in renames)
            {
                if (old.Length != replacement.Length)
                    throw new ArgumentException($"'{old}' and '{replacement}' differ in length.", nameof(renames));
                var pattern = Encoding.Unicode.GetBytes(old);
                for (var at = data.AsSpan().IndexOf(pattern); at >= 0; at = Next(data, pattern, at))
                {
                    Encoding.Unicode.GetBytes(replacement).CopyTo(data, at);
                    found[old]++;
                    changed = true;
                }
            }

            if (!changed)
                continue;
            BlockEncoding.Encode(crypt, data, block.Bid);
            data.CopyTo(bytes, block.Offset);
            var crc = PstCrc.Compute(bytes, (int)block.Offset, block.StoredSize);
            var trailer = block.Offset + layout.BlockSizeOnDisk(block.StoredSize) - layout.BlockTrailerSize + (layout.WideIds ? 4 : 8);
            for (var i = 0; i < 4; i++)
                bytes[trailer + i] = (byte)(crc >> (8 * i));
        }

        var missing = found.Where(f => f.Value == 0).Select(f => f.Key).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"Not found in {from}: {string.Join(", ", missing)}", nameof(renames));
        File.WriteAllBytes(to, bytes);
    }

    private static int Next(byte[] data, byte[] pattern, int previous)
    {
        var start = previous + pattern.Length;
        var at = data.AsSpan(start).IndexOf(pattern);
        return at < 0 ? -1 : start + at;
    }
}
