namespace Omm.Engine.Endpoints
{
    public enum EndpointRole
    {
        Source,
        Destination,
    }
}
