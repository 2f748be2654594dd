namespace Omm.Engine.Connectors.Files.Pst
{
    /// <summary>The role of a well-known folder of the store.</summary>
    public enum PstSpecialFolder
    {
        None,
        Inbox,
        Outbox,
        SentItems,
        DeletedItems,
        Drafts,
        Junk,
        Calendar,
        Contacts,
        Tasks,
        Notes,
        Journal,
    }
}
