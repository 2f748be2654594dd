using System;
using System.Threading;
using System.Threading.Tasks;
using Omm.Engine.Migrations;
using Omm.PowerShell.Internal;

namespace Omm.PowerShell.Commands
{
    /// <summary>Cmdlets that log in to mail servers: engine work runs on worker threads, its reports are written on the pipeline thread.</summary>
    public abstract class OmmConnectingCmdlet : OmmCmdlet
    {
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private PipelinePump? pump;

        protected CancellationToken StopToken => stop.Token;

        private protected PipelinePump Pump => pump ??= new PipelinePump();

        protected override void StopProcessing() => stop.Cancel();

        protected override void EndProcessing() => ReleaseResources();

        /// <summary>Runs engine work on a worker thread; its reports are written here, on the pipeline thread.</summary>
        protected T RunOnWorker<T>(Func<IMigrationObserver, CancellationToken, Task<T>> work)
        {
            var observer = new CmdletMigrationObserver(this, Pump);
            return Pump.Run(() => work(observer, stop.Token));
        }

        protected void ReleaseResources()
        {
            pump?.Dispose();
            stop.Dispose();
        }
    }
}
