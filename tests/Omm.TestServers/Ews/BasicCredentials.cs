using System.Text;

namespace Omm.TestServers.Ews;

/// <summary>The user name and password of an HTTP Basic Authorization header.</summary>
internal sealed record BasicCredentials(string User, string Password)
{
    public static BasicCredentials? Parse(string? header)
    {
        const string scheme = "Basic ";
        if (header == null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
            var colon = text.IndexOf(':');
            return colon < 0 ? null : new BasicCredentials(text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
