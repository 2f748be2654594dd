using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Migrations
{
    /// <summary>Which item types can move between two kinds of server.</summary>
    public static class ItemSupport
    {
        public static IReadOnlyList<ItemType> Of(ServerType type)
        {
            switch (type)
            {
                case ServerType.Imap:
                case ServerType.File:
                    return new[] { ItemType.Mail };
                default:
                    return new ItemType[0];
            }
        }

        public static IReadOnlyList<ItemType> Between(ServerType source, ServerType destination) =>
            Of(source).Intersect(Of(destination)).ToList();
    }
}
