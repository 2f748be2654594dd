using System;
using System.Globalization;

namespace Omm.Engine.Migrations
{
    /// <summary>
    /// The most a migration may copy per second, across all its connections together, for providers
    /// with quotas: messages, bytes, or both. Stored with the migration; 0 (or nothing) means no cap.
    /// </summary>
    public sealed class ThroughputCaps
    {
        public static readonly ThroughputCaps None = new ThroughputCaps(null, null);

        /// <exception cref="ArgumentOutOfRangeException">A cap is negative, not a number, or infinite; the message says which and why.</exception>
        public ThroughputCaps(double? maxMessagesPerSecond, long? maxBytesPerSecond)
        {
            var messagesProblem = maxMessagesPerSecond.HasValue ? MessagesProblem(maxMessagesPerSecond.Value) : null;
            if (messagesProblem != null)
                throw new ArgumentOutOfRangeException(nameof(MaxMessagesPerSecond), maxMessagesPerSecond, $"MaxMessagesPerSecond: {messagesProblem}");
            var bytesProblem = maxBytesPerSecond.HasValue ? BytesProblem(maxBytesPerSecond.Value) : null;
            if (bytesProblem != null)
                throw new ArgumentOutOfRangeException(nameof(MaxBytesPerSecond), maxBytesPerSecond, $"MaxBytesPerSecond: {bytesProblem}");
            MaxMessagesPerSecond = maxMessagesPerSecond > 0 ? maxMessagesPerSecond : null;
            MaxBytesPerSecond = maxBytesPerSecond > 0 ? maxBytesPerSecond : null;
        }

        /// <summary>Messages per second at most (fractions allowed: 0.5 is one message every 2 s); null: no cap.</summary>
        public double? MaxMessagesPerSecond { get; }

        /// <summary>Message bytes per second at most; null: no cap.</summary>
        public long? MaxBytesPerSecond { get; }

        public bool IsCapped => MaxMessagesPerSecond.HasValue || MaxBytesPerSecond.HasValue;

        /// <summary>These caps with the ones given replaced (null: keep; 0: lift the cap).</summary>
        public ThroughputCaps With(double? maxMessagesPerSecond, long? maxBytesPerSecond) =>
            new ThroughputCaps(maxMessagesPerSecond ?? MaxMessagesPerSecond, maxBytesPerSecond ?? MaxBytesPerSecond);

        /// <summary>Why a messages-per-second cap is not usable, or null when it is.</summary>
        public static string? MessagesProblem(double value) =>
            double.IsNaN(value) || double.IsInfinity(value) || value < 0
                ? $"a cap is a positive number of messages per second (0 for no cap), not {value.ToString(CultureInfo.InvariantCulture)}."
                : null;

        /// <summary>Why a bytes-per-second cap is not usable, or null when it is.</summary>
        public static string? BytesProblem(long value) =>
            value < 0 ? $"a cap is a positive number of bytes per second (0 for no cap), not {value.ToString(CultureInfo.InvariantCulture)}." : null;

        /// <summary>A cell of an accounts list: a number such as 20 or 0.5.</summary>
        /// <exception cref="FormatException">Not such a number; the message says what is expected.</exception>
        public static double ParseMessagesPerSecond(string text)
        {
            if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new FormatException($"'{text}' is not a number of messages per second (such as 20 or 0.5; 0 for no cap).");
            var problem = MessagesProblem(value);
            if (problem != null)
                throw new FormatException(problem);
            return value;
        }

        /// <summary>A cell of an accounts list: bytes, or with a suffix as PowerShell writes them (500KB, 1MB, 1.5GB; powers of 1024).</summary>
        /// <exception cref="FormatException">Not such a number; the message says what is expected.</exception>
        public static long ParseBytesPerSecond(string text)
        {
            var trimmed = text.Trim();
            var unit = 1L;
            foreach (var (suffix, factor) in new[] { ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30) })
            {
                if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    unit = factor;
                    trimmed = trimmed.Substring(0, trimmed.Length - suffix.Length).TrimEnd();
                    break;
                }
            }

            if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || double.IsNaN(number)
                || double.IsInfinity(number) || Math.Abs(number * unit) > long.MaxValue / 2)
                throw new FormatException($"'{text}' is not a number of bytes per second (such as 500000, 512KB or 1MB; 0 for no cap).");
            var value = (long)Math.Round(number * unit);
            var problem = BytesProblem(value);
            if (problem != null)
                throw new FormatException(problem);
            return value;
        }

        /// <summary>As a person reads it: "at most 20 messages/s and 1,048,576 bytes/s", or "no cap".</summary>
        public override string ToString()
        {
            if (!IsCapped)
                return "no cap";
            var messages = MaxMessagesPerSecond.HasValue ? $"{MaxMessagesPerSecond.Value.ToString("0.###", CultureInfo.InvariantCulture)} messages/s" : null;
            var bytes = MaxBytesPerSecond.HasValue ? $"{MaxBytesPerSecond.Value.ToString("N0", CultureInfo.InvariantCulture)} bytes/s" : null;
            return "at most " + (messages != null && bytes != null ? $"{messages} and {bytes}" : messages ?? bytes);
        }
    }
}
