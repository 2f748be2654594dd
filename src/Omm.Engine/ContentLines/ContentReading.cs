using System.Collections.Generic;

namespace Omm.Engine.ContentLines
{
    /// <summary>What <see cref="ContentLineReader.Read"/> found in a text: its top-level components and the lines outside them.</summary>
    public sealed class ContentReading
    {
        internal ContentReading(IReadOnlyList<ContentComponent> components, IReadOnlyList<StrayText> strayText)
        {
            Components = components;
            StrayText = strayText;
        }

        /// <summary>The top-level components in file order, each with the problems found in it (<see cref="ContentComponent.Fault"/>, <see cref="ContentComponent.DroppedLines"/>).</summary>
        public IReadOnlyList<ContentComponent> Components { get; }

        /// <summary>Runs of lines outside any component, in file order.</summary>
        public IReadOnlyList<StrayText> StrayText { get; }
    }
}
