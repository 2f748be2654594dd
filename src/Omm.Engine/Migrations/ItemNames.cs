namespace Omm.Engine.Migrations
{
    /// <summary>How a message is named in item errors: its subject (cut at 200 characters) and where it is in its source.</summary>
    internal static class ItemNames
    {
        public static string Of(string? subject, string where)
        {
            if (string.IsNullOrWhiteSpace(subject))
                subject = "(no subject)";
            else if (subject!.Length > 200)
                subject = subject.Substring(0, 200) + "…";
            return $"{subject} ({where})";
        }
    }
}
