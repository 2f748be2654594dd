using System.Xml.Linq;

namespace Omm.TestServers.Ews;

/// <summary>Finds the item a t:ItemId names: ErrorInvalidIdMalformed for an id this server could not have made, ErrorItemNotFound for one it does not hold. Call under the lock.</summary>
internal static class ItemResolver
{
    public static (EwsItem? Item, ResponseError? Error) Resolve(EwsMailbox mailbox, XElement id)
    {
        if (id.Name != EwsNamespaces.T + "ItemId")
            return (null, ResponseError.ItemNotFound);
        var value = ((string?)id.Attribute("Id"))?.Trim() ?? "";
        if (!EwsIds.IsWellFormed(value, EwsIds.ItemKind))
            return (null, ResponseError.IdMalformed);
        var item = mailbox.Item(value);
        return item == null ? (null, ResponseError.ItemNotFound) : (item, null);
    }
}
