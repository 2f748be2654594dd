using System.Collections.Generic;

namespace Omm.Engine.Groupware
{
    /// <summary>An item rewritten so that a server that refused it may take it, and what was changed, in words for the user.</summary>
    internal sealed class RepairedItem
    {
        public RepairedItem(string text, IReadOnlyList<string> changes)
        {
            Text = text;
            Changes = changes;
        }

        public string Text { get; }

        /// <summary>Each change, e.g. "dropped PROFILE:vCard"; never empty.</summary>
        public IReadOnlyList<string> Changes { get; }
    }
}
