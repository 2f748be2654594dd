using System.Text;

namespace Omm.Engine.Connectors.Files
{
    /// <summary>A 32-bit key from a name (FNV-1a over UTF-8): the same name gives the same key in every run.</summary>
    internal static class StableKey
    {
        public static uint Of(string name)
        {
            var hash = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes(name))
            {
                hash ^= b;
                hash *= 16777619u;
            }

            return hash == 0 ? 1 : hash;
        }
    }
}
