using System;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.Engine.OAuth
{
    /// <summary>The <see cref="TokenOrigin.Token"/> side: the access token the admin gave, every time.</summary>
    public sealed class GivenTokenSource : IAccessTokenSource
    {
        private readonly AccessToken token;

        public GivenTokenSource(string account, string accessToken)
        {
            if (string.IsNullOrEmpty(account))
                throw new ArgumentException("The account is empty.", nameof(account));
            Account = account;
            token = new AccessToken(accessToken, null);
        }

        public string Account { get; }

        public bool CanRefresh => false;

        public Task<AccessToken> GetAsync(bool refresh, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(token);
        }
    }
}
