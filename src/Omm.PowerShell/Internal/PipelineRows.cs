using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using Omm.Engine.Accounts;

namespace Omm.PowerShell.Internal
{
    /// <summary>Reads an object piped in (an Import-Csv row, a [pscustomobject], a hashtable) as an account row.</summary>
    internal static class PipelineRows
    {
        public static AccountRow FromObject(PSObject input, int number)
        {
            IEnumerable<KeyValuePair<string, string?>> cells = input.BaseObject is IDictionary dictionary
                ? dictionary.Keys.Cast<object>().Select(key => new KeyValuePair<string, string?>(key.ToString() ?? string.Empty, Text(dictionary[key])))
                : input.Properties.Select(p => new KeyValuePair<string, string?>(p.Name, Text(SafeValue(p))));
            return new AccountRow(number, "the input", cells);
        }

        private static object? SafeValue(PSPropertyInfo property)
        {
            try
            {
                return property.Value;
            }
            catch (GetValueException)
            {
                return null;
            }
        }

        private static string? Text(object? value)
        {
            if (value is PSObject wrapped)
                value = wrapped.BaseObject;
            switch (value)
            {
                case null:
                    return null;
                case SecureString secure:
                    return new NetworkCredential(string.Empty, secure).Password;
                case string text:
                    return text;
                default:
                    return LanguagePrimitives.ConvertTo<string>(value);
            }
        }
    }
}
