namespace Omm.Engine.Connectors.Dav
{
    /// <summary>What a DAV collection holds: contacts (CardDAV) or calendar objects (CalDAV).</summary>
    public enum DavCollectionKind
    {
        AddressBook,
        Calendar,
    }
}
