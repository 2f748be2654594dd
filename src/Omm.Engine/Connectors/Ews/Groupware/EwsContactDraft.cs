using System.Collections.Generic;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>A vCard made ready for CreateItem: the t:Contact (or t:DistributionList), its photo for a separate attachment call, and what did not fit.</summary>
    internal sealed class EwsContactDraft
    {
        public EwsContactDraft(XElement item, EwsContactPhoto? photo, IReadOnlyList<string> losses)
        {
            Item = item;
            Photo = photo;
            Losses = losses;
        }

        public XElement Item { get; }

        /// <summary>The PHOTO to attach with IsContactPhoto=true after the contact is created; null when the card has none.</summary>
        public EwsContactPhoto? Photo { get; }

        /// <summary>One sentence per property that Exchange cannot hold, naming it; empty when everything was copied.</summary>
        public IReadOnlyList<string> Losses { get; }
    }
}
