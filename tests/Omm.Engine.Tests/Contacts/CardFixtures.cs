using Omm.TestServers;

namespace Omm.Engine.Tests.Contacts;

/// <summary>The team's vCard fixtures (../shared/fixtures/vcf), made by Outlook, iOS, Gmail and the RFCs.</summary>
internal static class CardFixtures
{
    public static string Directory => Path.Combine(RepositoryPaths.SharedFixtures, "vcf");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static IEnumerable<object[]> All() =>
        System.IO.Directory.GetFiles(Directory, "*.vcf").OrderBy(f => f).Select(f => new object[] { Path.GetFileName(f) });
}
