namespace Omm
{
    /// <summary>The kind of server (or file) a migration reads from or writes to.</summary>
    public enum ServerType
    {
        /// <summary>An IMAP4rev1 server (and, with a DAV URL, its CalDAV/CardDAV server).</summary>
        Imap,

        /// <summary>A file or folder of files: PST, mbox, .eml, .vcf, .ics (a source only).</summary>
        File,

        /// <summary>A CalDAV/CardDAV server alone: contacts, calendars and tasks, no mail.</summary>
        Dav,

        /// <summary>A POP3 server (a source only): its messages go to one destination folder; it is never emptied.</summary>
        Pop3,

        /// <summary>
        /// Microsoft Exchange 2013-2019/SE (on premises, OVH Hosted Exchange) through Exchange Web Services: mail, contacts, calendars and tasks.
        /// </summary>
        Exchange,

        /// <summary>
        /// Hosted by OVH: MX Plan or Email Pro (IMAP) or Hosted Exchange (EWS), found from the domain's DNS records and
        /// Autodiscover when the migration is created; the migration records the kind and server found.
        /// </summary>
        Ovh,
    }
}
