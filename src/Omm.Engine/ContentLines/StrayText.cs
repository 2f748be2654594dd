namespace Omm.Engine.ContentLines
{
    /// <summary>Lines of a vCard or iCalendar text outside any BEGIN..END block (garbage between cards, a card that lost its BEGIN).</summary>
    public sealed class StrayText
    {
        internal StrayText(int firstLine, int lastLine, string excerpt, string? endedComponent)
        {
            FirstLine = firstLine;
            LastLine = lastLine;
            Excerpt = excerpt;
            EndedComponent = endedComponent;
        }

        public int FirstLine { get; }

        public int LastLine { get; }

        /// <summary>The start of the first line, control characters shown as '?'.</summary>
        public string Excerpt { get; }

        /// <summary>The name of an END:NAME among the lines (what remains of a component whose BEGIN is missing), or null.</summary>
        public string? EndedComponent { get; }

        /// <summary>As a problem: "Line 25 was not copied: \"garbage\" is outside any BEGIN..END block."</summary>
        public ContentLineProblem ToProblem() => new ContentLineProblem(FirstLine, null, EndedComponent != null
            ? $"\"{Excerpt}\"{(LastLine > FirstLine ? "..." : "")} is what remains of a {EndedComponent} without BEGIN:{EndedComponent}"
            : $"\"{Excerpt}\"{(LastLine > FirstLine ? "..." : "")} is outside any BEGIN..END block", true, LastLine);

        public override string ToString() => ToProblem().ToString();
    }
}
