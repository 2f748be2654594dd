namespace Omm.Engine.Accounts
{
    /// <summary>Why an accounts file cannot be used.</summary>
    public enum AccountFileProblem
    {
        /// <summary>It cannot be opened or read (missing, no access, damaged workbook).</summary>
        Unreadable,

        /// <summary>It is neither text nor a workbook: an image, an archive, a PDF...</summary>
        NotAnAccountsList,

        /// <summary>It has no header line.</summary>
        NoHeader,

        /// <summary>None of its columns is one Omm reads (wrong headers, or a wrong delimiter).</summary>
        UnknownColumns,
    }
}
