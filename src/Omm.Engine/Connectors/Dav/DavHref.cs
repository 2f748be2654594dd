using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Omm.Engine.Connectors.Dav
{
    /// <summary>
    /// Hrefs in one spelling. Servers percent-encode differently from one another ("@" or "%40") and sometimes
    /// answer with absolute URLs; every href that leaves <see cref="DavClient"/> is in the canonical form made here,
    /// so hrefs from a listing, a multiget and <see cref="DavClient.ResourceHref"/> compare equal as strings.
    /// </summary>
    public static class DavHref
    {
        private const int MaxNameBytes = 120;

        // Path separators, characters Windows file names cannot hold, and '%' and '#': some servers decode an href
        // twice or cut it at a decoded '#' (Xandikos 0.2.8 in multiget).
        private const string Unsafe = "/\\:*?\"<>|#%";

        /// <summary>
        /// Each path segment decoded, then encoded again keeping only unreserved characters and '@' (UTF-8, upper-case hex).
        /// An absolute URL keeps its scheme and authority; a percent-encoded absolute URL (Xandikos in PROPPATCH and
        /// PUT errors) is decoded first.
        /// </summary>
        public static string Canonical(string href)
        {
            if (href == null)
                throw new ArgumentNullException(nameof(href));
            href = href.Trim();
            if (!href.StartsWith("/", StringComparison.Ordinal) && !IsAbsoluteUrl(href))
            {
                var decoded = Uri.UnescapeDataString(href);
                if (IsAbsoluteUrl(decoded))
                    href = decoded;
            }

            var origin = string.Empty;
            var path = href;
            if (IsAbsoluteUrl(href))
            {
                var uri = new Uri(href);
                origin = uri.GetLeftPart(UriPartial.Authority);
                path = uri.AbsolutePath;
            }
            else
            {
                var end = path.IndexOfAny(new[] { '?', '#' });
                if (end >= 0)
                    path = path.Substring(0, end);
            }

            var segments = path.Split('/');
            for (var i = 0; i < segments.Length; i++)
                segments[i] = EncodeSegment(Uri.UnescapeDataString(segments[i]));
            return origin + string.Join("/", segments);
        }

        /// <summary>True when two hrefs name the same resource, whatever their encoding.</summary>
        public static bool Same(string a, string b) => string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

        /// <summary>Canonical, with a trailing '/'.</summary>
        public static string Collection(string href)
        {
            var canonical = Canonical(href);
            return canonical.EndsWith("/", StringComparison.Ordinal) ? canonical : canonical + "/";
        }

        /// <summary>
        /// A file name for a UID, percent-encoded: the UID itself when it can be one; otherwise the UID with '/', '\',
        /// '#', '%', control and Windows-reserved characters replaced by '_' and shortened, plus a hash of the whole UID
        /// so that different UIDs keep different names. The same UID always gives the same name.
        /// </summary>
        public static string ResourceName(string uid, string extension)
        {
            if (string.IsNullOrEmpty(uid))
                throw new ArgumentException("A resource needs a UID to be named.", nameof(uid));
            if (extension == null)
                throw new ArgumentNullException(nameof(extension));
            if (extension.Length > 0 && extension[0] != '.')
                extension = "." + extension;

            var name = new StringBuilder(uid.Length);
            var altered = false;
            foreach (var c in uid)
            {
                if (char.IsControl(c) || Unsafe.IndexOf(c) >= 0 || (name.Length == 0 && c == '.'))
                {
                    name.Append('_');
                    altered = true;
                }
                else
                {
                    name.Append(c);
                }
            }

            var text = name.ToString();
            if (altered || Encoding.UTF8.GetByteCount(text) > MaxNameBytes)
                text = Shorten(text, MaxNameBytes - 17) + "-" + Hash(uid);
            return EncodeSegment(text) + EncodeSegment(extension);
        }

        /// <summary>A lower-case ASCII slug for a collection's display name ("Büro Kontakte" → "buro-kontakte").</summary>
        public static string Slug(string displayName, string fallback)
        {
            var slug = new StringBuilder();
            foreach (var c in (displayName ?? string.Empty).Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                    continue;
                var lower = char.ToLowerInvariant(c);
                if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9'))
                    slug.Append(lower);
                else if (slug.Length > 0 && slug[slug.Length - 1] != '-')
                    slug.Append('-');
                if (slug.Length >= 40)
                    break;
            }

            var text = slug.ToString().Trim('-');
            return text.Length == 0 ? fallback : text;
        }

        internal static string EncodeSegment(string segment)
        {
            var encoded = new StringBuilder(segment.Length);
            foreach (var b in Encoding.UTF8.GetBytes(segment))
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '@')
                    encoded.Append(c);
                else
                    encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }

            return encoded.ToString();
        }

        private static bool IsAbsoluteUrl(string href) =>
            href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

        private static string Shorten(string text, int maxBytes)
        {
            var length = text.Length;
            while (length > 0 && Encoding.UTF8.GetByteCount(text.Substring(0, length)) > maxBytes)
                length--;
            if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]))
                length--;
            return text.Substring(0, length);
        }

        private static string Hash(string uid)
        {
            using (var sha = SHA256.Create())
            {
                var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(uid));
                var hex = new StringBuilder(16);
                for (var i = 0; i < 8; i++)
                    hex.Append(digest[i].ToString("x2", CultureInfo.InvariantCulture));
                return hex.ToString();
            }
        }
    }
}
