using System;

namespace Omm.Engine.Connectors.Files.Pst
{
    /// <summary>
    /// Which items of a PST the contacts/calendars/tasks import takes: contacts and distribution lists of contact
    /// folders, appointments and tasks of calendar and task folders. The mail import takes every other item,
    /// so that each item of the file goes one way or the other.
    /// </summary>
    internal static class PstGroupwareItems
    {
        public static bool IsContactFolder(string? containerClass) => Starts(containerClass, "IPF.Contact");

        public static bool IsCalendarFolder(string? containerClass) => Starts(containerClass, "IPF.Appointment");

        public static bool IsTaskFolder(string? containerClass) => Starts(containerClass, "IPF.Task");

        /// <summary>A folder whose items the groupware import reads (its damaged items are reported there, not by the mail import).</summary>
        public static bool IsGroupwareFolder(string? containerClass) =>
            IsContactFolder(containerClass) || IsCalendarFolder(containerClass) || IsTaskFolder(containerClass);

        public static bool IsContact(string messageClass) => Starts(messageClass, "IPM.Contact") || Starts(messageClass, "IPM.DistList");

        public static bool IsCalendarItem(string messageClass) => Starts(messageClass, "IPM.Appointment") || Starts(messageClass, "IPM.Task");

        /// <summary>Whether the groupware import takes an item of this class in a folder of this class.</summary>
        public static bool TakesItem(string? containerClass, string messageClass) =>
            IsContactFolder(containerClass) ? IsContact(messageClass) : (IsCalendarFolder(containerClass) || IsTaskFolder(containerClass)) && IsCalendarItem(messageClass);

        private static bool Starts(string? value, string prefix) => value != null && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
    }
}
