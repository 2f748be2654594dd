using System;
using System.IO;
using Omm.Engine.Connectors.Files.Pst.Ltp;
using Omm.Engine.Connectors.Files.Pst.Messaging;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst
{
    /// <summary>An attachment of a message: a file (by value), an embedded message, or an OLE object.</summary>
    public sealed class PstAttachment
    {
        private const int MethodByValue = 1;
        private const int MethodEmbeddedMessage = 5;
        private const int MethodOle = 6;

        private readonly MessageObject _owner;
        private readonly LtpNode _node;
        private readonly PropertyContext _properties;
        private PstMessage? _embedded;

        internal PstAttachment(MessageObject owner, LtpNode node)
        {
            _owner = owner;
            _node = node;
            _properties = new PropertyContext(node);
            Method = _properties.Get(PropId.AttachMethod)?.AsInt32() ?? MethodByValue;
            FileName = FirstNonEmpty(
                GetString(PropId.AttachLongFilename),
                GetString(PropId.AttachFilename),
                GetString(PropId.DisplayName)) ?? "attachment";
            MimeType = GetString(PropId.AttachMimeTag);
            ContentId = GetString(PropId.AttachContentId);
            ContentLocation = GetString(PropId.AttachContentLocation);
            IsHidden = _properties.Get(PropId.AttachmentHidden)?.AsBoolean() ?? false;
            AttachmentFlags = _properties.Get(PropId.AttachmentFlags)?.AsInt32() ?? 0;
            Size = IsEmbeddedMessage ? EmbeddedSize() : DataLength();
        }

        /// <summary>PidTagAttachLongFilename, else PidTagAttachFilename, else PidTagDisplayName.</summary>
        public string FileName { get; }

        /// <summary>The number of bytes of data (for an embedded message: the size the PST records for it).</summary>
        public long Size { get; }

        public bool IsEmbeddedMessage => Method == MethodEmbeddedMessage;

        /// <summary>PidTagAttachMethod: 1 by value, 2-4 by reference, 5 embedded message, 6 OLE.</summary>
        public int Method { get; }

        /// <summary>PidTagAttachMimeTag, when the PST has it.</summary>
        public string? MimeType { get; }

        /// <summary>PidTagAttachContentId (without angle brackets, as stored).</summary>
        public string? ContentId { get; }

        public string? ContentLocation { get; }

        /// <summary>PidTagAttachmentHidden: set on inline images of HTML bodies.</summary>
        public bool IsHidden { get; }

        internal int AttachmentFlags { get; }

        internal MessageObject Owner => _owner;

        internal PropertyContext Properties => _properties;

        /// <summary>The embedded message (method 5), read when first asked for; null for other attachments.</summary>
        public PstMessage? EmbeddedMessage => PstGuard.Run(() => IsEmbeddedMessage ? _embedded ??= OpenEmbedded() : null, () => $"the embedded message of attachment '{FileName}' of {_owner.Description}");

        /// <summary>The attachment's data (empty for an embedded message: use <see cref="EmbeddedMessage"/>).</summary>
        public byte[] GetContent() => PstGuard.Run(ReadContent, () => $"the data of attachment '{FileName}' of {_owner.Description}");

        /// <summary>A read-only stream over the data, reading blocks as it goes (for large attachments).</summary>
        public Stream OpenRead() => PstGuard.Run<Stream>(() =>
        {
            if (IsEmbeddedMessage)
                return new MemoryStream(Array.Empty<byte>(), false);
            var data = OpenDataNode();
            if (data != null)
                return new NodeDataStream(data);
            return new MemoryStream(ReadContent(), false);
        }, () => $"the data of attachment '{FileName}' of {_owner.Description}");

        public override string ToString() => $"{FileName} ({Size} bytes)";

        private byte[] ReadContent()
        {
            if (IsEmbeddedMessage)
                return Array.Empty<byte>();
            var type = _properties.TypeOf(PropId.AttachDataBinary);
            if (type == null)
                return Array.Empty<byte>();
            if (type == PropertyType.Object)
            {
                var node = OpenObjectNode();
                return node == null ? Array.Empty<byte>() : node.Data.ReadAll();
            }

            return _properties.Get(PropId.AttachDataBinary, _node.Db.MaxPlausibleValueSize)?.Data ?? Array.Empty<byte>();
        }

        private NodeData? OpenDataNode()
        {
            var type = _properties.TypeOf(PropId.AttachDataBinary);
            var raw = _properties.RawValue(PropId.AttachDataBinary);
            if (type == null || raw == null)
                return null;
            if (type == PropertyType.Object)
                return OpenObjectNode()?.Data;
            return ValueResolver.OpenData(_properties.Heap, raw.Value, "attachment data");
        }

        /// <summary>PtypObject: the HNID points at {nid, ulSize}; the NID is a subnode of the attachment.</summary>
        private LtpNode? OpenObjectNode()
        {
            var raw = _properties.RawValue(PropId.AttachDataBinary);
            if (raw == null || raw.Value == 0)
                return null;
            uint nid;
            if (ValueResolver.IsSubnode(raw.Value))
            {
                nid = raw.Value;
            }
            else
            {
                var value = _properties.Heap.GetBytes(raw.Value, "attached object reference");
                if (value.Length < 4)
                    throw new PstFormatException($"The object reference of attachment '{FileName}' in {_node.Description} is {value.Length} bytes, expected 8.");
                nid = Le.U32(value, 0);
            }

            return _node.OpenSubnode(nid, "attached object");
        }

        private long DataLength()
        {
            if (_properties.TypeOf(PropId.AttachDataBinary) == PropertyType.Object)
                return OpenObjectNode()?.Data.Length ?? 0;
            return _properties.ValueLength(PropId.AttachDataBinary);
        }

        private long EmbeddedSize()
        {
            var raw = _properties.RawValue(PropId.AttachDataBinary);
            if (raw != null && raw.Value != 0 && !ValueResolver.IsSubnode(raw.Value) && _properties.TypeOf(PropId.AttachDataBinary) == PropertyType.Object)
            {
                var value = _properties.Heap.GetBytes(raw.Value, "attached object reference");
                if (value.Length >= 8)
                    return Le.U32(value, 4);
            }

            return _properties.Get(PropId.AttachSize)?.AsInt64() ?? 0;
        }

        private PstMessage OpenEmbedded()
        {
            if (_owner.Depth >= PstMessage.MaxNesting)
                throw new PstFormatException($"Embedded messages nest more than {PstMessage.MaxNesting} levels deep in {_owner.Description}: the attachment tree loops.");
            var node = OpenObjectNode()
                ?? throw new PstFormatException($"The embedded-message attachment '{FileName}' of {_owner.Description} has no message object.");
            return new PstMessage(_owner.File, node.Nid, () => new MessageObject(_owner.File, node, _owner.Depth + 1));
        }

        private string? GetString(ushort id) => _properties.Get(id)?.AsString(_owner.Ansi);

        private static string? FirstNonEmpty(params string?[] values)
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                    return value;
            }

            return null;
        }
    }
}
