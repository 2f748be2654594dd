using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>
    /// The PhoneNumbers keys of an EWS contact and the vCard TEL types that say the same: which keys a TEL may take
    /// (in order of preference), and the TYPE list written back for each key.
    /// </summary>
    internal static class ContactPhoneKeys
    {
        /// <summary>Every key of PhoneNumberKeyType with the TEL types it is written back with, in the order they are written.</summary>
        public static readonly IReadOnlyList<(string Key, string Types)> All = new[]
        {
            ("PrimaryPhone", "PREF,VOICE"),
            ("BusinessPhone", "WORK,VOICE"),
            ("BusinessPhone2", "WORK,VOICE"),
            ("HomePhone", "HOME,VOICE"),
            ("HomePhone2", "HOME,VOICE"),
            ("MobilePhone", "CELL,VOICE"),
            ("BusinessFax", "WORK,FAX"),
            ("HomeFax", "HOME,FAX"),
            ("OtherFax", "FAX"),
            ("Pager", "PAGER"),
            ("CarPhone", "CAR,VOICE"),
            ("Isdn", "ISDN"),
            ("CompanyMainPhone", "WORK,X-COMPANY-MAIN"),
            ("AssistantPhone", "VOICE,X-ASSISTANT"),
            ("Callback", "VOICE,X-CALLBACK"),
            ("RadioPhone", "VOICE,X-RADIO"),
            ("Telex", "X-TELEX"),
            ("TtyTddPhone", "TEXTPHONE"),
            ("OtherTelephone", "VOICE"),
        };

        /// <summary>The keys a TEL may take, best first, and a word for its kind ("work", "mobile") for loss notes.</summary>
        public static (IReadOnlyList<string> Keys, string Kind) For(IReadOnlyCollection<string> types, string? label)
        {
            bool Has(params string[] names) => names.Any(n => types.Contains(n, StringComparer.OrdinalIgnoreCase));
            var text = (label ?? "").ToUpperInvariant();
            if (text.Contains("ASSISTANT") || Has("X-ASSISTANT"))
                return (new[] { "AssistantPhone" }, "assistant");
            if (text.Contains("CALLBACK") || Has("X-CALLBACK", "CALLBACK"))
                return (new[] { "Callback" }, "callback");
            if (text.Contains("RADIO") || Has("X-RADIO"))
                return (new[] { "RadioPhone" }, "radio");
            if (text.Contains("TELEX") || Has("X-TELEX", "TLX"))
                return (new[] { "Telex" }, "telex");
            if (text.Contains("COMPANY") || Has("X-COMPANY-MAIN", "X-COMPANY"))
                return (new[] { "CompanyMainPhone" }, "company main");
            if (text.Contains("TTY") || Has("TEXTPHONE", "X-TTYTDD", "TTY"))
                return (new[] { "TtyTddPhone" }, "TTY/TDD");
            if (Has("FAX") || text.Contains("FAX"))
            {
                if (Has("WORK") || text.Contains("WORK"))
                    return (new[] { "BusinessFax" }, "work fax");
                if (Has("HOME") || text.Contains("HOME"))
                    return (new[] { "HomeFax" }, "home fax");
                return (new[] { "OtherFax" }, "other fax");
            }

            if (Has("PAGER") || text.Contains("PAGER"))
                return (new[] { "Pager" }, "pager");
            if (Has("CELL") || text.Contains("MOBILE") || text.Contains("IPHONE") || text.Contains("CELL"))
                return (new[] { "MobilePhone" }, "mobile");
            if (Has("CAR") || text.Contains("CAR"))
                return (new[] { "CarPhone" }, "car");
            if (Has("ISDN"))
                return (new[] { "Isdn" }, "ISDN");
            if (Has("WORK") || text.Contains("WORK"))
                return (new[] { "BusinessPhone", "BusinessPhone2" }, "work");
            if (Has("HOME") || text.Contains("HOME"))
                return (new[] { "HomePhone", "HomePhone2" }, "home");
            if (Has("PREF", "MAIN") || text.Contains("MAIN"))
                return (new[] { "PrimaryPhone", "OtherTelephone" }, "main");
            return (new[] { "OtherTelephone" }, "other");
        }
    }
}
