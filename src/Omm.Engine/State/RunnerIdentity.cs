using System;
using System.Diagnostics;
using System.Globalization;

namespace Omm.Engine.State
{
    /// <summary>
    /// The process running a pass: host, process id and start time. Lets a process on the same host tell
    /// at once that a "Running" migration's process is gone (killed, crashed), without waiting for its
    /// heartbeat to go stale.
    /// </summary>
    public sealed class RunnerIdentity
    {
        private RunnerIdentity(string host, int processId, long startSecond)
        {
            Host = host;
            ProcessId = processId;
            StartSecond = startSecond;
        }

        public string Host { get; }

        public int ProcessId { get; }

        public long StartSecond { get; }

        public static RunnerIdentity Current { get; } = FromProcess(Process.GetCurrentProcess());

        public static RunnerIdentity? Parse(string? text)
        {
            if (string.IsNullOrEmpty(text))
                return null;
            var parts = text!.Split('|');
            if (parts.Length != 3
                || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var second))
                return null;
            return new RunnerIdentity(parts[0], pid, second);
        }

        /// <summary>True when this identity is a process of this host that no longer runs.</summary>
        public bool IsGoneFromThisHost()
        {
            if (!string.Equals(Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
                return false;
            try
            {
                using var process = Process.GetProcessById(ProcessId);
                return process.HasExited || StartSecondOf(process) != StartSecond;
            }
            catch (ArgumentException)
            {
                return true;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }

        public override string ToString() =>
            string.Join("|", Host, ProcessId.ToString(CultureInfo.InvariantCulture), StartSecond.ToString(CultureInfo.InvariantCulture));

        private static RunnerIdentity FromProcess(Process process) =>
            new RunnerIdentity(Environment.MachineName, process.Id, StartSecondOf(process));

        private static long StartSecondOf(Process process)
        {
            try
            {
                return process.StartTime.ToUniversalTime().Ticks / TimeSpan.TicksPerSecond;
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.ComponentModel.Win32Exception || e is NotSupportedException)
            {
                return 0;
            }
        }
    }
}
