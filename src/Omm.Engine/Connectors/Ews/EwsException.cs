using System;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>Exchange answered a request, or one item of it, with an error code (ErrorItemNotFound, ErrorServerBusy...).</summary>
    internal sealed class EwsException : Exception
    {
        public EwsException(string responseCode, string message, TimeSpan? backOff = null)
            : base(message)
        {
            ResponseCode = responseCode;
            BackOff = backOff;
        }

        /// <summary>The EWS response code, e.g. ErrorQuotaExceeded.</summary>
        public string ResponseCode { get; }

        /// <summary>How long Exchange asked not to be sent anything for this mailbox (ErrorServerBusy), when it said.</summary>
        public TimeSpan? BackOff { get; }
    }
}
