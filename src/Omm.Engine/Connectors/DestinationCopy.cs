using Omm.Engine.Mail;

namespace Omm.Engine.Connectors
{
    /// <summary>A message found in a destination folder: its key, what identifies it, and its flags as comparable text.</summary>
    public sealed class DestinationCopy
    {
        public DestinationCopy(string key, MessageFingerprint fingerprint, string flags)
        {
            Key = key;
            Fingerprint = fingerprint;
            Flags = flags;
        }

        public string Key { get; }

        public MessageFingerprint Fingerprint { get; }

        /// <summary>"\Flagged \Seen $Forwarded", as <see cref="State.MigratedItem.Flags"/>.</summary>
        public string Flags { get; }
    }
}
