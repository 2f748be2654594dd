namespace Omm
{
    /// <summary>The kinds of items a migration can move.</summary>
    public enum ItemType
    {
        /// <summary>E-mail messages and their folders.</summary>
        Mail,

        /// <summary>Contacts and contact groups.</summary>
        Contacts,

        /// <summary>Calendar events.</summary>
        Calendar,

        /// <summary>Tasks.</summary>
        Tasks,
    }
}
