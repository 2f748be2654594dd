using System.Xml.Linq;
using Omm.Engine.Connectors.Ews.Groupware;
using static Omm.Engine.Tests.Ews.Groupware.EwsGroupwareTesting;

namespace Omm.Engine.Tests.Ews.Groupware;

/// <summary>
/// What GetItem would give back after the connector created a draft and applied its occurrence changes: the master
/// with DeletedOccurrences, and each changed occurrence as an exception item (the master's fields, then the changes,
/// with OriginalStart). Enough to test the way back without a server.
/// </summary>
internal static class SimulatedExchangeCalendar
{
    public static (XElement Master, List<XElement> Exceptions) Store(EwsCalendarDraft draft)
    {
        var master = new XElement(draft.Item);
        var start = DateTime.Parse(master.Element(T + "Start")!.Value, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var end = DateTime.Parse(master.Element(T + "End")!.Value, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var deleted = draft.Occurrences.Where(o => o.Deleted).ToList();
        if (deleted.Count > 0)
            master.Add(new XElement(T + "DeletedOccurrences", deleted.Select(d => new XElement(T + "DeletedOccurrence", new XElement(T + "Start", EwsItemXml.Time(d.OriginalStartUtc))))));
        var exceptions = new List<XElement>();
        foreach (var change in draft.Occurrences.Where(o => !o.Deleted))
        {
            var exception = new XElement(T + "CalendarItem", master.Elements().Where(e => e.Name.LocalName is not ("Recurrence" or "DeletedOccurrences" or "ExtendedProperty")).Select(e => new XElement(e)));
            Replace(exception, new XElement(T + "Start", EwsItemXml.Time(change.OriginalStartUtc)));
            Replace(exception, new XElement(T + "End", EwsItemXml.Time(change.OriginalStartUtc + (end - start))));
            foreach (var update in change.Changes)
            {
                var field = update.Element(T + "FieldURI")!.Attribute("FieldURI")!.Value;
                if (update.Name.LocalName == "DeleteItemField")
                    exception.Element(T + field.Split(':')[1])?.Remove();
                else
                    Replace(exception, new XElement(update.Element(T + "CalendarItem")!.Elements().Single()));
            }

            exception.Add(new XElement(T + "OriginalStart", EwsItemXml.Time(change.OriginalStartUtc)));
            exceptions.Add(exception);
        }

        return (master, exceptions);
    }

    private static void Replace(XElement item, XElement value)
    {
        var existing = item.Element(value.Name);
        if (existing != null)
            existing.ReplaceWith(value);
        else
            item.Add(value);
    }
}
