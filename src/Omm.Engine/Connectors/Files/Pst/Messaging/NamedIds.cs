namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>LIDs of the named properties ([MS-OXPROPS]) the vCard and iCalendar writers read.</summary>
    internal static class Lid
    {
        // PSETID_Address
        public const uint FileUnder = 0x8005;
        public const uint HomeAddress = 0x801A;
        public const uint WorkAddress = 0x801B;
        public const uint OtherAddress = 0x801C;
        public const uint WorkAddressStreet = 0x8045;
        public const uint WorkAddressCity = 0x8046;
        public const uint WorkAddressState = 0x8047;
        public const uint WorkAddressPostalCode = 0x8048;
        public const uint WorkAddressCountry = 0x8049;
        public const uint WorkAddressPostOfficeBox = 0x804A;
        public const uint DistributionListOneOffMembers = 0x8054;
        public const uint DistributionListMembers = 0x8055;
        public const uint InstantMessagingAddress = 0x8062;
        public const uint Email1AddressType = 0x8082;
        public const uint Email1EmailAddress = 0x8083;
        public const uint Email1OriginalDisplayName = 0x8084;
        public const uint Email2AddressType = 0x8092;
        public const uint Email2EmailAddress = 0x8093;
        public const uint Email3AddressType = 0x80A2;
        public const uint Email3EmailAddress = 0x80A3;

        // PSETID_Appointment
        public const uint BusyStatus = 0x8205;
        public const uint Location = 0x8208;
        public const uint AppointmentStartWhole = 0x820D;
        public const uint AppointmentEndWhole = 0x820E;
        public const uint AppointmentSubType = 0x8215;
        public const uint AppointmentRecur = 0x8216;
        public const uint AppointmentStateFlags = 0x8217;
        public const uint Recurring = 0x8223;
        public const uint ExceptionReplaceTime = 0x8228;
        public const uint TimeZoneStruct = 0x8233;
        public const uint TimeZoneDescription = 0x8234;

        // PSETID_Common
        public const uint ReminderDelta = 0x8501;
        public const uint ReminderSet = 0x8503;
        public const uint Private = 0x8506;

        // PSETID_Task
        public const uint TaskStatus = 0x8101;
        public const uint PercentComplete = 0x8102;
        public const uint TaskStartDate = 0x8104;
        public const uint TaskDueDate = 0x8105;
        public const uint TaskDateCompleted = 0x810F;
        public const uint TaskRecurrence = 0x8116;
        public const uint TaskComplete = 0x811C;
        public const uint TaskFRecurring = 0x8126;

        // PSETID_Meeting
        public const uint GlobalObjectId = 0x0003;
        public const uint CleanGlobalObjectId = 0x0023;
    }
}
