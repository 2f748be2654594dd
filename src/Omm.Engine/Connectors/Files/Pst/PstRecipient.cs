namespace Omm.Engine.Connectors.Files.Pst
{
    /// <summary>Which header a recipient belongs in (PidTagRecipientType).</summary>
    public enum PstRecipientKind
    {
        To = 1,
        Cc = 2,
        Bcc = 3,
    }

    /// <summary>A row of a message's recipient table.</summary>
    public sealed class PstRecipient
    {
        internal PstRecipient(PstRecipientKind kind, string? name, string? address, string? addressType, string? internetAddress)
        {
            Kind = kind;
            Name = name;
            Address = address;
            AddressType = addressType;
            InternetAddress = internetAddress;
        }

        public PstRecipientKind Kind { get; }

        public string? Name { get; }

        /// <summary>The SMTP address when the PST has one (EX recipients carry it beside their legacyDN); otherwise the address as stored.</summary>
        public string? Address { get; }

        /// <summary>SMTP, EX, ...</summary>
        public string? AddressType { get; }

        /// <summary>The SMTP address, or null when the PST has none (an EX recipient without PidTagSmtpAddress).</summary>
        internal string? InternetAddress { get; }

        public override string ToString() => string.IsNullOrEmpty(Name) ? Address ?? "" : $"{Name} <{Address}>";
    }
}
