using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using Omm.Engine.Migrations;

namespace Omm.Engine.Connectors
{
    /// <summary>
    /// One folder of an <see cref="IMailDestination"/>. Its messages are known by opaque keys it gives them on append;
    /// a key stays good until the folder says otherwise (<see cref="Holds"/>: an IMAP folder whose UIDVALIDITY changed
    /// gave its messages new keys). Every method may throw <see cref="MigrationFailedException"/> when the connection
    /// breaks or the server pushes back for the whole account (unavailable, over quota), naming the side.
    /// </summary>
    public interface IMailDestinationFolder
    {
        string Path { get; }

        /// <summary>Whether messages keep keywords (user-defined flags) here.</summary>
        bool AcceptsKeywords { get; }

        /// <summary>The largest message the folder takes, when the server says; null when it does not.</summary>
        long? MaxMessageBytes { get; }

        /// <summary>Where the messages appended from now on begin, to find later those a killed pass left unrecorded.</summary>
        string Cursor { get; }

        /// <summary>A cursor before every message the folder holds now (its keys changed: where copies begin is not known).</summary>
        string StartCursor { get; }

        /// <summary>Opens the folder for writing; the other members need it open.</summary>
        /// <exception cref="RefusedException">The destination will not open it.</exception>
        Task OpenAsync(CancellationToken cancellationToken);

        Task CloseAsync(CancellationToken cancellationToken);

        /// <summary>Whether a key or a cursor given earlier still means the same here.</summary>
        bool Holds(string keyOrCursor);

        /// <summary>The keys of every message in the folder.</summary>
        Task<IReadOnlyCollection<string>> ListKeysAsync(CancellationToken cancellationToken);

        /// <summary>
        /// The messages that arrived since <paramref name="cursor"/> (every message when null), but for those whose key
        /// is in <paramref name="except"/>, with what identifies them.
        /// </summary>
        Task<IReadOnlyList<DestinationCopy>> ListCopiesAsync(string? cursor, ISet<string> except, CancellationToken cancellationToken);

        /// <summary>The SHA-256 of the content of the messages with these keys; a key with no message is missing from the answer.</summary>
        Task<IReadOnlyDictionary<string, byte[]>> HashContentAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

        /// <summary>
        /// Appends the messages byte for byte with their flags and dates, in one transaction where the server has one.
        /// The outcomes are in the order of the messages.
        /// </summary>
        /// <exception cref="RefusedException">The destination refused the batch as a whole: none of it was stored.</exception>
        Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<MessageToAppend> messages, CancellationToken cancellationToken);

        /// <summary>Gives these messages exactly these flags and keywords.</summary>
        /// <exception cref="RefusedException">The destination will not change them.</exception>
        Task SetFlagsAsync(IReadOnlyCollection<string> keys, MessageFlags flags, IReadOnlyCollection<string> keywords, CancellationToken cancellationToken);

        /// <summary>Deletes the messages with these keys and no other, even if identical.</summary>
        /// <returns>How many of them were there and were deleted.</returns>
        /// <exception cref="MigrationFailedException">The destination cannot delete them alone (the kind says why); nothing was deleted.</exception>
        Task<int> DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
    }
}
