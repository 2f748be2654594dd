using System.Management.Automation;
using Omm.Engine.Migrations;

namespace Omm.PowerShell.Internal
{
    internal static class ErrorCategories
    {
        public static ErrorCategory Of(FailureKind kind)
        {
            switch (kind)
            {
                case FailureKind.Authentication: return ErrorCategory.AuthenticationError;
                case FailureKind.Connection:
                case FailureKind.ConnectionLost:
                    return ErrorCategory.ConnectionError;
                case FailureKind.ServerUnavailable: return ErrorCategory.ResourceUnavailable;
                case FailureKind.OverQuota: return ErrorCategory.QuotaExceeded;
                case FailureKind.Security: return ErrorCategory.SecurityError;
                case FailureKind.Protocol: return ErrorCategory.ProtocolError;
                case FailureKind.Unsupported: return ErrorCategory.NotImplemented;
                case FailureKind.InvalidSource: return ErrorCategory.InvalidData;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }
}
