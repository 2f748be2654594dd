using System.Collections.Generic;
using Omm.Engine.Endpoints;

namespace Omm.Engine.Accounts
{
    /// <summary>The fields of an account row that give one side: its server, login, security and DAV URL.</summary>
    public sealed class SideFields
    {
        private SideFields(EndpointRole role, AccountField type, AccountField server, AccountField login, AccountField password, AccountField security,
            AccountField admin, AccountField davUrl, AccountField accessToken)
        {
            Role = role;
            Type = type;
            Server = server;
            Login = login;
            Password = password;
            Security = security;
            Admin = admin;
            DavUrl = davUrl;
            AccessToken = accessToken;
            All = new[] { type, server, login, password, security, admin, davUrl, accessToken };
        }

        public static readonly SideFields Source = new SideFields(EndpointRole.Source,
            new AccountField("SourceType", "SourceType", "Source Type(IMAP/Exchange/POP)", "Source Type"),
            new AccountField("SourceServer", "SourceServer", "Source Server url", "Source Server"),
            new AccountField("SourceLogin", "SourceLogin", "Source Login/Mail", "UserName", "SourceAccount"),
            new AccountField("SourcePassword", "SourcePassword", "Source Password", "Password"),
            new AccountField("SourceSecurity", "SourceSecurity"),
            new AccountField("SourceAdmin", "Source admin mail (delegation)"),
            new AccountField("SourceDavUrl", "SourceDavUrl", "Source DAV Url"),
            new AccountField("SourceAccessToken", "SourceAccessToken", "Source Access Token"));

        public static readonly SideFields Destination = new SideFields(EndpointRole.Destination,
            new AccountField("DestinationType", "DestinationType", "Destination Type"),
            new AccountField("DestinationServer", "DestinationServer", "Destination Url(can be leaved empty if hosted by OVH)", "Destination Url", "Destination Server"),
            new AccountField("DestinationLogin", "DestinationLogin", "Destination Mail", "EmailAddress", "DestinationAccount"),
            new AccountField("DestinationPassword", "DestinationPassword", "Destination Password"),
            new AccountField("DestinationSecurity", "DestinationSecurity"),
            new AccountField("DestinationAdmin", "Destination Admin Mail (delegation)"),
            new AccountField("DestinationDavUrl", "DestinationDavUrl", "Destination DAV Url"),
            new AccountField("DestinationAccessToken", "DestinationAccessToken", "Destination Access Token"));

        public static IReadOnlyList<SideFields> Both { get; } = new[] { Source, Destination };

        public static SideFields Of(EndpointRole role) => role == EndpointRole.Source ? Source : Destination;

        public EndpointRole Role { get; }

        public AccountField Type { get; }

        public AccountField Server { get; }

        public AccountField Login { get; }

        public AccountField Password { get; }

        public AccountField Security { get; }

        /// <summary>An administrator mailbox to log in through (delegation): Exchange sides only.</summary>
        public AccountField Admin { get; }

        public AccountField DavUrl { get; }

        /// <summary>An OAuth2 access token the side logs in with instead of a password (for one run: it is not refreshed).</summary>
        public AccountField AccessToken { get; }

        public IReadOnlyList<AccountField> All { get; }
    }
}
