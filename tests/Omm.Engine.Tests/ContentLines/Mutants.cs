namespace Omm.Engine.Tests.ContentLines;

/// <summary>Small random damage to a text file, for robustness tests.</summary>
internal static class Mutants
{
    private static readonly string[] Debris = { ":", ";", "=", "\"", "\\", "=Z", "BEGIN:VCARD", "END:VEVENT", "BEGIN:VALARM", " ", "\r\n", "\r\n ", ",", "é", "\0", "PHOTO;ENCODING=b:%%", "NOTE;QUOTED-PRINTABLE:=" };

    public static string Mutate(string text, Random random)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        switch (random.Next(7))
        {
            case 0:
                return text.Substring(0, random.Next(text.Length));
            case 1:
                lines.RemoveAt(random.Next(lines.Count));
                break;
            case 2:
                var copied = random.Next(lines.Count);
                lines.Insert(random.Next(lines.Count), lines[copied]);
                break;
            case 3:
                var cut = random.Next(lines.Count);
                lines[cut] = lines[cut].Substring(0, random.Next(lines[cut].Length + 1));
                break;
            case 4:
                var at = random.Next(text.Length);
                return text.Substring(0, at) + Debris[random.Next(Debris.Length)] + text.Substring(Math.Min(text.Length, at + random.Next(3)));
            case 5:
                var a = random.Next(lines.Count);
                var b = random.Next(lines.Count);
                (lines[a], lines[b]) = (lines[b], lines[a]);
                break;
            default:
                var line = random.Next(lines.Count);
                lines[line] = Debris[random.Next(Debris.Length)] + lines[line];
                break;
        }

        return string.Join("\r\n", lines);
    }
}
