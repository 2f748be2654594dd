namespace Omm.Engine.Calendars
{
    /// <summary>The kind of a calendar object resource: VEVENT, VTODO or VJOURNAL.</summary>
    public enum CalendarItemKind
    {
        Event,
        Todo,
        Journal,
    }
}
