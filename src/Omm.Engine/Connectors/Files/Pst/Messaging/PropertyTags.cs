namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>Property IDs (the high 16 bits of a tag) used by the reader ([MS-OXPROPS]).</summary>
    internal static class PropId
    {
        // Message
        public const ushort Importance = 0x0017;
        public const ushort MessageClass = 0x001A;
        public const ushort Priority = 0x0026;
        public const ushort Sensitivity = 0x0036;
        public const ushort Subject = 0x0037;
        public const ushort ClientSubmitTime = 0x0039;
        public const ushort SubjectPrefix = 0x003D;
        public const ushort SentRepresentingName = 0x0042;
        public const ushort ReplyRecipientNames = 0x0050;
        public const ushort SentRepresentingAddressType = 0x0064;
        public const ushort SentRepresentingEmailAddress = 0x0065;
        public const ushort ConversationTopic = 0x0070;
        public const ushort ConversationIndex = 0x0071;
        public const ushort TransportMessageHeaders = 0x007D;
        public const ushort RecipientType = 0x0C15;
        public const ushort SenderName = 0x0C1A;
        public const ushort SenderAddressType = 0x0C1E;
        public const ushort SenderEmailAddress = 0x0C1F;
        public const ushort DisplayBcc = 0x0E02;
        public const ushort DisplayCc = 0x0E03;
        public const ushort DisplayTo = 0x0E04;
        public const ushort MessageDeliveryTime = 0x0E06;
        public const ushort MessageFlags = 0x0E07;
        public const ushort MessageSize = 0x0E08;
        public const ushort NormalizedSubject = 0x0E1D;
        public const ushort AttachSize = 0x0E20;
        public const ushort EntryId = 0x0FFF;
        public const ushort RecordKey = 0x0FF9;
        public const ushort Body = 0x1000;
        public const ushort RtfCompressed = 0x1009;
        public const ushort BodyHtml = 0x1013;
        public const ushort NativeBody = 0x1016;
        public const ushort InternetMessageId = 0x1035;
        public const ushort InternetReferences = 0x1039;
        public const ushort InReplyToId = 0x1042;
        public const ushort LastVerbExecuted = 0x1081;
        public const ushort FlagStatus = 0x1090;
        public const ushort DisplayName = 0x3001;
        public const ushort AddressType = 0x3002;
        public const ushort EmailAddress = 0x3003;
        public const ushort CreationTime = 0x3007;
        public const ushort LastModificationTime = 0x3008;
        public const ushort SmtpAddress = 0x39FE;
        public const ushort RecipientDisplayName = 0x5FF6;
        public const ushort SenderSmtpAddress = 0x5D01;
        public const ushort SentRepresentingSmtpAddress = 0x5D02;
        public const ushort InternetCodepage = 0x3FDE;
        public const ushort MessageCodepage = 0x3FFD;

        // Store and folders
        public const ushort IpmSubtreeEntryId = 0x35E0;
        public const ushort IpmOutboxEntryId = 0x35E2;
        public const ushort IpmWastebasketEntryId = 0x35E3;
        public const ushort IpmSentMailEntryId = 0x35E4;
        public const ushort ContentCount = 0x3602;
        public const ushort ContentUnreadCount = 0x3603;
        public const ushort Subfolders = 0x360A;
        public const ushort ContainerClass = 0x3613;
        public const ushort IpmAppointmentEntryId = 0x36D0;
        public const ushort IpmContactEntryId = 0x36D1;
        public const ushort IpmJournalEntryId = 0x36D2;
        public const ushort IpmNoteEntryId = 0x36D3;
        public const ushort IpmTaskEntryId = 0x36D4;
        public const ushort IpmDraftsEntryId = 0x36D7;
        public const ushort AdditionalRenEntryIds = 0x36D8;

        // Attachments
        public const ushort AttachDataBinary = 0x3701;
        public const ushort AttachExtension = 0x3703;
        public const ushort AttachFilename = 0x3704;
        public const ushort AttachMethod = 0x3705;
        public const ushort AttachLongFilename = 0x3707;
        public const ushort AttachPathname = 0x3708;
        public const ushort RenderingPosition = 0x370B;
        public const ushort AttachLongPathname = 0x370D;
        public const ushort AttachMimeTag = 0x370E;
        public const ushort AttachContentId = 0x3712;
        public const ushort AttachContentLocation = 0x3713;
        public const ushort AttachFlags = 0x3714;
        public const ushort AttachmentFlags = 0x7FFD;
        public const ushort AttachmentHidden = 0x7FFE;
        public const ushort ExceptionStartTime = 0x7FFB;
        public const ushort ExceptionEndTime = 0x7FFC;

        // Contacts (tagged)
        public const ushort Generation = 0x3A05;
        public const ushort GivenName = 0x3A06;
        public const ushort BusinessTelephoneNumber = 0x3A08;
        public const ushort HomeTelephoneNumber = 0x3A09;
        public const ushort Surname = 0x3A11;
        public const ushort CompanyName = 0x3A16;
        public const ushort Title = 0x3A17;
        public const ushort DepartmentName = 0x3A18;
        public const ushort MobileTelephoneNumber = 0x3A1C;
        public const ushort BusinessFaxNumber = 0x3A24;
        public const ushort Anniversary = 0x3A41;
        public const ushort Birthday = 0x3A42;
        public const ushort MiddleName = 0x3A44;
        public const ushort DisplayNamePrefix = 0x3A45;
        public const ushort Nickname = 0x3A4F;
        public const ushort PersonalHomePage = 0x3A50;
        public const ushort BusinessHomePage = 0x3A51;
        public const ushort HomeAddressCity = 0x3A59;
        public const ushort HomeAddressCountry = 0x3A5A;
        public const ushort HomeAddressPostalCode = 0x3A5B;
        public const ushort HomeAddressStateOrProvince = 0x3A5C;
        public const ushort HomeAddressStreet = 0x3A5D;

        // Name-to-ID map (NID 0x61)
        public const ushort NameidStreamGuid = 0x0002;
        public const ushort NameidStreamEntry = 0x0003;
        public const ushort NameidStreamString = 0x0004;

        // Table rows
        public const ushort LtpRowId = 0x67F2;
    }
}
