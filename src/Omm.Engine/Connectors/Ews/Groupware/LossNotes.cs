using System.Globalization;

namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>Words that loss notes share: ordinals and values cut to a readable length.</summary>
    internal static class LossNotes
    {
        public static string Ordinal(int number)
        {
            var suffix = (number % 100) is 11 or 12 or 13 ? "th" : (number % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
            return number.ToString(CultureInfo.InvariantCulture) + suffix;
        }

        /// <summary>The value on one line, at most 60 characters.</summary>
        public static string Value(string value)
        {
            var line = value.Replace("\r", " ").Replace("\n", " ").Trim();
            return line.Length <= 60 ? line : line.Substring(0, 57) + "...";
        }
    }
}
