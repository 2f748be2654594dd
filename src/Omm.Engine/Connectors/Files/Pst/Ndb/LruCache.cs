using System.Collections.Generic;

namespace Omm.Engine.Connectors.Files.Pst.Ndb
{
    /// <summary>A small least-recently-used cache bounded by a total cost (bytes).</summary>
    internal sealed class LruCache<TKey, TValue>
        where TKey : notnull
    {
        private readonly long _capacity;
        private readonly Dictionary<TKey, LinkedListNode<Entry>> _map = new Dictionary<TKey, LinkedListNode<Entry>>();
        private readonly LinkedList<Entry> _order = new LinkedList<Entry>();
        private long _cost;

        public LruCache(long capacity)
        {
            _capacity = capacity;
        }

        public bool TryGet(TKey key, out TValue value)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }

            value = default!;
            return false;
        }

        public void Add(TKey key, TValue value, long cost)
        {
            if (cost > _capacity)
                return;
            if (_map.TryGetValue(key, out var existing))
            {
                _order.Remove(existing);
                _map.Remove(key);
                _cost -= existing.Value.Cost;
            }

            var node = _order.AddFirst(new Entry(key, value, cost));
            _map[key] = node;
            _cost += cost;
            while (_cost > _capacity && _order.Last != null)
            {
                var last = _order.Last;
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
                _cost -= last.Value.Cost;
            }
        }

        private readonly struct Entry
        {
            public Entry(TKey key, TValue value, long cost)
            {
                Key = key;
                Value = value;
                Cost = cost;
            }

            public TKey Key { get; }

            public TValue Value { get; }

            public long Cost { get; }
        }
    }
}
