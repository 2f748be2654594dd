using System.Xml.Linq;
using Omm.Engine.Calendars;
using Omm.Engine.Connectors.Ews.Groupware;
using static Omm.Engine.Tests.Ews.Groupware.EwsGroupwareTesting;

namespace Omm.Engine.Tests.Ews.Groupware;

public class EwsTaskMappingTests
{
    private static string Todo(params string[] lines) => EwsCalendarMappingTests.Calendar("", new[] { "BEGIN:VTODO", "UID:task-1@omm.test", "DTSTAMP:20240101T000000Z" }
        .Concat(lines).Concat(new[] { "END:VTODO" }).ToArray());

    [Fact]
    public void A_task_goes_to_exchange_and_back_with_its_dates_status_priority_reminder_and_rule()
    {
        var todo = CalendarObject.Parse(Todo("SUMMARY:File the report", "DESCRIPTION:Quarterly\\nnumbers", "CATEGORIES:Work", "CLASS:CONFIDENTIAL", "PRIORITY:2",
            "DTSTART;VALUE=DATE:20240108", "DUE;VALUE=DATE:20240112", "STATUS:IN-PROCESS", "PERCENT-COMPLETE:40", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6",
            "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Due", "TRIGGER;RELATED=END:-PT15H", "END:VALARM"));
        var draft = EwsTaskMapping.ToEws(todo, new[] { UidProperty(todo.Uid) });
        Assert.Empty(draft.Losses);
        Assert.Empty(ValidateCreate(draft.Item));
        var item = draft.Item;
        Assert.Equal("High", item.Element(T + "Importance")!.Value);
        Assert.Equal("Confidential", item.Element(T + "Sensitivity")!.Value);
        Assert.Equal("2024-01-08T00:00:00Z", item.Element(T + "StartDate")!.Value);
        Assert.Equal("2024-01-12T00:00:00Z", item.Element(T + "DueDate")!.Value);
        Assert.Equal("2024-01-11T09:00:00Z", item.Element(T + "ReminderDueBy")!.Value);
        Assert.Equal("InProgress", item.Element(T + "Status")!.Value);
        Assert.Equal("40", item.Element(T + "PercentComplete")!.Value);
        Assert.Equal("Monday", item.Descendants(T + "DaysOfWeek").Single().Value);

        var back = EwsTaskMapping.FromEws(item, "fallback", UidField);
        Assert.Empty(back.Losses);
        var copy = CalendarObject.Parse(back.Text);
        Assert.Equal(CalendarItemKind.Todo, copy.Kind);
        Assert.Equal("task-1@omm.test", copy.Uid);
        var task = copy.Components.Single();
        Assert.Equal("File the report", task.Property("SUMMARY")!.Value);
        Assert.Equal("Quarterly\\nnumbers", task.Property("DESCRIPTION")!.Value);
        Assert.Equal("20240108", task.Property("DTSTART")!.Value);
        Assert.Equal("20240112", task.Property("DUE")!.Value);
        Assert.Equal("IN-PROCESS", task.Property("STATUS")!.Value);
        Assert.Equal("40", task.Property("PERCENT-COMPLETE")!.Value);
        Assert.Equal("1", task.Property("PRIORITY")!.Value);
        Assert.Equal("CONFIDENTIAL", task.Property("CLASS")!.Value);
        Assert.Equal("Work", task.Property("CATEGORIES")!.Value);
        Assert.Equal("FREQ=WEEKLY;BYDAY=MO;WKST=MO;COUNT=6", task.Property("RRULE")!.Value);
        Assert.Equal("20240111T090000Z", task.Components.Single().Property("TRIGGER")!.Value);
    }

    [Theory]
    [InlineData("NEEDS-ACTION", "NotStarted", null)]
    [InlineData("IN-PROCESS", "InProgress", null)]
    [InlineData("COMPLETED", "Completed", null)]
    [InlineData("CANCELLED", "Deferred", "STATUS:CANCELLED: Exchange tasks cannot be cancelled; the task was marked Deferred.")]
    public void Statuses_map_and_cancelled_says_so(string status, string expected, string? loss)
    {
        var draft = EwsTaskMapping.ToEws(CalendarObject.Parse(Todo("SUMMARY:S", "STATUS:" + status)), Array.Empty<XElement>());
        Assert.Equal(expected, draft.Item.Element(T + "Status")!.Value);
        Assert.Equal(loss == null ? Array.Empty<string>() : new[] { loss }, draft.Losses);
        Assert.Empty(ValidateCreate(draft.Item));
    }

    [Fact]
    public void A_completed_task_with_a_due_time_keeps_its_completion_and_names_the_lost_time()
    {
        var draft = EwsTaskMapping.ToEws(CalendarObject.Parse(Todo("SUMMARY:Done", "DUE:20240301T170000Z", "COMPLETED:20240229T101500Z", "PRIORITY:7")), Array.Empty<XElement>());
        Assert.Equal(new[] { "DUE 20240301T170000Z: Exchange tasks keep a date; the time of day was not copied." }, draft.Losses);
        Assert.Equal("2024-02-29T10:15:00Z", draft.Item.Element(T + "CompleteDate")!.Value);
        Assert.Equal("Completed", draft.Item.Element(T + "Status")!.Value);
        Assert.Equal("Low", draft.Item.Element(T + "Importance")!.Value);
        Assert.Empty(ValidateCreate(draft.Item));
        var task = CalendarObject.Parse(EwsTaskMapping.FromEws(draft.Item, "t").Text).Components.Single();
        Assert.Equal("20240301", task.Property("DUE")!.Value);
        Assert.Equal("20240229T101500Z", task.Property("COMPLETED")!.Value);
        Assert.Equal("COMPLETED", task.Property("STATUS")!.Value);
    }

    /// <summary>Exchange keeps a task's dates at midnight of its owner's zone: read back as that date whether the zone is east or west of UTC.</summary>
    [Theory]
    [InlineData("2024-05-09T22:00:00Z", "20240510")]
    [InlineData("2024-05-10T04:00:00Z", "20240510")]
    public void Task_dates_read_as_the_nearest_midnight(string dueDate, string expected)
    {
        var task = new XElement(T + "Task", new XElement(T + "Subject", "T"), new XElement(T + "DueDate", dueDate), new XElement(T + "Status", "NotStarted"));
        var copy = CalendarObject.Parse(EwsTaskMapping.FromEws(task, "t-1").Text).Components.Single();
        Assert.Equal(expected, copy.Property("DUE")!.Value);
        Assert.Equal("NEEDS-ACTION", copy.Property("STATUS")!.Value);
    }

    [Fact]
    public void A_regenerating_task_is_written_as_a_plain_rule_with_a_loss_note()
    {
        var task = new XElement(T + "Task", new XElement(T + "Subject", "Water the plants"),
            new XElement(T + "Recurrence", new XElement(T + "WeeklyRegeneration", new XElement(T + "Interval", "2")),
                new XElement(T + "NoEndRecurrence", new XElement(T + "StartDate", "2024-06-03"))),
            new XElement(T + "StartDate", "2024-06-03T00:00:00Z"), new XElement(T + "Status", "Deferred"));
        var back = EwsTaskMapping.FromEws(task, "t-2");
        var copy = CalendarObject.Parse(back.Text).Components.Single();
        Assert.Equal("FREQ=WEEKLY;INTERVAL=2", copy.Property("RRULE")!.Value);
        Assert.Equal(2, back.Losses.Count);
        Assert.Contains(back.Losses, l => l.StartsWith("Recurrence WeeklyRegeneration every 2:", StringComparison.Ordinal));
        Assert.Contains("Status Deferred: iCalendar has no such status; written as NEEDS-ACTION.", back.Losses);
    }
}
