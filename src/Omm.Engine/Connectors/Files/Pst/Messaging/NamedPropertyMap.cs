using System;
using System.Collections.Generic;
using Omm.Engine.Connectors.Files.Pst.Ltp;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>Property sets of named properties ([MS-OXPROPS] 1.3.2).</summary>
    internal static class PropertySet
    {
        public static readonly Guid Mapi = new Guid("00020328-0000-0000-C000-000000000046");
        public static readonly Guid PublicStrings = new Guid("00020329-0000-0000-C000-000000000046");
        public static readonly Guid Address = new Guid("00062004-0000-0000-C000-000000000046");
        public static readonly Guid Appointment = new Guid("00062002-0000-0000-C000-000000000046");
        public static readonly Guid Task = new Guid("00062003-0000-0000-C000-000000000046");
        public static readonly Guid Common = new Guid("00062008-0000-0000-C000-000000000046");
        public static readonly Guid Meeting = new Guid("6ED8DA90-450B-101B-98DA-00AA003F1305");
    }

    /// <summary>
    /// The name-to-ID map (NID 0x61, [MS-PST] 2.4.7): which property ID (0x8000 and up) a named property
    /// has in this file. IDs differ from file to file.
    /// </summary>
    internal sealed class NamedPropertyMap
    {
        private readonly Dictionary<(Guid, uint), ushort> _byId = new Dictionary<(Guid, uint), ushort>();
        private readonly Dictionary<(Guid, string), ushort> _byName = new Dictionary<(Guid, string), ushort>();

        public static NamedPropertyMap Empty { get; } = new NamedPropertyMap();

        public static NamedPropertyMap Load(NodeDatabase db)
        {
            var map = new NamedPropertyMap();
            if (db.FindNode(0x61) == null)
                return map;
            var pc = new PropertyContext(LtpNode.Open(db, 0x61, "name-to-ID map"));
            var guids = pc.Get(PropId.NameidStreamGuid)?.Data ?? Array.Empty<byte>();
            var entries = pc.Get(PropId.NameidStreamEntry)?.Data ?? Array.Empty<byte>();
            var strings = pc.Get(PropId.NameidStreamString)?.Data ?? Array.Empty<byte>();

            for (var o = 0; o + 8 <= entries.Length; o += 8)
            {
                var id = Le.U32(entries, o);
                var flags = Le.U16(entries, o + 4);
                var index = Le.U16(entries, o + 6);
                var propertyId = (ushort)(0x8000 + index);
                if (index > 0x7FFF)
                    continue;
                var guidIndex = flags >> 1;
                Guid guid;
                if (guidIndex == 1)
                {
                    guid = PropertySet.Mapi;
                }
                else if (guidIndex == 2)
                {
                    guid = PropertySet.PublicStrings;
                }
                else if (guidIndex >= 3 && (guidIndex - 3L) * 16 + 16 <= guids.Length)
                {
                    guid = new Guid(PropertyValue.Slice(guids, (guidIndex - 3) * 16, 16));
                }
                else
                {
                    throw new PstFormatException($"Named property entry {o / 8} of the name-to-ID map refers to GUID {guidIndex}, which the GUID stream ({guids.Length / 16} GUIDs) lacks.");
                }

                if ((flags & 1) == 0)
                {
                    map._byId[(guid, id)] = propertyId;
                }
                else
                {
                    if (id > strings.Length - 4L)
                        throw new PstFormatException($"Named property entry {o / 8} of the name-to-ID map names string offset {id}, beyond the {strings.Length}-byte string stream.");
                    var length = Le.U32(strings, (int)id);
                    if (length > strings.Length - 4L - id)
                        throw new PstFormatException($"The name of named property entry {o / 8} runs past the end of the string stream.");
                    var name = PropertyValue.DecodeUnicode(strings, (int)id + 4, (int)length);
                    map._byName[(guid, name)] = propertyId;
                }
            }

            return map;
        }

        public ushort? Find(Guid set, uint lid) => _byId.TryGetValue((set, lid), out var id) ? id : (ushort?)null;

        public ushort? Find(Guid set, string name) => _byName.TryGetValue((set, name), out var id) ? id : (ushort?)null;
    }
}
