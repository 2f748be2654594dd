using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Omm.TestServers.Ews;

/// <summary>
/// An Exchange Web Services server of our own, in process on 127.0.0.1 (Kestrel): stateful mailboxes with the default
/// folder tree, the EWS operations a migration uses, faults on demand, and every request and response checked against
/// Microsoft's EWS schema. It answers as Exchange 2019 CU15 does in the recordings under ../shared/fixtures/ews.
/// </summary>
public sealed class EwsTestServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Dictionary<string, EwsMailbox> mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> impersonators = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EwsRequestRecord> requests = [];
    private readonly List<SchemaViolation> responseViolations = [];
    private readonly List<EwsMeetingSendMode> sendModes = [];
    private long changeNumber = 1;
    private int mailboxNumber;

    private EwsTestServer(WebApplication app, Uri url, EwsTestServerOptions options)
    {
        this.app = app;
        Url = url;
        Options = options;
        Busy = new ServerBusyGate(options.Time);
        Ntlm = new NtlmServer(user => FindMailbox(user)?.Password, options.Time);
    }

    /// <summary>http(s)://127.0.0.1:PORT/EWS/Exchange.asmx</summary>
    public Uri Url { get; }

    public EwsTestServerOptions Options { get; }

    /// <summary>Guards every mailbox; operations take it while they read or change them.</summary>
    internal object Gate { get; } = new();

    internal ServerBusyGate Busy { get; }

    internal SyncStateTable SyncStates { get; } = new();

    internal RequestFaults Faults { get; } = new();

    internal EwsEndpoint? Endpoint { get; private set; }

    /// <summary>The NTLM handshakes and the users bound to connections (with <see cref="EwsTestServerOptions.Authentication"/> Ntlm or BasicAndNtlm).</summary>
    public NtlmServer Ntlm { get; }

    /// <summary>Requests in flight beyond this number for one mailbox get ErrorExceededConnectionCount; null for no limit.</summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>How long each request takes beyond its work, counted against <see cref="MaxConcurrentRequests"/> (a busy server).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Each mailbox's size limit: CreateItem and UploadItems beyond it get ErrorQuotaExceeded; null for none.</summary>
    public long? QuotaBytes { get; set; }

    /// <summary>The largest MIME message CreateItem and UploadItems store (ErrorMessageSizeExceeded beyond); null for none.</summary>
    public long? MaxMessageBytes { get; set; }

    internal DateTimeOffset Now => Options.Time.GetUtcNow();

    public static async Task<EwsTestServer> StartAsync(EwsTestServerOptions? options = null)
    {
        options ??= new EwsTestServerOptions();
        _ = EwsSchema.Set;
        var port = FreePort.Next();
        EwsTestServer? server = null;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.AllowSynchronousIO = true;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                // NTLM authenticates a connection: what it authenticated ends with it.
                listen.Use(next => async connection =>
                {
                    try
                    {
                        await next(connection).ConfigureAwait(false);
                    }
                    finally
                    {
                        server?.Ntlm.Forget(connection.ConnectionId);
                    }
                });
                if (options.Certificate is { } certificate)
                    listen.UseHttps(X509Certificate2.CreateFromPem(certificate.CertificatePem, certificate.PrivateKeyPem));
            });
        });
        var app = builder.Build();
        var scheme = options.Certificate == null ? "http" : "https";
        server = new EwsTestServer(app, new Uri($"{scheme}://127.0.0.1:{port}/EWS/Exchange.asmx"), options);
        server.Endpoint = new EwsEndpoint(server);
        app.Run(server.Endpoint.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<EwsRequestRecord> Requests
    {
        get
        {
            lock (requests)
                return [.. requests];
        }
    }

    /// <summary>Where responses the server sent broke the EWS schema (with <see cref="EwsTestServerOptions.ValidateResponses"/>): must stay empty.</summary>
    public IReadOnlyList<SchemaViolation> ResponseSchemaViolations
    {
        get
        {
            lock (responseViolations)
                return [.. responseViolations];
        }
    }

    /// <summary>A mailbox with Exchange's default folders; its login is the SMTP address (any case).</summary>
    public void AddMailbox(string smtpAddress, string password)
    {
        lock (Gate)
            mailboxes.Add(smtpAddress, new EwsMailbox(++mailboxNumber, smtpAddress, password));
    }

    /// <summary>Lets that account impersonate every mailbox of the server (the ApplicationImpersonation role).</summary>
    public void GrantImpersonation(string admin)
    {
        lock (Gate)
            impersonators.Add(admin);
    }

    /// <summary>The next <paramref name="times"/> requests get ErrorServerBusy with this back-off; requests during a back-off get it again and prolong it.</summary>
    public void ServerBusy(TimeSpan backOff, int times = 1) => Busy.Arm(backOff, times);

    /// <summary>Resets the TCP connection of the n-th request from now (1 = the next one) without answering it.</summary>
    public void DropConnectionOnRequest(int n) => Endpoint!.DropOn(n);

    /// <summary>
    /// The next <paramref name="times"/> requests for <paramref name="operation"/> (CreateItem, GetItem...) lose their TCP
    /// connection (reset) at <paramref name="point"/>: before the operation runs, or after it (a CreateItem's items are
    /// stored but the client never learns their ids).
    /// </summary>
    public void DropConnectionOn(string operation, FaultPoint point, int times = 1) => Faults.Arm(operation, point, stall: false, times);

    /// <summary>
    /// The next <paramref name="times"/> requests for <paramref name="operation"/> get no more bytes from
    /// <paramref name="point"/> on: the connection stays open, silent, until the client closes it.
    /// </summary>
    public void StallOn(string operation, FaultPoint point, int times = 1) => Faults.Arm(operation, point, stall: true, times);

    /// <summary>The next <paramref name="times"/> requests get HTTP 503 Service Unavailable, as a front end does when the mailbox server is down.</summary>
    public void ServiceUnavailable(int times = 1) => Faults.Unavailable(times);

    /// <summary>Stores a message as if it had been delivered there; creates missing folders (IPF.Note). Returns its ItemId.</summary>
    public string AddMessage(string mailbox, string folderPath, byte[] mime, bool isRead = false, bool flagged = false, IEnumerable<string>? categories = null, DateTimeOffset? received = null)
    {
        var content = ItemContent.FromBytes(mime);
        var summary = MimeSummary.Read(content) ?? throw new ArgumentException("The MIME message has no header.", nameof(mime));
        lock (Gate)
        {
            var box = Mailbox(mailbox);
            var folder = EnsureFolder(box, folderPath, "IPF.Note");
            var item = box.NewItem(folder, content);
            var now = Now;
            item.ItemClass = "IPM.Note";
            ApplySummary(item, summary, now);
            item.MessageFlags = isRead ? EwsItem.ReadFlag : 0;
            item.FlagStatus = flagged ? "Flagged" : "NotFlagged";
            item.Categories = categories?.ToList() ?? [];
            item.Received = received ?? now;
            item.ChangeNumber = NextChangeNumber();
            return item.Id;
        }
    }

    /// <summary>Creates a folder (and missing parents, as IPF.Note) at a '/'-separated path below msgfolderroot.</summary>
    public string CreateFolder(string mailbox, string path, string folderClass = "IPF.Note")
    {
        lock (Gate)
            return EnsureFolder(Mailbox(mailbox), path, folderClass).Id;
    }

    /// <summary>Every folder below msgfolderroot, parents first.</summary>
    public IReadOnlyList<EwsFolderSnapshot> Folders(string mailbox)
    {
        lock (Gate)
        {
            return Mailbox(mailbox).MessageRoot.Descendants()
                .Select(f => new EwsFolderSnapshot(f.Id, f.Path, f.FolderClass, f.DistinguishedId, f.Items.Count, f.UnreadCount, f.Children.Count))
                .ToList();
        }
    }

    /// <summary>The items of a folder, in the order they were stored.</summary>
    public IReadOnlyList<EwsItemSnapshot> Items(string mailbox, string folderPath)
    {
        lock (Gate)
        {
            var folder = Mailbox(mailbox).FolderAt(folderPath) ?? throw new ArgumentException($"No folder {folderPath} in {mailbox}.", nameof(folderPath));
            return folder.Items.Select(i => i.Snapshot()).ToList();
        }
    }

    /// <summary>Marks an item read or unread as a user in Outlook would: a new ChangeKey, a ReadFlagChange for syncs.</summary>
    public void SetRead(string mailbox, string itemId, bool isRead = true)
    {
        lock (Gate)
        {
            var item = Item(mailbox, itemId);
            item.IsRead = isRead;
            item.ChangeNumber = NextChangeNumber();
            item.LastModified = Now;
        }
    }

    /// <summary>Sets the follow-up flag (Flagged, Complete or NotFlagged) as a user would: an Update for syncs.</summary>
    public void SetFlag(string mailbox, string itemId, string flagStatus = "Flagged")
    {
        lock (Gate)
        {
            var item = Item(mailbox, itemId);
            item.FlagStatus = flagStatus;
            Touch(item);
        }
    }

    /// <summary>Deletes an item for good, as a user emptying it would: a Delete for syncs.</summary>
    public void DeleteItem(string mailbox, string itemId)
    {
        lock (Gate)
        {
            var box = Mailbox(mailbox);
            box.Remove(box.Item(itemId) ?? throw new ArgumentException($"No item {itemId} in {mailbox}.", nameof(itemId)));
        }
    }

    /// <summary>
    /// Every SendMeetingInvitations, SendMeetingInvitationsOrCancellations and SendMeetingCancellations a request gave
    /// for a calendar item it created, updated or deleted, in order.
    /// </summary>
    public IReadOnlyList<EwsMeetingSendMode> MeetingSendModes
    {
        get
        {
            lock (Gate)
                return [.. sendModes];
        }
    }

    /// <summary>Whether any request would have mailed meeting requests or cancellations to attendees.</summary>
    public bool InvitationsSent => MeetingSendModes.Any(m => m.Sent);

    /// <summary>The contacts, distribution lists, calendar items and tasks of a folder, in the order they were stored (a series' exceptions inside their master).</summary>
    public IReadOnlyList<EwsGroupwareItemSnapshot> GroupwareItems(string mailbox, string folderPath)
    {
        lock (Gate)
        {
            var folder = Mailbox(mailbox).FolderAt(folderPath) ?? throw new ArgumentException($"No folder {folderPath} in {mailbox}.", nameof(folderPath));
            return folder.Items.Where(i => i.Properties != null).Select(GroupwareFields.Snapshot).ToList();
        }
    }

    /// <summary>One contact, list, calendar item, exception or task by its ItemId.</summary>
    public EwsGroupwareItemSnapshot GroupwareItem(string mailbox, string itemId)
    {
        lock (Gate)
        {
            var item = GroupwareItem(Mailbox(mailbox), itemId);
            return GroupwareFields.Snapshot(item);
        }
    }

    /// <summary>
    /// Stores a t:Contact, t:DistributionList, t:CalendarItem or t:Task element (namespace
    /// http://schemas.microsoft.com/exchange/services/2006/types) as CreateItem would, without sending anything; creates
    /// missing folders (IPF.Contact, IPF.Appointment or IPF.Task for the last). Returns its ItemId.
    /// </summary>
    public string AddGroupwareItem(string mailbox, string folderPath, XElement item)
    {
        var kind = item.Name.LocalName;
        if (item.Name.Namespace != EwsNamespaces.T || !GroupwareItemFactory.Kinds.Contains(kind))
            throw new ArgumentException("Expected t:Contact, t:DistributionList, t:CalendarItem or t:Task.", nameof(item));
        var folderClass = kind switch
        {
            "CalendarItem" => "IPF.Appointment",
            "Task" => "IPF.Task",
            _ => "IPF.Contact",
        };
        lock (Gate)
        {
            var box = Mailbox(mailbox);
            var (created, error) = GroupwareItemFactory.Create(this, box, EnsureFolder(box, folderPath, folderClass), EwsXml.Detached(item));
            return created?.Id ?? throw new ArgumentException($"{error!.Code}: {error.Text}", nameof(item));
        }
    }

    /// <summary>Sets (or replaces) one typed property of a groupware item as a user would: a new ChangeKey, an Update for syncs.</summary>
    public void SetItemProperty(string mailbox, string itemId, XElement property)
    {
        lock (Gate)
        {
            var item = GroupwareItem(Mailbox(mailbox), itemId);
            var error = ItemPropertyWriter.Apply(item, new XElement(EwsNamespaces.T + item.Kind!, EwsXml.Detached(property)), creating: false, out _);
            if (error != null)
                throw new ArgumentException($"{error.Code}: {error.Text}", nameof(property));
            Touch(item);
        }
    }

    /// <summary>Removes one typed property (by local name) of a groupware item as a user would: a new ChangeKey.</summary>
    public void RemoveItemProperty(string mailbox, string itemId, string localName)
    {
        lock (Gate)
        {
            var item = GroupwareItem(Mailbox(mailbox), itemId);
            item.Properties!.Remove(localName);
            Touch(item);
        }
    }

    /// <summary>Changes one occurrence of a series as a user would (it becomes an exception); returns the exception's ItemId.</summary>
    public string ModifyOccurrence(string mailbox, string masterId, int instanceIndex, params XElement[] properties)
    {
        lock (Gate)
        {
            var box = Mailbox(mailbox);
            var target = Occurrence(box, masterId, instanceIndex);
            var exception = target.Item ?? SeriesEditor.MakeException(this, box, target);
            var error = ItemPropertyWriter.Apply(exception, new XElement(EwsNamespaces.T + "CalendarItem", properties.Select(EwsXml.Detached)), creating: false, out _);
            if (error != null)
                throw new ArgumentException($"{error.Code}: {error.Text}", nameof(properties));
            Touch(exception);
            Touch(exception.Master!);
            return exception.Id;
        }
    }

    /// <summary>Deletes one occurrence of a series as a user would.</summary>
    public void DeleteOccurrence(string mailbox, string masterId, int instanceIndex)
    {
        lock (Gate)
        {
            var box = Mailbox(mailbox);
            SeriesEditor.DeleteOccurrence(this, box, Occurrence(box, masterId, instanceIndex));
        }
    }

    /// <summary>From now on ExportItems refuses this item (ErrorItemCorrupt), as Exchange does an item it cannot read whole.</summary>
    public void RefuseExport(string mailbox, string itemId)
    {
        lock (Gate)
            Item(mailbox, itemId).RefusesExport = true;
    }

    /// <summary>Logs a calendar request's send mode; call under the lock.</summary>
    internal EwsMeetingSendMode RecordSendMode(EwsMailbox mailbox, string operation, EwsItem item, string attribute, string mode, string? itemId = null)
    {
        var record = new EwsMeetingSendMode(mailbox.SmtpAddress, operation, itemId ?? item.Id, attribute, mode, GroupwareFields.HasAttendees(item.Properties!));
        sendModes.Add(record);
        return record;
    }

    internal long NextChangeNumber() => Interlocked.Increment(ref changeNumber);

    /// <summary>Records a change other than of the read flag. Call under the lock.</summary>
    internal void Touch(EwsItem item)
    {
        item.ChangeNumber = NextChangeNumber();
        item.ContentVersion++;
        item.LastModified = Now;
    }

    internal static void ApplySummary(EwsItem item, MimeSummary summary, DateTimeOffset now)
    {
        item.Subject = summary.Subject;
        item.InternetMessageId = summary.MessageId;
        item.FromName = summary.FromName;
        item.FromAddress = summary.FromAddress;
        item.Sent = summary.Date ?? now;
        item.Received = now;
        item.Created = now;
        item.LastModified = now;
    }

    internal EwsMailbox? FindMailbox(string address)
    {
        lock (Gate)
            return mailboxes.GetValueOrDefault(address.Trim());
    }

    internal bool MayImpersonate(string login)
    {
        lock (Gate)
            return impersonators.Contains(login);
    }

    internal void Record(EwsRequestRecord record)
    {
        lock (requests)
            requests.Add(record);
    }

    internal void RecordViolation(SchemaViolation violation)
    {
        lock (responseViolations)
            responseViolations.Add(violation);
    }

    private EwsMailbox Mailbox(string address) =>
        mailboxes.GetValueOrDefault(address) ?? throw new ArgumentException($"No mailbox {address} on this server.", nameof(address));

    private EwsItem Item(string mailbox, string itemId) =>
        Mailbox(mailbox).Item(itemId) ?? throw new ArgumentException($"No item {itemId} in {mailbox}.", nameof(itemId));

    private static EwsItem GroupwareItem(EwsMailbox box, string itemId) =>
        box.Item(itemId) is { Properties: not null } item ? item : throw new ArgumentException($"No contact, list, calendar item or task {itemId} in {box.SmtpAddress}.", nameof(itemId));

    private static ItemTarget Occurrence(EwsMailbox box, string masterId, int instanceIndex)
    {
        var (target, error) = ItemResolver.ResolveTarget(box, new XElement(
            EwsNamespaces.T + "OccurrenceItemId", new XAttribute("RecurringMasterId", masterId), new XAttribute("InstanceIndex", instanceIndex)));
        return target ?? throw new ArgumentException($"{error!.Code}: {error.Text}", nameof(instanceIndex));
    }

    private EwsFolder EnsureFolder(EwsMailbox box, string path, string folderClass)
    {
        var folder = box.MessageRoot;
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < names.Length; i++)
        {
            var existing = folder.Children.FirstOrDefault(c => string.Equals(c.DisplayName, names[i], StringComparison.OrdinalIgnoreCase));
            folder = existing ?? box.NewFolder(folder, names[i], i == names.Length - 1 ? folderClass : "IPF.Note", NextChangeNumber());
        }

        return folder;
    }
}
