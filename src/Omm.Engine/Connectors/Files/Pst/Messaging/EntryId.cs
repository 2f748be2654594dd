namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>The PST ENTRYID ([MS-PST] 2.4.3.2): rgbFlags(4), the store's provider UID(16), then the NID(4).</summary>
    internal static class EntryId
    {
        public static uint? ToNid(byte[]? entryId)
        {
            if (entryId == null || entryId.Length < 24)
                return null;
            return (uint)(entryId[20] | (entryId[21] << 8) | (entryId[22] << 16) | (entryId[23] << 24));
        }
    }
}
