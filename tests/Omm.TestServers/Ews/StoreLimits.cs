namespace Omm.TestServers.Ews;

/// <summary>The limits a new item meets: the server's MaxMessageBytes (ErrorMessageSizeExceeded) and the mailbox quota (ErrorQuotaExceeded). Call under the lock.</summary>
internal static class StoreLimits
{
    public static ResponseError? Check(EwsOperationContext context, long size)
    {
        if (context.Server.MaxMessageBytes is { } maxMessage && size > maxMessage)
            return ResponseError.MessageSizeExceeded;
        if (context.Server.QuotaBytes is { } quota && context.Mailbox.TotalSize + size > quota)
            return ResponseError.QuotaExceeded;
        return null;
    }
}
