using System;
using System.Management.Automation;
using System.Security;

namespace Omm.PowerShell.Internal
{
    /// <summary>Accepts a plain string (a CSV cell) where a SecureString is expected.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text)
                return ToSecureString(text);
            return inputData;
        }

        internal static SecureString ToSecureString(string text)
        {
            var secure = new SecureString();
            foreach (var c in text)
                secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
