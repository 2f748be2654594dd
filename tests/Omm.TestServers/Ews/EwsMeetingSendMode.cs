namespace Omm.TestServers.Ews;

/// <summary>
/// How a request that created, updated or deleted a calendar item said to treat its attendees: the attribute
/// (SendMeetingInvitations, SendMeetingInvitationsOrCancellations, SendMeetingCancellations) and its value.
/// </summary>
public sealed record EwsMeetingSendMode(string Mailbox, string Operation, string ItemId, string Attribute, string Mode, bool HasAttendees)
{
    /// <summary>Whether Exchange would have mailed attendees: any mode but SendToNone on an item with attendees or resources.</summary>
    public bool Sent => HasAttendees && Mode != "SendToNone";
}
