using System;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>A call that does not fit the item (a vCard of an e-mail, say): a usage error, not damage.</summary>
    internal sealed class PstUsageException : InvalidOperationException
    {
        public PstUsageException(string message)
            : base(message)
        {
        }
    }
}
