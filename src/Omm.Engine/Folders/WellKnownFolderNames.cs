using System;
using System.Collections.Generic;

namespace Omm.Engine.Folders
{
    /// <summary>
    /// Names clients and servers give their special folders, in several languages, for servers that
    /// do not advertise SPECIAL-USE. Earlier names in a list win when an account has several.
    /// </summary>
    public static class WellKnownFolderNames
    {
        private static readonly (FolderRole Role, string[] Names)[] Table =
        {
            (FolderRole.Sent, new[]
            {
                "Sent", "Sent Items", "Sent Messages", "Sent Mail", "Envoyés", "Éléments envoyés", "Messages envoyés",
                "Gesendet", "Gesendete Elemente", "Gesendete Objekte", "Verzonden items", "Verzonden", "Enviados",
                "Elementos enviados", "Posta inviata", "Inviati", "Wysłane", "Elementy wysłane", "Odeslaná pošta",
            }),
            (FolderRole.Drafts, new[]
            {
                "Drafts", "Brouillons", "Entwürfe", "Concepten", "Borradores", "Bozze", "Kopie robocze", "Rascunhos", "Koncepty",
            }),
            (FolderRole.Trash, new[]
            {
                "Trash", "Deleted Items", "Deleted Messages", "Bin", "Corbeille", "Éléments supprimés", "Papierkorb",
                "Gelöschte Elemente", "Gelöschte Objekte", "Verwijderde items", "Prullenbak", "Papelera", "Elementos eliminados",
                "Cestino", "Posta eliminata", "Kosz", "Elementy usunięte", "Lixeira", "Itens excluídos", "Koš",
            }),
            (FolderRole.Junk, new[]
            {
                "Junk", "Spam", "Junk E-mail", "Junk Email", "Junk Mail", "Bulk Mail", "Courrier indésirable", "Pourriel",
                "Junk-E-Mail", "Ongewenste e-mail", "Correo no deseado", "Posta indesiderata", "Wiadomości-śmieci",
                "Lixo eletrônico", "Nevyžádaná pošta",
            }),
            (FolderRole.Archive, new[]
            {
                "Archive", "Archives", "Archiv", "Archief", "Archivio", "Archivo", "Archiwum", "Arquivo",
            }),
        };

        /// <summary>The role a folder name stands for, and its rank in that role's list (lower is likelier).</summary>
        public static FolderRole Guess(string name, out int rank)
        {
            foreach (var (role, names) in Table)
            {
                for (var i = 0; i < names.Length; i++)
                {
                    if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
                    {
                        rank = i;
                        return role;
                    }
                }
            }

            rank = int.MaxValue;
            return FolderRole.None;
        }

        public static IEnumerable<FolderRole> Roles
        {
            get
            {
                foreach (var (role, _) in Table)
                    yield return role;
            }
        }
    }
}
