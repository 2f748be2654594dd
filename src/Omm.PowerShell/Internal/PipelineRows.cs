using System;
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

        /// <summary>
        /// A copy of a piped row to name in an error record (TargetObject), with the value of every column whose name
        /// says password replaced: error records end up in $Error, logs and transcripts.
        /// </summary>
        public static PSObject Redacted(PSObject input)
        {
            var copy = new PSObject();
            var cells = input.BaseObject is IDictionary dictionary
                ? dictionary.Keys.Cast<object>().Select(key => new KeyValuePair<string, object?>(key.ToString() ?? string.Empty, dictionary[key]))
                : input.Properties.Select(p => new KeyValuePair<string, object?>(p.Name, SafeValue(p)));
            foreach (var cell in cells)
            {
                if (copy.Properties[cell.Key] == null)
                    copy.Properties.Add(new PSNoteProperty(cell.Key, AccountRow.IsSecretColumn(cell.Key) && cell.Value != null ? AccountRow.HiddenValue : cell.Value));
            }

            return copy;
        }

        /// <summary>A row of a file as an object to name in an error record, its passwords hidden, and where it comes from (RowNumber, Origin).</summary>
        public static PSObject Redacted(AccountRow row)
        {
            var copy = new PSObject();
            foreach (var cell in row.RedactedCells())
                copy.Properties.Add(new PSNoteProperty(cell.Key, cell.Value));
            foreach (var (name, value) in new (string, object)[] { ("RowNumber", row.Number), ("Origin", row.Origin) })
            {
                if (copy.Properties[name] == null)
                    copy.Properties.Add(new PSNoteProperty(name, value));
            }

            return copy;
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
