using System.Collections.Generic;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>Splits what one call would ask into the batches Exchange takes at once.</summary>
    internal static class EwsBatches
    {
        public static IEnumerable<List<T>> Of<T>(IReadOnlyList<T> items, int size)
        {
            for (var start = 0; start < items.Count; start += size)
            {
                var batch = new List<T>(System.Math.Min(size, items.Count - start));
                for (var i = start; i < items.Count && i < start + size; i++)
                    batch.Add(items[i]);
                yield return batch;
            }
        }
    }
}
