using System;
using Omm.Engine.Connectors.Ews;
using Omm.Engine.Connectors.Imap;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Connectors
{
    /// <summary>The mail destination of each kind that takes mail.</summary>
    internal static class MailDestinations
    {
        /// <param name="spool">Where messages read from the destination wait (content compared when recognising copies).</param>
        /// <exception cref="NotSupportedException">The kind does not take mail.</exception>
        public static IMailDestination Open(AccountEndpoint destination, MessageSpool spool)
        {
            switch (destination.Type)
            {
                case ServerType.Imap:
                    return new ImapMailDestination(destination, spool);
                case ServerType.Exchange:
                    return new EwsMailDestination(destination);
                default:
                    throw new NotSupportedException($"A {destination.Type} account does not take mail.");
            }
        }
    }
}
