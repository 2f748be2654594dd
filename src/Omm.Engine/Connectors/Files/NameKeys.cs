using System;
using System.Collections.Generic;
using System.Linq;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>
    /// Keys for the names of one folder (file names of an .eml folder) that no two names share. A name's key is
    /// its <see cref="StableKey"/>, as before, unless an ordinally smaller name of the folder has the same one
    /// (or, for a name given twice, an earlier one): then the name is hashed again with "/2", "/3"... appended
    /// (no file name holds '/') until the key is neither another name's own key nor taken. The same names in
    /// the same order always get the same keys.
    /// </summary>
    internal static class NameKeys
    {
        /// <param name="names">The names; one given twice (files of two folders merged into one) keeps its own key the first time.</param>
        /// <returns>The key of each name, in the order given.</returns>
        public static uint[] Of(IReadOnlyList<string> names)
        {
            var own = names.Select(StableKey.Of).ToArray();
            var reserved = new HashSet<uint>(own);
            var assigned = new HashSet<uint>();
            var keys = new uint[names.Count];
            var clashing = new List<int>();
            foreach (var i in Enumerable.Range(0, names.Count).OrderBy(i => names[i], StringComparer.Ordinal).ThenBy(i => i))
            {
                if (assigned.Add(own[i]))
                    keys[i] = own[i];
                else
                    clashing.Add(i);
            }

            foreach (var i in clashing)
            {
                for (var n = 2; ; n++)
                {
                    var key = StableKey.Of(names[i] + "/" + n);
                    if (!reserved.Contains(key) && assigned.Add(key))
                    {
                        keys[i] = key;
                        break;
                    }
                }
            }

            return keys;
        }
    }
}
