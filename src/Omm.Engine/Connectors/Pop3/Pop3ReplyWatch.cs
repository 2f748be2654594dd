using System;
using System.Text;
using System.Threading;
using MailKit;

namespace Omm.Engine.Connectors.Pop3
{
    /// <summary>
    /// Keeps the last status line ("-ERR [IN-USE] ...") the server sent before the login completed, response
    /// code included, which MailKit's exceptions do not always carry. MailKit hands every byte it reads to its
    /// protocol logger; nothing is written anywhere, and what the client sends (the password) is not looked at.
    /// </summary>
    internal sealed class Pop3ReplyWatch : IProtocolLogger
    {
        private const int KeptLineBytes = 1024;

        private readonly byte[] line = new byte[KeptLineBytes];
        private int length;
        private bool overlong;
        private string? lastStatus;

        /// <summary>The last "+OK ..." or "-ERR ..." line, without its line end.</summary>
        public string? LastStatus => Volatile.Read(ref lastStatus);

        public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

        public void LogConnect(Uri uri)
        {
        }

        public void LogClient(byte[] buffer, int offset, int count)
        {
        }

        public void LogServer(byte[] buffer, int offset, int count)
        {
            for (var i = offset; i < offset + count; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    if (!overlong)
                        Keep(Encoding.UTF8.GetString(line, 0, length).TrimEnd('\r'));
                    length = 0;
                    overlong = false;
                }
                else if (length < line.Length)
                {
                    line[length++] = buffer[i];
                }
                else
                {
                    overlong = true;
                }
            }
        }

        private void Keep(string text)
        {
            if (text.StartsWith("+OK", StringComparison.Ordinal) || text.StartsWith("-ERR", StringComparison.Ordinal))
                Volatile.Write(ref lastStatus, text);
        }

        public void Dispose()
        {
        }
    }
}
