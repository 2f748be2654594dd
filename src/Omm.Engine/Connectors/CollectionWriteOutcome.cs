namespace Omm.Engine.Connectors
{
    /// <summary>How writing one item into a destination collection went.</summary>
    internal enum CollectionWriteOutcome
    {
        Created,
        Updated,

        /// <summary>Asked to create it, but an item already has its key: nothing was written.</summary>
        AlreadyThere,

        /// <summary>Asked to update it, but it is no longer at the expected version (changed or deleted there): nothing was written.</summary>
        ChangedThere,

        /// <summary>The destination found the data itself invalid: sending it again repaired may help.</summary>
        RefusedAsInvalid,

        /// <summary>The destination refused this item for another reason (a UID conflict, too large...).</summary>
        Refused,

        /// <summary>Sending it kept failing while the destination answered other requests: this item is skipped this time.</summary>
        KeptFailing,
    }
}
