using System.Collections.Generic;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>One message of an mbox file as <see cref="MboxReader"/> splits it: its bytes, where it starts, and what was left out of it.</summary>
    internal sealed class MboxEntry
    {
        public MboxEntry(int ordinal, long offset, byte[] bytes, IReadOnlyList<string> leftOut)
        {
            Ordinal = ordinal;
            Offset = offset;
            Bytes = bytes;
            LeftOut = leftOut;
        }

        /// <summary>1 for the first message of the file, and so on.</summary>
        public int Ordinal { get; }

        /// <summary>The offset in the file of its postmark ("From ") line.</summary>
        public long Offset { get; }

        /// <summary>Its bytes, as in the file, without the postmark line and the empty line before the next one.</summary>
        public byte[] Bytes { get; }

        /// <summary>Damage in the file that was left out of <see cref="Bytes"/> (runs of NUL bytes), each said in a sentence.</summary>
        public IReadOnlyList<string> LeftOut { get; }
    }
}
