using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;

namespace Omm.Engine.Connectors.Files.Pst.Messaging
{
    /// <summary>
    /// The last line of defence of the public API: the reader checks every offset, length and count it reads,
    /// but should a damaged file still trip a runtime check, the caller gets a <see cref="PstFormatException"/>
    /// naming what was being read, never an IndexOutOfRangeException or the like. I/O failures of the disk
    /// itself (IOException) and use after Dispose pass through unchanged.
    /// </summary>
    internal static class PstGuard
    {
        public static T Run<T>(Func<T> action, Func<string> context)
        {
            try
            {
                return action();
            }
            catch (Exception e) when (IsDamage(e))
            {
                throw Wrap(e, context());
            }
        }

        public static void Run(Action action, Func<string> context)
        {
            Run<object?>(() =>
            {
                action();
                return null;
            }, context);
        }

        public static IEnumerable<T> Enumerate<T>(Func<IEnumerable<T>> source, Func<string> context)
        {
            return new GuardedEnumerable<T>(source, context);
        }

        /// <summary>An exception that a damaged file can cause in the reader (not a PstFormatException already, nor I/O or use after Dispose).</summary>
        public static bool IsDamage(Exception e)
        {
            if (e is PstFormatException || e is PstUsageException || e is ObjectDisposedException || e is OperationCanceledException)
                return false;
            if (e is IOException && !(e is EndOfStreamException))
                return false;
            return true;
        }

        private static PstFormatException Wrap(Exception e, string context)
        {
            return new PstFormatException($"The PST is damaged: reading {context} failed ({e.GetType().Name}: {e.Message}).", e);
        }

        private sealed class GuardedEnumerable<T> : IEnumerable<T>
        {
            private readonly Func<IEnumerable<T>> _source;
            private readonly Func<string> _context;

            public GuardedEnumerable(Func<IEnumerable<T>> source, Func<string> context)
            {
                _source = source;
                _context = context;
            }

            public IEnumerator<T> GetEnumerator() => new GuardedEnumerator(this);

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            private sealed class GuardedEnumerator : IEnumerator<T>
            {
                private readonly GuardedEnumerable<T> _owner;
                private IEnumerator<T>? _inner;

                public GuardedEnumerator(GuardedEnumerable<T> owner)
                {
                    _owner = owner;
                }

                public T Current { get; private set; } = default!;

                object? IEnumerator.Current => Current;

                public bool MoveNext()
                {
                    return Run(() =>
                    {
                        _inner ??= _owner._source().GetEnumerator();
                        if (!_inner.MoveNext())
                            return false;
                        Current = _inner.Current;
                        return true;
                    }, _owner._context);
                }

                public void Reset() => throw new NotSupportedException();

                public void Dispose() => _inner?.Dispose();
            }
        }
    }
}
