using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Imap;

namespace Omm.Engine.Connectors.Imap
{
    /// <summary>
    /// The SHA-256 of messages' BODY[], read (spooled) in one FETCH and hashed one at a time: to tell apart
    /// messages that share a fingerprint. Only those are read, so this is rare and small.
    /// </summary>
    internal static class MessageContent
    {
        /// <returns>The hash of each message by UID; a message the server no longer has is missing.</returns>
        public static async Task<IReadOnlyDictionary<uint, byte[]>> HashAsync(IMailFolder folder, IEnumerable<uint> uids, CancellationToken cancellationToken)
        {
            var wanted = uids.Distinct().Select(uid => new UniqueId(folder.UidValidity, uid)).ToList();
            var hashes = new Dictionary<uint, byte[]>();
            if (wanted.Count == 0)
                return hashes;

            if (folder is ImapFolder imap)
            {
                await imap.GetStreamsAsync(wanted, (_, _, uid, stream, _) =>
                {
                    hashes[uid.Id] = Hash(stream);
                    return Task.CompletedTask;
                }, cancellationToken).ConfigureAwait(false);
                return hashes;
            }

            foreach (var uid in wanted)
            {
                try
                {
                    using var stream = await folder.GetStreamAsync(uid, cancellationToken).ConfigureAwait(false);
                    hashes[uid.Id] = Hash(stream);
                }
                catch (MessageNotFoundException)
                {
                }
            }

            return hashes;
        }

        private static byte[] Hash(System.IO.Stream stream)
        {
            if (stream.CanSeek)
                stream.Position = 0;
            using var sha = SHA256.Create();
            return sha.ComputeHash(stream);
        }
    }
}
