namespace Omm.TestServers.Ews;

/// <summary>Where in a request the EWS test server breaks off (<see cref="EwsTestServer.DropConnectionOn"/>, <see cref="EwsTestServer.StallOn"/>).</summary>
public enum FaultPoint
{
    /// <summary>Once the request is read, before the operation runs: nothing is changed.</summary>
    BeforeRunning,

    /// <summary>After the operation ran (a CreateItem stored its items), before any byte of the answer.</summary>
    AfterRunning,

    /// <summary>After the operation ran and half of its answer was sent.</summary>
    MidAnswer,
}
