using System.Collections.Generic;
using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>A VTODO made ready for CreateItem: the t:Task and what did not fit.</summary>
    internal sealed class EwsTaskDraft
    {
        public EwsTaskDraft(XElement item, IReadOnlyList<string> losses)
        {
            Item = item;
            Losses = losses;
        }

        public XElement Item { get; }

        /// <summary>One sentence per property that Exchange cannot hold, naming it; empty when everything was copied.</summary>
        public IReadOnlyList<string> Losses { get; }
    }
}
