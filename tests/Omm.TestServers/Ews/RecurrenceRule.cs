using System.Globalization;
using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>
/// A t:Recurrence (pattern and range) and the dates it generates, in order, from the range's StartDate on: the
/// 1-based position of a date in that sequence is the InstanceIndex Exchange gives its occurrence. A day of month past
/// the month's end means its last day, as in Outlook.
/// </summary>
internal sealed class RecurrenceRule
{
    /// <summary>Dates beyond this are not generated (a NoEnd series is cut off here).</summary>
    private static readonly DateOnly Horizon = new(4500, 12, 31);

    private RecurrenceRule(string pattern, XElement patternElement, XElement range)
    {
        Pattern = pattern;
        Interval = Math.Max(1, Int(patternElement, "Interval") ?? 1);
        DaysOfWeek = (patternElement.T("DaysOfWeek")?.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        DayOfWeekIndex = patternElement.T("DayOfWeekIndex")?.Value.Trim();
        DayOfMonth = Int(patternElement, "DayOfMonth") ?? 1;
        Month = patternElement.T("Month") is { } month ? DateTime.ParseExact(month.Value.Trim(), "MMMM", CultureInfo.InvariantCulture).Month : 1;
        FirstDayOfWeek = Enum.TryParse<DayOfWeek>(patternElement.T("FirstDayOfWeek")?.Value.Trim(), out var first) ? first : DayOfWeek.Sunday;
        StartDate = Date(range.T("StartDate")!.Value);
        EndDate = range.T("EndDate") is { } end ? Date(end.Value) : null;
        Count = Int(range, "NumberOfOccurrences");
    }

    public string Pattern { get; }

    public int Interval { get; }

    /// <summary>Sunday..Saturday, or Day, Weekday, WeekendDay.</summary>
    public IReadOnlyList<string> DaysOfWeek { get; }

    /// <summary>First, Second, Third, Fourth or Last.</summary>
    public string? DayOfWeekIndex { get; }

    public int DayOfMonth { get; }

    public int Month { get; }

    public DayOfWeek FirstDayOfWeek { get; }

    public DateOnly StartDate { get; }

    public DateOnly? EndDate { get; }

    public int? Count { get; }

    public bool HasEnd => EndDate != null || Count != null;

    /// <summary>The rule of a t:Recurrence element, or null when it holds no pattern this server expands.</summary>
    public static RecurrenceRule? Parse(XElement? recurrence)
    {
        var pattern = recurrence?.Elements().FirstOrDefault();
        var range = recurrence?.Elements().Skip(1).FirstOrDefault();
        if (pattern == null || range?.T("StartDate") == null)
            return null;
        return pattern.Name.LocalName switch
        {
            "DailyRecurrence" or "WeeklyRecurrence" or "AbsoluteMonthlyRecurrence" or "RelativeMonthlyRecurrence"
                or "AbsoluteYearlyRecurrence" or "RelativeYearlyRecurrence" => new RecurrenceRule(pattern.Name.LocalName, pattern, range),
            _ => null,
        };
    }

    /// <summary>The occurrence dates, first to last (to the horizon for a series without end).</summary>
    public IEnumerable<DateOnly> Dates()
    {
        var produced = 0;
        foreach (var date in Candidates())
        {
            if (date < StartDate)
                continue;
            if (date > (EndDate ?? Horizon) || produced == Count)
                yield break;
            produced++;
            yield return date;
        }
    }

    private IEnumerable<DateOnly> Candidates()
    {
        switch (Pattern)
        {
            case "DailyRecurrence":
                for (var day = StartDate; day <= Horizon; day = day.AddDays(Interval))
                    yield return day;
                break;
            case "WeeklyRecurrence":
            {
                var days = DaysOfWeek.Select(d => Enum.Parse<DayOfWeek>(d)).ToHashSet();
                if (days.Count == 0)
                    yield break;
                var weekStart = StartDate.AddDays(-(((int)StartDate.DayOfWeek - (int)FirstDayOfWeek + 7) % 7));
                for (; weekStart <= Horizon; weekStart = weekStart.AddDays(7 * Interval))
                {
                    for (var i = 0; i < 7; i++)
                    {
                        if (days.Contains(weekStart.AddDays(i).DayOfWeek))
                            yield return weekStart.AddDays(i);
                    }
                }

                break;
            }

            case "AbsoluteMonthlyRecurrence":
            case "RelativeMonthlyRecurrence":
                for (var month = new DateOnly(StartDate.Year, StartDate.Month, 1); month <= Horizon; month = month.AddMonths(Interval))
                {
                    if (DayIn(month.Year, month.Month) is { } day)
                        yield return day;
                }

                break;
            case "AbsoluteYearlyRecurrence":
            case "RelativeYearlyRecurrence":
                for (var year = StartDate.Year; year <= Horizon.Year; year++)
                {
                    if (DayIn(year, Month) is { } day)
                        yield return day;
                }

                break;
        }
    }

    /// <summary>The pattern's day in that month: DayOfMonth (absolute) or the DayOfWeekIndex-th of DaysOfWeek (relative).</summary>
    private DateOnly? DayIn(int year, int month)
    {
        var length = DateTime.DaysInMonth(year, month);
        if (Pattern.StartsWith("Absolute", StringComparison.Ordinal))
            return new DateOnly(year, month, Math.Clamp(DayOfMonth, 1, length));
        var kind = DaysOfWeek.FirstOrDefault() ?? "Day";
        var matching = Enumerable.Range(1, length).Select(d => new DateOnly(year, month, d)).Where(d => Matches(d.DayOfWeek, kind)).ToList();
        var position = DayOfWeekIndex switch
        {
            "First" => 0,
            "Second" => 1,
            "Third" => 2,
            "Fourth" => 3,
            _ => matching.Count - 1,
        };
        return position < matching.Count ? matching[position] : null;
    }

    private static bool Matches(DayOfWeek day, string kind) => kind switch
    {
        "Day" => true,
        "Weekday" => day is not (DayOfWeek.Saturday or DayOfWeek.Sunday),
        "WeekendDay" => day is DayOfWeek.Saturday or DayOfWeek.Sunday,
        _ => day.ToString() == kind,
    };

    private static int? Int(XElement element, string name) =>
        int.TryParse(element.T(name)?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>An xs:date such as "2025-07-02", "2025-07-02Z" or "2025-07-02+02:00": the date part.</summary>
    private static DateOnly Date(string text) => DateOnly.ParseExact(text.Trim()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
