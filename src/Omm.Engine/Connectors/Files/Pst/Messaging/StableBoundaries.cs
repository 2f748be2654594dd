using System;
using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>
    /// MimeKit draws a random boundary for each multipart it makes, so the same PST message rebuilt twice gave different
    /// bytes, and a pass killed after an append could not recognise its copy by content (it appended it again). The
    /// boundaries are drawn instead from the message's headers and each multipart's place in it: as unlikely to occur
    /// in the content as random ones, and the same each time the message is read.
    /// </summary>
    internal static class StableBoundaries
    {
        public static void Apply(MimeMessage message)
        {
            var seed = new StringBuilder();
            foreach (var header in message.Headers)
                seed.Append(header.Field).Append(':').Append(header.Value).Append('\n');
            var ordinal = 0;
            Visit(message.Body, seed.ToString(), ref ordinal);
        }

        private static void Visit(MimeEntity? entity, string seed, ref int ordinal)
        {
            switch (entity)
            {
                // An attached message was built, boundaries included, by its own MimeBuilder.Build.
                case Multipart multipart:
                    multipart.Boundary = Boundary(seed, ordinal++);
                    foreach (var part in multipart)
                        Visit(part, seed, ref ordinal);
                    break;
            }
        }

        private static string Boundary(string seed, int ordinal)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(seed + "\n" + ordinal));
            return "=-" + Convert.ToBase64String(hash, 0, 16);
        }
    }
}
