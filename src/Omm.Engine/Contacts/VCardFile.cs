using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Omm.Engine.ContentLines;

namespace Omm.Engine.Contacts
{
    /// <summary>
    /// The cards of a .vcf text, and what could not become one: a card whose BEGIN/END do not pair up or whose
    /// VERSION is unknown is <see cref="Unreadable"/> and the others are read; lines outside any card are
    /// <see cref="StrayText"/>. Only a text with no BEGIN:VCARD at all is not a vCard file.
    /// </summary>
    public sealed class VCardFile
    {
        private VCardFile(IReadOnlyList<VCard> cards, IReadOnlyList<UnreadableComponent> unreadable, IReadOnlyList<StrayText> strayText)
        {
            Cards = cards;
            Unreadable = unreadable;
            StrayText = strayText;
        }

        /// <summary>The cards that could be read, in file order (those of them with a property left out say so in <see cref="VCard.Warnings"/>).</summary>
        public IReadOnlyList<VCard> Cards { get; }

        /// <summary>Cards that could not be read at all, and top-level components that are not cards, in file order.</summary>
        public IReadOnlyList<UnreadableComponent> Unreadable { get; }

        /// <summary>Lines outside any card that are not what remains of one (those are in <see cref="Unreadable"/>).</summary>
        public IReadOnlyList<StrayText> StrayText { get; }

        /// <summary>From bytes: UTF-8, UTF-16 or UTF-32 by their byte order mark, UTF-16 by its zero bytes, else UTF-8 or windows-1252 line by line.</summary>
        public static VCardFile Read(Stream stream) => Read(TextDecoding.Read(stream));

        /// <summary>Reads every card it can. Throws <see cref="VCardFormatException"/> only when the text holds no BEGIN:VCARD at all.</summary>
        public static VCardFile Read(string text)
        {
            var reading = ContentLineReader.Read(text);
            if (!reading.Components.Any(c => c.Is("VCARD")))
            {
                var other = reading.Components.FirstOrDefault();
                throw new VCardFormatException(other?.LineNumber ?? 0, other != null
                    ? $"the text holds no vCard: BEGIN:{other.Name} at line {other.LineNumber} where BEGIN:VCARD was expected"
                    : $"the text holds no vCard (no BEGIN:VCARD line): {ForeignText.Describe(text)}");
            }

            var cards = new List<VCard>();
            var unreadable = new List<UnreadableComponent>();
            foreach (var component in reading.Components)
            {
                if (!component.Is("VCARD"))
                {
                    unreadable.Add(Describe(component, component.LineNumber, $"BEGIN:{component.Name} in a vCard file is not a contact"));
                    continue;
                }

                try
                {
                    cards.Add(VCard.FromComponent(component));
                }
                catch (VCardFormatException e)
                {
                    unreadable.Add(Describe(component, e.LineNumber, e.Problem));
                }
            }

            var strays = new List<StrayText>();
            foreach (var stray in reading.StrayText)
            {
                if (string.Equals(stray.EndedComponent, "VCARD", StringComparison.OrdinalIgnoreCase))
                    unreadable.Add(new UnreadableComponent("VCARD", stray.FirstLine, null, null, stray.FirstLine, stray.ToProblem().Problem, ""));
                else
                    strays.Add(stray);
            }

            return new VCardFile(cards, unreadable.OrderBy(u => u.LineNumber).ToList(), strays);
        }

        private static UnreadableComponent Describe(ContentComponent component, int problemLine, string problem)
        {
            // Its name and UID as far as they can be read, to tell the person which card it was.
            var decoded = component.Properties.Select(p => VCardProperty.Read(p, p.IsQuotedPrintable || p.HasParameter("CHARSET") ? "2.1" : "3.0", new List<ContentLineProblem>()))
                .Where(p => p != null).Select(p => p!).ToList();
            var title = component.Is("VCARD") ? VCard.ReadName(decoded) : null;
            var uid = decoded.FirstOrDefault(p => p.Is("UID"))?.Value;
            return new UnreadableComponent(component.Name, component.LineNumber, title, uid, problemLine, problem, component.SourceText ?? "");
        }
    }
}
