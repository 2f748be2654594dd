using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MimeKit;

namespace Omm.Engine.Mail
{
    /// <summary>
    /// A message body that writes the source bytes from an offset on, unchanged: no parsing, no newline
    /// normalisation, no encoding. It has no headers of its own.
    /// </summary>
    internal sealed class VerbatimBody : MimeEntity
    {
        private const int BufferSize = 81920;
        private readonly Stream source;
        private readonly long offset;

        public VerbatimBody(Stream source, long offset)
            : base(new ContentType("application", "octet-stream"))
        {
            this.source = source;
            this.offset = offset;
            Headers.Clear();
        }

        public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
        {
            // The bytes are the source's; nothing is re-encoded.
        }

        public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
        {
            source.Position = offset;
            var buffer = new byte[BufferSize];
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stream.Write(buffer, 0, read);
            }
        }

        public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
        {
            source.Position = offset;
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                await stream.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
        }
    }
}
