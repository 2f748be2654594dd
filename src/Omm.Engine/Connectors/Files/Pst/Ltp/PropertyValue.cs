using System;
using System.Collections.Generic;
using System.Text;
using Omm.Engine.Connectors.Files.Pst.Ndb;

namespace Omm.Engine.Connectors.Files.Pst.Ltp
{
    /// <summary>A property value read from a property or table context: its type and raw bytes.</summary>
    internal sealed class PropertyValue
    {
        /// <summary>FILETIME of 9999-12-31, the last instant DateTime holds.</summary>
        private const long MaxFileTime = 2650467743999999999;

        public PropertyValue(ushort type, byte[] data)
        {
            Type = type;
            Data = data;
        }

        public ushort Type { get; }

        public byte[] Data { get; }

        public string? AsString(Encoding ansi)
        {
            switch (Type)
            {
                case PropertyType.String:
                    return DecodeUnicode(Data, 0, Data.Length);
                case PropertyType.String8:
                    return DecodeAnsi(Data, 0, Data.Length, ansi);
                default:
                    return null;
            }
        }

        public int? AsInt32()
        {
            switch (Type)
            {
                case PropertyType.Integer16:
                    return Data.Length >= 2 ? (short)Le.U16(Data, 0) : (int?)null;
                case PropertyType.Integer32:
                case PropertyType.ErrorCode:
                    return Data.Length >= 4 ? (int)Le.U32(Data, 0) : (int?)null;
                case PropertyType.Boolean:
                    return Data.Length >= 1 ? Data[0] : (int?)null;
                case PropertyType.Integer64:
                    return Data.Length >= 8 ? (int)Le.U64(Data, 0) : (int?)null;
                default:
                    return null;
            }
        }

        public long? AsInt64()
        {
            if (Type == PropertyType.Integer64 || Type == PropertyType.Currency)
                return Data.Length >= 8 ? (long)Le.U64(Data, 0) : (long?)null;
            return AsInt32();
        }

        public bool? AsBoolean()
        {
            var value = AsInt32();
            return value.HasValue ? value.Value != 0 : (bool?)null;
        }

        public double? AsDouble()
        {
            if ((Type == PropertyType.Floating64 || Type == PropertyType.FloatingTime) && Data.Length >= 8)
                return BitConverter.Int64BitsToDouble((long)Le.U64(Data, 0));
            if (Type == PropertyType.Floating32 && Data.Length >= 4)
                return BitConverter.ToSingle(BitConverter.GetBytes(Le.U32(Data, 0)), 0);
            return AsInt64();
        }

        public DateTimeOffset? AsTime()
        {
            if (Type != PropertyType.Time || Data.Length < 8)
                return null;
            return FileTimeToDate((long)Le.U64(Data, 0));
        }

        public byte[]? AsBinary() => Type == PropertyType.Binary || Type == PropertyType.Object ? Data : null;

        public Guid? AsGuid() => Type == PropertyType.Guid && Data.Length >= 16 ? new Guid(Slice(Data, 0, 16)) : (Guid?)null;

        /// <summary>PtypMultipleString/String8/Binary: ulCount, rgulDataOffsets, then the items.</summary>
        public List<byte[]>? AsMultipleVariable()
        {
            if (Type != (PropertyType.MultipleFlag | PropertyType.String)
                && Type != (PropertyType.MultipleFlag | PropertyType.String8)
                && Type != (PropertyType.MultipleFlag | PropertyType.Binary))
                return null;
            var result = new List<byte[]>();
            if (Data.Length == 0)
                return result;
            var count = Le.U32(Data, 0);
            if (count > (Data.Length - 4) / 4)
                throw new PstFormatException($"A multi-valued property claims {count} values in {Data.Length} bytes.");
            for (var i = 0; i < (int)count; i++)
            {
                var start = Le.U32(Data, 4 + i * 4);
                var end = i + 1 < count ? Le.U32(Data, 8 + i * 4) : (uint)Data.Length;
                if (start > end || end > Data.Length || start < 4 + count * 4)
                    throw new PstFormatException($"Value {i} of a multi-valued property spans bytes {start}..{end} of {Data.Length}.");
                result.Add(Slice(Data, (int)start, (int)(end - start)));
            }

            return result;
        }

        public List<string>? AsStrings(Encoding ansi)
        {
            var items = AsMultipleVariable();
            if (items == null || Type == (PropertyType.MultipleFlag | PropertyType.Binary))
                return null;
            var result = new List<string>();
            foreach (var item in items)
            {
                result.Add(Type == (PropertyType.MultipleFlag | PropertyType.String)
                    ? DecodeUnicode(item, 0, item.Length)
                    : DecodeAnsi(item, 0, item.Length, ansi));
            }

            return result;
        }

        public static DateTimeOffset? FileTimeToDate(long fileTime)
        {
            if (fileTime <= 0 || fileTime > MaxFileTime)
                return null;
            return new DateTimeOffset(DateTime.FromFileTimeUtc(fileTime));
        }

        public static string DecodeUnicode(byte[] data, int offset, int count)
        {
            var text = Encoding.Unicode.GetString(data, offset, count & ~1);
            return text.TrimEnd('\0');
        }

        public static string DecodeAnsi(byte[] data, int offset, int count, Encoding ansi)
        {
            return ansi.GetString(data, offset, count).TrimEnd('\0');
        }

        public static byte[] Slice(byte[] data, int offset, int count)
        {
            Le.Check(data, offset, count);
            var result = new byte[count];
            Buffer.BlockCopy(data, offset, result, 0, count);
            return result;
        }
    }
}
