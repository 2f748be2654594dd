using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>What a client asked to see of each folder: m:FolderShape's BaseShape and AdditionalProperties FieldURIs.</summary>
internal sealed class FolderShape
{
    private FolderShape(IReadOnlySet<string> fields) => Fields = fields;

    public IReadOnlySet<string> Fields { get; }

    public static FolderShape Parse(XElement? shape)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        switch (shape?.T("BaseShape")?.Value.Trim())
        {
            case "Default":
                fields.UnionWith(["folder:DisplayName", "folder:TotalCount", "folder:ChildFolderCount", "folder:UnreadCount"]);
                break;
            case "AllProperties":
                fields.UnionWith(["folder:ParentFolderId", "folder:FolderClass", "folder:DisplayName", "folder:TotalCount", "folder:ChildFolderCount", "folder:EffectiveRights", "folder:UnreadCount"]);
                break;
        }

        foreach (var path in shape?.T("AdditionalProperties")?.Ts("FieldURI") ?? [])
        {
            if ((string?)path.Attribute("FieldURI") is { } uri)
                fields.Add(uri);
        }

        return new FolderShape(fields);
    }
}
