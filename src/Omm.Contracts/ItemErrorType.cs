namespace Omm
{
    /// <summary>How serious an item problem is.</summary>
    public enum ItemErrorType
    {
        /// <summary>The item was not copied.</summary>
        Error,

        /// <summary>The item was copied, but not entirely as it was (see the message).</summary>
        Warning,
    }
}
