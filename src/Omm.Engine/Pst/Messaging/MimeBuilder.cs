using MimeKit;

namespace Omm.Engine.Pst.Messaging
{
    internal static class MimeBuilder
    {
        public static string? CleanSubject(string? subject)
        {
            if (subject != null && subject.Length >= 2 && subject[0] == '\u0001')
                return subject.Substring(2);
            return subject;
        }

        public static MimeMessage Build(MessageObject message) => new MimeMessage();
    }
}
