namespace Omm.Engine.Accounts
{
    /// <summary>What a file is by its first bytes.</summary>
    internal enum FileKind
    {
        Text,

        /// <summary>A ZIP archive, as an .xlsx workbook is.</summary>
        ZipPackage,

        /// <summary>An OLE compound file, as an .xls workbook (and a .doc, a .msg) is.</summary>
        OfficeCompoundFile,

        Other,
    }
}
