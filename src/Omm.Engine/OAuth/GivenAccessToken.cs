using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.OAuth
{
    /// <summary>A token the admin gave as is: the same every time, and no other to be had when it is refused.</summary>
    internal sealed class GivenAccessToken : IAccessTokenSource
    {
        private readonly AccessToken token;

        public GivenAccessToken(string account, string token)
        {
            Account = account;
            this.token = new AccessToken(token, null);
        }

        public string Account { get; }

        public bool CanRefresh => false;

        public Task<AccessToken> GetAsync(bool refresh, CancellationToken cancellationToken) => Task.FromResult(token);
    }
}
