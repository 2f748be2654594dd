using Omm.TestServers;

namespace Omm.Engine.Tests.Calendars;

/// <summary>The team's iCalendar fixtures (../shared/fixtures/ics), made by Google, Outlook and the RFC.</summary>
internal static class CalendarFixtures
{
    public static string Directory => Path.Combine(RepositoryPaths.SharedFixtures, "ics");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static IEnumerable<object[]> All() =>
        System.IO.Directory.GetFiles(Directory, "*.ics").OrderBy(f => f).Select(f => new object[] { Path.GetFileName(f) });
}
