using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading.Tasks;

namespace Omm.PowerShell.Internal
{
    /// <summary>
    /// Carries Write* calls from engine threads to the pipeline thread, the only one PowerShell lets
    /// write. Once the pipeline is stopped (Ctrl+C), further calls are dropped and the stop is rethrown
    /// after the engine work has wound down.
    /// </summary>
    internal sealed class PipelinePump : IDisposable
    {
        private readonly BlockingCollection<Action> queue = new BlockingCollection<Action>();
        private PipelineStoppedException? stopped;

        /// <summary>True once a write found the pipeline stopped.</summary>
        public bool Stopped => stopped != null;

        /// <summary>Queues a call for the pipeline thread. Safe from any thread.</summary>
        public void Post(Action action)
        {
            try
            {
                queue.Add(action);
            }
            catch (InvalidOperationException)
            {
                // Disposed: nothing listens any more.
            }
        }

        /// <summary>Runs the calls queued so far, without waiting for more.</summary>
        public void Drain()
        {
            while (queue.TryTake(out var action))
                Execute(action);
        }

        /// <summary>Runs queued calls until <paramref name="task"/> has completed and the queue is empty; then rethrows a pipeline stop.</summary>
        public void RunUntil(Task task)
        {
            while (!task.IsCompleted || queue.Count > 0)
            {
                if (queue.TryTake(out var action, 50))
                    Execute(action);
            }

            if (stopped != null)
                throw stopped;
        }

        /// <summary>Runs <paramref name="work"/> on the thread pool, pumping its calls here until it ends.</summary>
        public T Run<T>(Func<Task<T>> work)
        {
            var task = Task.Run(work);
            RunUntil(task);
            return task.GetAwaiter().GetResult();
        }

        public void Dispose() => queue.Dispose();

        private void Execute(Action action)
        {
            if (stopped != null)
                return;
            try
            {
                action();
            }
            catch (PipelineStoppedException e)
            {
                stopped = e;
            }
        }
    }
}
