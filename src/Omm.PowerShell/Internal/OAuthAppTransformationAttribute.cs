using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Security;
using Omm.Engine.OAuth;

namespace Omm.PowerShell.Internal
{
    /// <summary>
    /// Takes an <see cref="OAuthApp"/> as a hashtable (or any object with its property names, such as a CSV row), with
    /// plain strings accepted for the secrets; an unknown key is an error naming the known ones, not a silent miss.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class OAuthAppTransformationAttribute : ArgumentTransformationAttribute
    {
        private static readonly PropertyInfo[] Settable = typeof(OAuthApp).GetProperties().Where(p => p.CanWrite).ToArray();

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value == null)
                return null;
            if (value is OAuthApp given)
                return Checked(given);
            var app = new OAuthApp();
            foreach (var (key, cell) in Entries(inputData!))
            {
                var property = Settable.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentTransformationMetadataException(
                        $"'{key}' is not a setting of an OAuth app; the settings are {string.Join(", ", Settable.Select(p => p.Name))}.");
                var raw = cell is PSObject inner ? inner.BaseObject : cell;
                try
                {
                    property.SetValue(app, property.PropertyType == typeof(SecureString) && raw is string text
                        ? SecureStringTransformationAttribute.ToSecureString(text)
                        : LanguagePrimitives.ConvertTo(raw, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
                }
                catch (PSInvalidCastException e)
                {
                    throw new ArgumentTransformationMetadataException($"The OAuth app's {property.Name} cannot be '{(property.PropertyType == typeof(SecureString) ? "(hidden)" : raw)}': {e.Message}", e);
                }
            }

            return Checked(app);
        }

        /// <summary>The app, once its settings make sense together (a missing tenant is said here, not at the first login).</summary>
        private static OAuthApp Checked(OAuthApp app)
        {
            try
            {
                OAuthApps.Settings(app);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }

            return app;
        }

        private static (string Key, object? Value)[] Entries(object input)
        {
            if ((input is PSObject wrapped ? wrapped.BaseObject : input) is IDictionary dictionary)
                return dictionary.Keys.Cast<object>().Select(k => ((string Key, object? Value))(k.ToString() ?? string.Empty, dictionary[k])).ToArray();
            var ps = input as PSObject ?? new PSObject(input);
            return ps.Properties.Where(p => p.IsGettable).Select(p => ((string Key, object? Value))(p.Name, p.Value)).ToArray();
        }
    }
}
