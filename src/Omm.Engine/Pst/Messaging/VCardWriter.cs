namespace Omm.Engine.Pst.Messaging
{
    internal static class VCardWriter
    {
        public static string Write(MessageObject message) => throw new PstFormatException("not yet");
    }
}
