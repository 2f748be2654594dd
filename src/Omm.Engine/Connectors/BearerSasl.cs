using System;
using System.Text;
using System.Threading;
using MailKit.Security;

namespace Omm.Engine.Connectors
{
    /// <summary>
    /// SASL XOAUTH2 or OAUTHBEARER (RFC 7628) that also takes the server's refusal as the mechanisms define it: after a
    /// refused token the server sends an error challenge (JSON) and waits for an empty response (XOAUTH2) or %x01
    /// (OAUTHBEARER) before it says NO/-ERR/535. MailKit's own mechanisms count themselves done once the token is sent,
    /// so its POP3 client stops at that challenge with a protocol error instead of a refused login.
    /// </summary>
    internal sealed class BearerSasl : SaslMechanism
    {
        private readonly string name;
        private readonly string host;
        private readonly int port;
        private bool sent;

        public BearerSasl(string name, string account, string token, string host, int port)
            : base(account, token)
        {
            this.name = name;
            this.host = host;
            this.port = port;
        }

        public override string MechanismName => name;

        public override bool SupportsInitialResponse => true;

        /// <summary>What the server said in its error challenge (JSON such as {"status":"401",...}), or null.</summary>
        public string? ServerError { get; private set; }

        protected override byte[] Challenge(byte[]? token, int startIndex, int length, CancellationToken cancellationToken)
        {
            if (sent)
            {
                ServerError = token != null && length > 0 ? Encoding.UTF8.GetString(token, startIndex, length) : null;
                IsAuthenticated = true;
                return name == "XOAUTH2" ? Array.Empty<byte>() : new byte[] { 1 };
            }

            sent = true;
            var user = Credentials.UserName;
            var bearer = Credentials.Password;
            var text = name == "XOAUTH2"
                ? $"user={user}\u0001auth=Bearer {bearer}\u0001\u0001"
                : $"n,a={user.Replace("=", "=3D").Replace(",", "=2C")},\u0001host={host}\u0001port={port}\u0001auth=Bearer {bearer}\u0001\u0001";
            return Encoding.UTF8.GetBytes(text);
        }
    }
}
