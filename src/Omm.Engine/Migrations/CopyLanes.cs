using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Connectors;
using Omm.Engine.Endpoints;
using Omm.Engine.Connectors.Imap;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// The extra connection pairs of a pass (<see cref="CopyLane"/>), opened the first time a folder has
    /// enough to copy to share out, and kept until the pass ends. A side that will not give more
    /// connections (many providers cap them per account) is not an error: the pass goes on with fewer.
    /// </summary>
    internal sealed class CopyLanes : IDisposable
    {
        private readonly AccountEndpoint source;
        private readonly Func<IMailDestination> openDestination;
        private readonly MessageSpool spool;
        private readonly IMigrationObserver observer;
        private readonly int wanted;
        private readonly List<CopyLane> lanes = new List<CopyLane>();
        private bool opened;

        /// <param name="connections">Connections per side the pass may use in all, the pass's own included.</param>
        /// <param name="openDestination">Makes another session on the destination.</param>
        public CopyLanes(AccountEndpoint source, Func<IMailDestination> openDestination, MessageSpool spool, IMigrationObserver observer, int connections)
        {
            this.source = source;
            this.openDestination = openDestination;
            this.spool = spool;
            this.observer = observer;
            wanted = Math.Max(0, connections - 1);
        }

        /// <summary>The extra lanes with the folder pair open on each; lanes that cannot open it are left out this time.</summary>
        public async Task<IReadOnlyList<CopyLane>> OpenAsync(string sourceFolder, string destinationFolder, CancellationToken stopToken)
        {
            if (!opened)
            {
                opened = true;
                await ConnectAsync(stopToken).ConfigureAwait(false);
            }

            var ready = new List<CopyLane>();
            foreach (var lane in lanes)
            {
                if (await lane.OpenAsync(sourceFolder, destinationFolder, stopToken).ConfigureAwait(false))
                    ready.Add(lane);
            }

            return ready;
        }

        private async Task ConnectAsync(CancellationToken stopToken)
        {
            for (var i = 0; i < wanted; i++)
            {
                SpoolingImapClient? from = null;
                IMailDestination? to = null;
                try
                {
                    from = await ImapConnector.ConnectAsync(source, spool, stopToken).ConfigureAwait(false);
                    to = openDestination();
                    await to.OpenAsync(stopToken).ConfigureAwait(false);
                    lanes.Add(new CopyLane(from, source, to));
                }
                catch (MigrationFailedException e)
                {
                    from?.Dispose();
                    to?.Dispose();
                    observer.OnVerbose($"Copying with {lanes.Count + 1} connections per side instead of {wanted + 1}: another connection was refused ({e.Message}).");
                    return;
                }
            }

            if (lanes.Count > 0)
                observer.OnVerbose($"Copying with {lanes.Count + 1} connections per side.");
        }

        public async Task DisconnectAsync()
        {
            foreach (var lane in lanes)
                await lane.DisconnectAsync().ConfigureAwait(false);
        }

        public void Dispose()
        {
            foreach (var lane in lanes)
                lane.Dispose();
        }
    }
}
