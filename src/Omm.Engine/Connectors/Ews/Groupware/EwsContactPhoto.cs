namespace Omm.Engine.Connectors.Ews.Groupware
{
    /// <summary>A contact's picture: Exchange keeps it as a file attachment marked IsContactPhoto, not as a field.</summary>
    internal sealed class EwsContactPhoto
    {
        public EwsContactPhoto(byte[] data, string contentType)
        {
            Data = data;
            ContentType = contentType;
        }

        public byte[] Data { get; }

        /// <summary>"image/jpeg", "image/png", "image/gif".</summary>
        public string ContentType { get; }

        /// <summary>The attachment's file name Outlook gives a contact photo.</summary>
        public string FileName => "ContactPicture" + (ContentType == "image/png" ? ".png" : ContentType == "image/gif" ? ".gif" : ".jpg");

        /// <summary>The media type from the picture's first bytes, for attachments that do not say theirs.</summary>
        public static string Sniff(byte[] data) =>
            data.Length > 3 && data[0] == 0x89 && data[1] == (byte)'P' ? "image/png"
            : data.Length > 2 && data[0] == (byte)'G' && data[1] == (byte)'I' ? "image/gif"
            : "image/jpeg";
    }
}
