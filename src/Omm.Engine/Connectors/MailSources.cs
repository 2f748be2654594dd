using System;
using Omm.Engine.Connectors.Ews;
using Omm.Engine.Connectors.Files;
using Omm.Engine.Connectors.Pop3;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Connectors
{
    /// <summary>The mail source of each kind read message by message (IMAP sources have their own pass).</summary>
    public static class MailSources
    {
        /// <exception cref="NotSupportedException">The kind is not read through <see cref="IMailSource"/>.</exception>
        public static IMailSource Open(AccountEndpoint source)
        {
            switch (source.Type)
            {
                case ServerType.File:
                    return new ArchiveMailSource(source.Server);
                case ServerType.Pop3:
                    return new Pop3MailSource(source, Pop3Options.MarksAsRead(source));
                case ServerType.Exchange:
                    return new EwsMailSource(source);
                default:
                    throw new NotSupportedException($"A {source.Type} source is not read message by message.");
            }
        }
    }
}
