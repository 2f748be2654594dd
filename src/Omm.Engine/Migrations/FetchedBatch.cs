using System;
using System.Collections.Generic;
using MailKit;

namespace Omm.Engine.Migrations
{
    /// <summary>Messages read from the source in one command, ready to append, and those the source could not give.</summary>
    internal sealed class FetchedBatch : IDisposable
    {
        public FetchedBatch(List<PendingCopy> copies, List<(IMessageSummary Summary, string Problem, bool IsError)> problems)
        {
            Copies = copies;
            Problems = problems;
        }

        public List<PendingCopy> Copies { get; }

        public List<(IMessageSummary Summary, string Problem, bool IsError)> Problems { get; }

        public void Dispose()
        {
            foreach (var copy in Copies)
                copy.Raw.Dispose();
        }
    }
}
