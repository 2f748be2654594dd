namespace Omm.TestServers.Ews;

/// <summary>Where an XML document breaks the EWS schema, as Exchange's ErrorSchemaValidation fault reports it.</summary>
public sealed record SchemaViolation(int LineNumber, int LinePosition, string Message);
