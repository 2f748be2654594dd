namespace Omm.Engine.Connectors
{
    /// <summary>What became of one appended message: stored (under a key, when the server says which) or refused, with any warning.</summary>
    public sealed class AppendOutcome
    {
        private AppendOutcome(bool stored, string? key, string? refusal, string? warning)
        {
            Stored = stored;
            Key = key;
            Refusal = refusal;
            Warning = warning;
        }

        public bool Stored { get; }

        /// <summary>The copy's key; null when stored by a server that does not say under which key (found later by fingerprint).</summary>
        public string? Key { get; }

        /// <summary>Why it was not stored, in the server's words where it gave some.</summary>
        public string? Refusal { get; }

        /// <summary>What was not kept exactly, for an item warning.</summary>
        public string? Warning { get; }

        public static AppendOutcome StoredAs(string? key, string? warning = null) => new AppendOutcome(true, key, null, warning);

        public static AppendOutcome Refused(string refusal) => new AppendOutcome(false, null, refusal, null);
    }
}
