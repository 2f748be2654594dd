namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// An item of an Exchange source that an Exchange destination can copy whole (ExportItems, then UploadItems): every
    /// property Exchange keeps, not only what its MIME, vCard or iCalendar says. Handed from the source to the destination
    /// through the pass: a message, contact, calendar item (a series with its exceptions) or task.
    /// </summary>
    internal sealed class EwsExportedItem
    {
        public EwsExportedItem(EwsClient source, string itemId)
        {
            Source = source;
            ItemId = itemId;
        }

        /// <summary>The source's session, which exports it.</summary>
        public EwsClient Source { get; }

        public string ItemId { get; }
    }
}
