using System;
using Omm.Engine.Connectors.Ews;
using Omm.Engine.Endpoints;
using Omm.Engine.Migrations;

namespace Omm.Engine.Accounts
{
    /// <summary>Turns a row (any supported template) plus command-line defaults into both endpoints, or says which cell is wrong.</summary>
    public static class AccountRowParser
    {
        /// <exception cref="AccountRowException">A cell is missing, empty or invalid; the message names the row and the column.</exception>
        public static AccountSpec Parse(AccountRow row, AccountDefaults defaults, bool skipCertificateCheck)
        {
            var source = ParseSide(row, SideFields.Source, defaults.Source, skipCertificateCheck);
            var destination = ParseSide(row, SideFields.Destination, defaults.Destination, skipCertificateCheck);
            var project = Cell(row, AccountField.Project)?.Value;
            var (maxMessages, maxBytes) = CapCells(row);
            return new AccountSpec(row, source, destination, string.IsNullOrEmpty(project) ? defaults.Project : project,
                new ThroughputCaps(maxMessages ?? defaults.MaxMessagesPerSecond,
                    maxBytes ?? defaults.MaxBytesPerSecond ?? MailProviders.DailyLimit(source, destination)?.BytesPerSecond));
        }

        /// <summary>The throughput caps a row's cells give: null where it has none (or an empty one), 0 to lift a cap.</summary>
        /// <exception cref="AccountRowException">A cell is not a usable cap.</exception>
        public static (double? MaxMessagesPerSecond, long? MaxBytesPerSecond) CapCells(AccountRow row)
        {
            double? messages = null;
            if (Cell(row, AccountField.MaxMessagesPerSecond) is (string messagesColumn, string messagesText) && messagesText.Trim().Length > 0)
                messages = ParseCap(row, AccountField.MaxMessagesPerSecond, messagesColumn, () => ThroughputCaps.ParseMessagesPerSecond(messagesText));
            long? bytes = null;
            if (Cell(row, AccountField.MaxBytesPerSecond) is (string bytesColumn, string bytesText) && bytesText.Trim().Length > 0)
                bytes = ParseCap(row, AccountField.MaxBytesPerSecond, bytesColumn, () => ThroughputCaps.ParseBytesPerSecond(bytesText));
            return (messages, bytes);
        }

        private static T ParseCap<T>(AccountRow row, AccountField field, string column, Func<T> parse)
        {
            try
            {
                return parse();
            }
            catch (FormatException e)
            {
                throw new AccountRowException(row, field, column, e.Message);
            }
        }

        /// <summary>One side of a row: its own non-empty cells, else what the command line gives for the side.</summary>
        /// <exception cref="AccountRowException">A cell of the side is missing, empty or invalid.</exception>
        public static AccountEndpoint ParseSide(AccountRow row, SideFields fields, SideDefaults defaults, bool skipCertificateCheck)
        {
            var oauth = OAuthLogin.Of(row, fields, defaults);
            var endpoint = ParseServerSide(row, fields, defaults, skipCertificateCheck, oauth);
            if (oauth != null)
                return oauth.Apply(endpoint, row, fields);
            if ((endpoint.Type == ServerType.Imap || endpoint.Type == ServerType.Pop3) && MailProviders.ByHost(endpoint.Address.Host) is MailProvider provider
                && provider.PasswordsRefused)
            {
                var role = fields.Role;
                throw new AccountRowException(row, fields.Password, Cell(row, fields.Password)?.Column ?? fields.Password.Columns[0],
                    $"{provider.Name} ({endpoint.Address.Host}) takes no password over IMAP or POP3, only an OAuth2 token: give -{role}OAuth with the " +
                    $"tenant's app (@{{ Provider = 'Microsoft365'; TenantId = ...; ClientId = ...; CertificateThumbprint = ... }}), or -{role}AccessToken.");
            }

            return endpoint;
        }

        private static AccountEndpoint ParseServerSide(AccountRow row, SideFields fields, SideDefaults defaults, bool skipCertificateCheck, OAuthLogin? oauth)
        {
            var role = fields.Role;
            var side = role == EndpointRole.Source ? "source" : "destination";

            var typeCell = Cell(row, fields.Type);
            var type = typeCell is (string typeColumn, string typeText) && typeText.Length > 0
                ? ParseType(row, fields.Type, typeColumn, typeText, side)
                : defaults.Type ?? ServerType.Imap;

            var securityCell = Cell(row, fields.Security);
            ConnectionSecurity? security = defaults.Security;
            if (securityCell is (string securityColumn, string securityText) && securityText.Length > 0)
            {
                if (!Enum.TryParse<ConnectionSecurity>(securityText, ignoreCase: true, out var parsed))
                    throw new AccountRowException(row, fields.Security, securityColumn, $"'{securityText}' is not a security mode (Auto, Tls, StartTls, None).");
                security = parsed;
            }

            var serverCell = Cell(row, fields.Server);
            var serverColumn = serverCell?.Column ?? fields.Server.Columns[0];
            var serverText = serverCell is (string, string cellServer) && cellServer.Length > 0 ? cellServer : defaults.Server;
            if (string.IsNullOrWhiteSpace(serverText) && typeCell is (string, string providerName) && MailProviders.ByName(providerName) is MailProvider provider)
                serverText = provider.ImapHost;

            var davCell = Cell(row, fields.DavUrl);
            var davColumn = davCell?.Column ?? fields.DavUrl.Columns[0];
            var davText = davCell is (string, string cellDav) && cellDav.Length > 0 ? cellDav : defaults.DavUrl;
            if (type == ServerType.Dav && string.IsNullOrWhiteSpace(davText) && serverText != null && serverText.IndexOf("://", StringComparison.Ordinal) > 0)
            {
                (davText, davColumn, serverText) = (serverText, serverColumn, null);
            }

            Uri? davUrl = null;
            if (!string.IsNullOrWhiteSpace(davText))
            {
                try
                {
                    davUrl = AccountEndpoint.ParseDavUrl(davText!);
                }
                catch (FormatException e)
                {
                    throw new AccountRowException(row, fields.DavUrl, davColumn, e.Message);
                }
            }
            else if (type == ServerType.Dav)
            {
                throw new AccountRowException(row, fields.DavUrl, davColumn,
                    $"the {side} DAV URL is missing (give it in the row or with -{role}DavUrl).");
            }

            // "Destination Url (can be leaved empty if hosted by OVH)": OVH Mail Migrator finds the product itself.
            if (string.IsNullOrWhiteSpace(serverText) && (type == ServerType.Imap || type == ServerType.Exchange)
                && serverColumn.IndexOf("hosted by OVH", StringComparison.OrdinalIgnoreCase) >= 0 && Cell(row, fields.Server) != null)
                type = ServerType.Ovh;
            if (type == ServerType.Ovh || (type == ServerType.Exchange && string.IsNullOrWhiteSpace(serverText)))
            {
                if (type == ServerType.Ovh && !string.IsNullOrWhiteSpace(serverText))
                    throw new AccountRowException(row, fields.Server, serverColumn,
                        $"a {side} hosted by OVH is found from its domain: leave the server empty, or give the type (IMAP or Exchange) with the server.");
                return WithAdmin(AccountEndpoint.ToDiscover(role, type, Credential(row, fields, defaults, side, oauth), skipCertificateCheck, security ?? ConnectionSecurity.Auto),
                    row, fields, defaults);
            }

            if (type == ServerType.Exchange)
            {
                Uri ewsUrl;
                try
                {
                    ewsUrl = AccountEndpoint.ParseEwsUrl(serverText!, security ?? ConnectionSecurity.Auto);
                }
                catch (FormatException e)
                {
                    throw new AccountRowException(row, fields.Server, serverColumn, e.Message);
                }

                return WithAdmin(AccountEndpoint.ForExchange(role, ewsUrl, Credential(row, fields, defaults, side, oauth), skipCertificateCheck, security ?? ConnectionSecurity.Auto),
                    row, fields, defaults);
            }

            if (Cell(row, fields.Admin) is (string adminColumn, string admin) && admin.Trim().Length > 0)
                throw new AccountRowException(row, fields.Admin, adminColumn,
                    $"delegation (an administrator who logs in for the mailbox) needs an Exchange {side}; this one is {type}. Leave the column empty.");
            if (defaults.AdminLogin != null)
                throw new AccountRowException(row, fields.Admin, fields.Admin.Columns[0],
                    $"-{role}AdminCredential needs an Exchange {side} (-{role}Type Exchange); this one is {type}.");

            ServerAddress? address = null;
            ConnectionSecurity? schemeSecurity = null;
            if (type != ServerType.Dav)
            {
                if (string.IsNullOrWhiteSpace(serverText))
                    throw new AccountRowException(row, fields.Server, serverColumn,
                        $"the {side} server is missing (give it in the row or with -{role}Server, or -{role}Type Ovh for an account hosted by OVH).");
                (address, schemeSecurity) = ParseServer(row, fields.Server, serverColumn, serverText!, side);
            }

            return new AccountEndpoint(role, type, address, security ?? schemeSecurity ?? ConnectionSecurity.Auto, Credential(row, fields, defaults, side, oauth), skipCertificateCheck, davUrl)
            {
                Options = type == ServerType.Pop3 ? defaults.Options : EndpointOptions.None,
            };
        }

        /// <summary>An Exchange (or maybe Exchange) side with the administrator who logs in for it, if the row or the command line names one.</summary>
        private static AccountEndpoint WithAdmin(AccountEndpoint endpoint, AccountRow row, SideFields fields, SideDefaults defaults)
        {
            if (Cell(row, fields.Admin) is (string, string cell) && cell.Trim().Length > 0)
                endpoint.Options = endpoint.Options.With(ExchangeOptions.Admin, cell.Trim());
            else if (defaults.AdminLogin != null)
                endpoint.Options = endpoint.Options.With(ExchangeOptions.Admin, defaults.AdminLogin);
            return endpoint;
        }

        private static System.Net.NetworkCredential Credential(AccountRow row, SideFields fields, SideDefaults defaults, string side, OAuthLogin? oauth)
        {
            var login = CredentialChoice.Login(row, fields, defaults);
            if (string.IsNullOrEmpty(login))
                throw new AccountRowException(row, fields.Login, Cell(row, fields.Login)?.Column ?? fields.Login.Columns[0], $"the {side} login is missing.");
            if (oauth != null)
                return new System.Net.NetworkCredential(login, oauth.Secret);
            return CredentialChoice.RowFirst(row, fields, defaults, login!)
                ?? throw new AccountRowException(row, fields.Password, Cell(row, fields.Password)?.Column ?? fields.Password.Columns[0], $"the {side} password is empty.");
        }

        private static (string Column, string Value)? Cell(AccountRow row, AccountField field) => row.Find(field.Columns);

        private static ServerType ParseType(AccountRow row, AccountField field, string column, string text, string side)
        {
            switch (text.Trim().ToUpperInvariant())
            {
                case "IMAP":
                    return ServerType.Imap;
                case "DAV":
                case "CALDAV":
                case "CARDDAV":
                    return ServerType.Dav;
                case "POP":
                case "POP3":
                    if (side == "source")
                        return ServerType.Pop3;
                    throw new AccountRowException(row, field, column, "a POP3 account cannot be a destination: Omm copies into IMAP, Exchange and CalDAV/CardDAV accounts.");
                case "EXCHANGE":
                case "EWS":
                    return ServerType.Exchange;
                case "OVH":
                    return ServerType.Ovh;
                case "OFFICE365":
                case "OFFICE 365":
                case "MICROSOFT365":
                case "MICROSOFT 365":
                case "M365":
                case "GMAIL":
                case "GOOGLE":
                case "GOOGLE WORKSPACE":
                case "EXCHANGE ONLINE":
                case "EXCHANGEONLINE":
                    return ServerType.Imap;
                default:
                    throw new AccountRowException(row, field, column, $"'{text}' is not a server type (IMAP, DAV, POP or Exchange).");
            }
        }

        /// <summary>host, host:port, or a URL: imap:// (STARTTLS, 143), imaps:// (TLS, 993); a web (EWS) URL is not an IMAP server.</summary>
        private static (ServerAddress Address, ConnectionSecurity? Security) ParseServer(AccountRow row, AccountField field, string column, string text, string side)
        {
            var value = text.Trim();
            ConnectionSecurity? security = null;
            var scheme = value.IndexOf("://", StringComparison.Ordinal);
            if (scheme > 0)
            {
                if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
                    throw new AccountRowException(row, field, column, $"'{text}' is not a server address.");
                switch (uri.Scheme.ToLowerInvariant())
                {
                    case "imap":
                        security = ConnectionSecurity.StartTls;
                        break;
                    case "imaps":
                    case "pop3s":
                    case "pops":
                        security = ConnectionSecurity.Tls;
                        break;
                    case "pop":
                    case "pop3":
                        security = ConnectionSecurity.StartTls;
                        break;
                    default:
                        throw new AccountRowException(row, field, column,
                            $"'{text}' is a {uri.Scheme} address (an Exchange Web Services URL?); an IMAP {side} server is host or host:port.");
                }

                value = uri.IsDefaultPort || uri.Port < 0 ? uri.Host : uri.Host + ":" + uri.Port;
            }

            try
            {
                return (ServerAddress.Parse(value), security);
            }
            catch (FormatException e)
            {
                throw new AccountRowException(row, field, column, e.Message);
            }
        }
    }
}
