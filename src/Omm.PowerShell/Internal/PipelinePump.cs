using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace Omm.PowerShell.Internal
{
    /// <summary>
    /// Runs engine work on a worker thread while the pipeline thread performs the Write* calls it
    /// queues: PowerShell allows them only on the pipeline thread.
    /// </summary>
    internal sealed class PipelinePump : IDisposable
    {
        private readonly BlockingCollection<Action> queue = new BlockingCollection<Action>();

        /// <summary>Queues a call for the pipeline thread. Safe from any thread.</summary>
        public void Post(Action action)
        {
            try
            {
                queue.Add(action);
            }
            catch (InvalidOperationException)
            {
                // The work already finished; a late report has nowhere to go.
            }
        }

        /// <summary>Runs <paramref name="work"/> on the thread pool and pumps queued calls here until it ends.</summary>
        public T Run<T>(Func<Task<T>> work)
        {
            var task = Task.Run(async () =>
            {
                try
                {
                    return await work().ConfigureAwait(false);
                }
                finally
                {
                    queue.CompleteAdding();
                }
            });

            PipelineStoppedException? stopped = null;
            foreach (var action in queue.GetConsumingEnumerable())
            {
                if (stopped != null)
                    continue; // drain: the worker is finishing its item and recording the stop
                try
                {
                    action();
                }
                catch (PipelineStoppedException e)
                {
                    stopped = e;
                }
            }

            var result = task.GetAwaiter().GetResult();
            if (stopped != null)
                throw stopped;
            return result;
        }

        public void Dispose() => queue.Dispose();
    }
}
