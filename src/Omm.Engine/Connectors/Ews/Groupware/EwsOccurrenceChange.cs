using System;
using System.Collections.Generic;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// What to do to one occurrence of a series once the master exists: delete it (an EXDATE, or an override whose
    /// STATUS is CANCELLED), or apply its changes (an override) with UpdateItem on an OccurrenceItemId.
    /// </summary>
    internal sealed class EwsOccurrenceChange
    {
        public EwsOccurrenceChange(int instanceIndex, DateTime originalStartUtc, bool deleted, IReadOnlyList<XElement> changes)
        {
            InstanceIndex = instanceIndex;
            OriginalStartUtc = originalStartUtc;
            Deleted = deleted;
            Changes = changes;
        }

        /// <summary>The occurrence's 1-based position in the series as Exchange counts it (OccurrenceItemId/@InstanceIndex).</summary>
        public int InstanceIndex { get; }

        /// <summary>When the occurrence starts in the unchanged series (its RECURRENCE-ID), UTC.</summary>
        public DateTime OriginalStartUtc { get; }

        /// <summary>True: DeleteItem the occurrence; <see cref="Changes"/> is empty.</summary>
        public bool Deleted { get; }

        /// <summary>t:SetItemField and t:DeleteItemField elements for the ItemChange's Updates; empty when nothing differs.</summary>
        public IReadOnlyList<XElement> Changes { get; }
    }
}
