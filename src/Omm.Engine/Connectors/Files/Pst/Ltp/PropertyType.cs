namespace Omm.Engine.Connectors.Files.Pst.Ltp
{
    /// <summary>MAPI property types ([MS-OXCDATA] 2.11.1) as they appear in PST property tags.</summary>
    internal static class PropertyType
    {
        public const ushort Integer16 = 0x0002;
        public const ushort Integer32 = 0x0003;
        public const ushort Floating32 = 0x0004;
        public const ushort Floating64 = 0x0005;
        public const ushort Currency = 0x0006;
        public const ushort FloatingTime = 0x0007;
        public const ushort ErrorCode = 0x000A;
        public const ushort Boolean = 0x000B;
        public const ushort Object = 0x000D;
        public const ushort Integer64 = 0x0014;
        public const ushort String8 = 0x001E;
        public const ushort String = 0x001F;
        public const ushort Time = 0x0040;
        public const ushort Guid = 0x0048;
        public const ushort Binary = 0x0102;
        public const ushort MultipleFlag = 0x1000;

        /// <summary>The size of a fixed-size value, or 0 for variable-size types.</summary>
        public static int FixedSize(ushort type)
        {
            switch (type)
            {
                case Integer16:
                    return 2;
                case Integer32:
                case Floating32:
                case ErrorCode:
                    return 4;
                case Boolean:
                    return 1;
                case Floating64:
                case Currency:
                case FloatingTime:
                case Integer64:
                case Time:
                    return 8;
                default:
                    return 0;
            }
        }

        /// <summary>Values that a property context stores inline in dwValueHnid (4 bytes or less).</summary>
        public static bool IsInlineInPropertyContext(ushort type)
        {
            var size = FixedSize(type);
            return size > 0 && size <= 4;
        }
    }
}
