using Omm.Engine.Endpoints;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>
    /// What an Exchange side may say besides its server and login: an administrator who logs in and acts on the side's
    /// mailbox (ExchangeImpersonation, OVH Mail Migrator's "Administrator account with delegation"). The side's login is
    /// then the mailbox, and its password the administrator's.
    /// </summary>
    public static class ExchangeOptions
    {
        public const string Admin = "Admin";

        /// <summary>The administrator's login, or null when the mailbox logs in itself.</summary>
        public static string? AdminOf(AccountEndpoint endpoint) => endpoint.Options[Admin];
    }
}
