namespace Omm.Engine.ContentLines
{
    /// <summary>An item of a .vcf or .ics text that could not be read at all (its BEGIN/END do not pair up, an unknown VERSION, ...).</summary>
    public sealed class UnreadableComponent
    {
        public UnreadableComponent(string name, int lineNumber, string? title, string? uid, int problemLineNumber, string problem, string sourceText)
        {
            ProblemLineNumber = problemLineNumber;
            Name = name;
            LineNumber = lineNumber;
            Title = string.IsNullOrWhiteSpace(title) ? null : title!.Trim();
            Uid = string.IsNullOrWhiteSpace(uid) ? null : uid!.Trim();
            Problem = problem;
            SourceText = sourceText;
        }

        /// <summary>The component name as written ("VCARD", "VEVENT").</summary>
        public string Name { get; }

        /// <summary>Line of its BEGIN (or of its first line when it has none).</summary>
        public int LineNumber { get; }

        /// <summary>What names it for a person, as far as it could be read (FN, SUMMARY), or null.</summary>
        public string? Title { get; }

        public string? Uid { get; }

        /// <summary>The line the problem is on.</summary>
        public int ProblemLineNumber { get; }

        /// <summary>What is wrong, without the line: "BEGIN:VCARD has no END:VCARD (BEGIN:VCARD at line 20 comes first)".</summary>
        public string Problem { get; }

        /// <summary>Its lines as read.</summary>
        public string SourceText { get; }

        /// <summary>What names it for a person: "vCard \"John Doe\" at line 12", "event \"Lunch\" (UID 42) at line 30".</summary>
        public string Description
        {
            get
            {
                var kind = Name.ToUpperInvariant() switch
                {
                    "VCARD" => "vCard",
                    "VEVENT" => "event",
                    "VTODO" => "task",
                    "VJOURNAL" => "journal entry",
                    _ => Name,
                };
                return kind + (Title != null ? $" \"{Title}\"" : "") + (Uid != null ? $" (UID {Uid})" : "") + $" at line {LineNumber}";
            }
        }

        /// <summary>"line 12: BEGIN:VCARD has no END:VCARD (...)".</summary>
        public override string ToString() => $"line {ProblemLineNumber}: {Problem}";
    }
}
