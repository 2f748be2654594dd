using System;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Contacts
{
    /// <summary>A .vcf text that is not a readable vCard; the message names the line and what is wrong.</summary>
    public sealed class VCardFormatException : ContentLineFormatException
    {
        public VCardFormatException(int lineNumber, string problem, Exception? inner = null)
            : base(lineNumber, problem, inner)
        {
        }
    }
}
