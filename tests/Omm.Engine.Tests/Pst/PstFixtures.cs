using Omm.Engine.Connectors.Files.Pst;
using Omm.TestServers;

namespace Omm.Engine.Tests.Pst;

/// <summary>The team's PST fixtures (../shared/fixtures/pst) and a flat view of a PST's folders.</summary>
internal static class PstFixtures
{
    public static string Directory => Path.Combine(RepositoryPaths.SharedFixtures, "pst");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static IEnumerable<object[]> All() =>
        System.IO.Directory.GetFiles(Directory, "*.pst").OrderBy(f => f).Select(f => new object[] { Path.GetFileName(f) });

    /// <summary>Every folder under the root with its path ("" for the root, "A/B" below it).</summary>
    public static List<(string Path, PstFolder Folder)> Folders(PstFile pst)
    {
        var result = new List<(string, PstFolder)>();
        void Walk(PstFolder folder, string path)
        {
            result.Add((path, folder));
            foreach (var child in folder.Subfolders)
                Walk(child, path.Length == 0 ? child.Name : path + "/" + child.Name);
        }

        Walk(pst.Root, "");
        return result;
    }
}
