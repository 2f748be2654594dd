namespace Omm.Engine.Connectors.Ews.Discovery
{
    public enum AutodiscoverAnswerKind
    {
        EwsUrl,
        RedirectAddress,
        RedirectUrl,
        Error,
    }
}
