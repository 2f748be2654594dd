using System;
using System.Text;
using System.Threading;
using MailKit;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// Follows what the server sends on one connection (MailKit hands every byte it reads to its protocol
    /// logger) and keeps the last command completion and the last BYE, response codes included. Literals
    /// (message bodies) are skipped by their announced length, so a message that holds a line such as
    /// "* BYE" is never taken for a response.
    /// </summary>
    internal sealed class ServerReplyWatch : IProtocolLogger
    {
        /// <summary>A status response is short; of a longer line only its start is kept.</summary>
        private const int KeptLineBytes = 2048;

        /// <summary>Enough of a line's end to hold a literal's announcement such as "~{4294967295+}".</summary>
        private const int TailBytes = 24;

        private readonly ServerReplies owner;
        private readonly byte[] head = new byte[KeptLineBytes];
        private readonly byte[] tail = new byte[TailBytes];
        private int headLength;
        private int tailLength;
        private long literalLeft;
        private bool atResponseStart = true;
        private ServerReply? lastCompletion;
        private ServerReply? bye;
        private volatile bool loggingOut;

        public ServerReplyWatch(ServerReplies owner)
        {
            this.owner = owner;
        }

        /// <summary>The tagged OK, NO or BAD that ended the last command on this connection.</summary>
        public ServerReply? LastCompletion => Volatile.Read(ref lastCompletion);

        /// <summary>The BYE the server sent on this connection, if it did (not the one that answers LOGOUT).</summary>
        public ServerReply? Bye => Volatile.Read(ref bye);

        /// <summary>The BYE, once: a connection is reported lost once.</summary>
        public ServerReply? TakeBye() => Interlocked.Exchange(ref bye, null);

        public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

        public void LogConnect(Uri uri)
        {
        }

        public void LogClient(byte[] buffer, int offset, int count)
        {
            // MailKit writes a LOGOUT command on its own; the BYE that answers it is no news.
            if (count <= 64 && Encoding.ASCII.GetString(buffer, offset, count).EndsWith(" LOGOUT\r\n", StringComparison.OrdinalIgnoreCase))
                loggingOut = true;
        }

        public void LogServer(byte[] buffer, int offset, int count)
        {
            var end = offset + count;
            while (offset < end)
            {
                if (literalLeft > 0)
                {
                    var skip = (int)Math.Min(literalLeft, end - offset);
                    literalLeft -= skip;
                    offset += skip;
                    continue;
                }

                var newline = Array.IndexOf(buffer, (byte)'\n', offset, end - offset);
                var stop = newline < 0 ? end : newline;
                Keep(buffer, offset, stop - offset);
                offset = stop;
                if (newline >= 0)
                {
                    EndLine();
                    offset++;
                }
            }
        }

        private void Keep(byte[] buffer, int offset, int count)
        {
            var toHead = Math.Min(count, KeptLineBytes - headLength);
            Buffer.BlockCopy(buffer, offset, head, headLength, toHead);
            headLength += toHead;

            if (count >= TailBytes)
            {
                Buffer.BlockCopy(buffer, offset + count - TailBytes, tail, 0, TailBytes);
                tailLength = TailBytes;
                return;
            }

            var keep = Math.Min(tailLength, TailBytes - count);
            Buffer.BlockCopy(tail, tailLength - keep, tail, 0, keep);
            Buffer.BlockCopy(buffer, offset, tail, keep, count);
            tailLength = keep + count;
        }

        private void EndLine()
        {
            var literal = AnnouncedLiteral();
            if (atResponseStart && literal == null && MayBeStatus())
                Notice(Encoding.UTF8.GetString(head, 0, headLength).TrimEnd('\r'));
            atResponseStart = literal == null;
            literalLeft = literal ?? 0;
            headLength = 0;
            tailLength = 0;
        }

        /// <summary>A tagged line or an untagged BYE; the many other untagged responses (FETCH, SEARCH...) are not decoded.</summary>
        private bool MayBeStatus()
        {
            if (headLength == 0 || head[0] == '+')
                return false;
            if (head[0] != '*')
                return true;
            return headLength >= 5 && head[1] == ' ' && (head[2] | 0x20) == 'b' && (head[3] | 0x20) == 'y' && (head[4] | 0x20) == 'e';
        }

        /// <summary>The length of the literal the line ends by announcing ("{123}"), or null.</summary>
        private long? AnnouncedLiteral()
        {
            var end = tailLength;
            if (end > 0 && tail[end - 1] == '\r')
                end--;
            if (end == 0 || tail[end - 1] != '}')
                return null;
            var digitsEnd = end - 1;
            if (digitsEnd > 0 && tail[digitsEnd - 1] == '+')
                digitsEnd--;
            var start = digitsEnd;
            while (start > 0 && tail[start - 1] >= '0' && tail[start - 1] <= '9')
                start--;
            if (start == digitsEnd || start == 0 || tail[start - 1] != '{')
                return null;
            long length = 0;
            for (var i = start; i < digitsEnd && length < int.MaxValue; i++)
                length = length * 10 + (tail[i] - '0');
            return length;
        }

        private void Notice(string line)
        {
            var reply = ServerReply.Parse(line);
            if (reply == null)
                return;
            if (reply.IsBye)
            {
                if (!loggingOut)
                    Volatile.Write(ref bye, reply);
            }
            else
                Volatile.Write(ref lastCompletion, reply);
        }

        public void Dispose() => owner.Forget(this);
    }
}
