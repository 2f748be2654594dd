using Omm.Engine.Endpoints;

namespace Omm.Engine.Accounts
{
    /// <summary>The destination Import-OmmFile imports into: the side the command line gives, read as a New-OmmMigration row's destination.</summary>
    public static class ImportDestination
    {
        /// <summary>
        /// The destination <paramref name="given"/> names. Its type, when not given, is DAV for a DAV URL without a server:
        /// a .vcf or .ics needs no mail server. (A migration's is IMAP, so that a forgotten destination server is an error
        /// rather than mail left behind.)
        /// </summary>
        /// <exception cref="AccountRowException">A value is missing or invalid; its field names the parameter.</exception>
        public static AccountEndpoint Parse(SideDefaults given, bool skipCertificateCheck)
        {
            var side = given.Copy();
            if (side.Type == null && string.IsNullOrEmpty(side.Server) && !string.IsNullOrEmpty(side.DavUrl))
                side.Type = ServerType.Dav;
            return AccountRowParser.ParseSide(AccountRow.CommandLine(), SideFields.Destination, side, skipCertificateCheck);
        }
    }
}
