using System;
using System.Globalization;

namespace Omm.Engine.Endpoints
{
    /// <summary>A host name and an optional port, as an admin types it: <c>host</c>, <c>host:port</c>, <c>[::1]:993</c>.</summary>
    public sealed class ServerAddress
    {
        public ServerAddress(string host, int? port)
        {
            Host = host;
            Port = port;
        }

        public string Host { get; }

        /// <summary>The port given, or null to let the security mode choose.</summary>
        public int? Port { get; }

        /// <exception cref="FormatException">The text is not a host or host:port.</exception>
        public static ServerAddress Parse(string text)
        {
            if (text is null)
                throw new ArgumentNullException(nameof(text));

            var value = text.Trim();
            if (value.Length == 0)
                throw new FormatException("The server address is empty.");

            string host;
            string? portText = null;
            if (value.StartsWith("[", StringComparison.Ordinal))
            {
                var close = value.IndexOf(']');
                if (close < 0)
                    throw new FormatException($"The server address '{text}' has '[' without ']'.");
                host = value.Substring(1, close - 1);
                var rest = value.Substring(close + 1);
                if (rest.Length > 0)
                {
                    if (rest[0] != ':')
                        throw new FormatException($"The server address '{text}' has text after ']' that is not ':port'.");
                    portText = rest.Substring(1);
                }
            }
            else
            {
                var colon = value.LastIndexOf(':');
                if (colon >= 0 && value.IndexOf(':') != colon)
                {
                    host = value; // a bare IPv6 address without a port
                }
                else if (colon >= 0)
                {
                    host = value.Substring(0, colon);
                    portText = value.Substring(colon + 1);
                }
                else
                {
                    host = value;
                }
            }

            if (host.Length == 0 || host.IndexOfAny(new[] { ' ', '/', '\\', '@' }) >= 0)
                throw new FormatException($"'{text}' is not a server name: give host or host:port, e.g. imap.example.com:993.");

            int? port = null;
            if (portText != null)
            {
                if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p < 1 || p > 65535)
                    throw new FormatException($"'{portText}' in '{text}' is not a port number (1-65535).");
                port = p;
            }

            return new ServerAddress(host, port);
        }

        public string ToString(int effectivePort) =>
            (Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host) + ":" + effectivePort.ToString(CultureInfo.InvariantCulture);

        public override string ToString() =>
            Port is int p ? ToString(p) : Host;
    }
}
