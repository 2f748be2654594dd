using Omm.Engine.Folders;

namespace Omm.Engine.Tests;

public class FolderPathMapperTests
{
    private static readonly MailboxNamespace Slash = new(string.Empty, '/');
    private static readonly MailboxNamespace Dot = new(string.Empty, '.');

    private static FolderPathMapper Mapper(MailboxNamespace source, IEnumerable<(string, FolderRole)> sourceFolders,
        MailboxNamespace destination, IEnumerable<(string, FolderRole)> destinationFolders)
    {
        var sourceRoles = FolderRoles.Assign(sourceFolders, source);
        var destinationRoles = FolderRoles.Assign(destinationFolders, destination);
        return new FolderPathMapper(source, destination, sourceRoles, FolderRoles.FoldersByRole(destinationRoles));
    }

    [Fact]
    public void Translates_separators_and_keeps_non_ascii_names()
    {
        var mapper = Mapper(Slash, new[] { ("INBOX", FolderRole.None), ("Données", FolderRole.None), ("Données/Été 2024", FolderRole.None) },
            Dot, new[] { ("INBOX", FolderRole.None) });
        Assert.Equal("Données.Été 2024", mapper.Map("Données/Été 2024").DestinationPath);
        Assert.Equal("INBOX", mapper.Map("INBOX").DestinationPath);
    }

    [Fact]
    public void Special_use_folders_land_in_the_destination_folder_of_the_same_role()
    {
        var mapper = Mapper(Slash, new[] { ("INBOX", FolderRole.None), ("Sent", FolderRole.Sent), ("Sent/2024", FolderRole.None), ("Trash", FolderRole.Trash) },
            Dot, new[] { ("INBOX", FolderRole.None), ("Sent Items", FolderRole.Sent), ("Deleted Items", FolderRole.Trash) });
        Assert.Equal("Sent Items", mapper.Map("Sent").DestinationPath);
        Assert.Equal("Sent Items.2024", mapper.Map("Sent/2024").DestinationPath);
        Assert.Equal("Deleted Items", mapper.Map("Trash").DestinationPath);
    }

    [Fact]
    public void Well_known_names_stand_in_when_no_special_use_is_advertised()
    {
        var mapper = Mapper(Slash, new[] { ("INBOX", FolderRole.None), ("Sent Messages", FolderRole.None), ("Papierkorb", FolderRole.None) },
            Dot, new[] { ("INBOX", FolderRole.None), ("Verzonden items", FolderRole.None), ("Prullenbak", FolderRole.None) });
        Assert.Equal("Verzonden items", mapper.Map("Sent Messages").DestinationPath);
        Assert.Equal("Prullenbak", mapper.Map("Papierkorb").DestinationPath);
    }

    [Fact]
    public void A_role_without_a_destination_folder_keeps_the_source_name()
    {
        var mapper = Mapper(Slash, new[] { ("INBOX", FolderRole.None), ("Drafts", FolderRole.Drafts) },
            Dot, new[] { ("INBOX", FolderRole.None) });
        Assert.Equal("Drafts", mapper.Map("Drafts").DestinationPath);
    }

    [Fact]
    public void Destination_separator_inside_a_name_is_replaced()
    {
        var mapper = Mapper(Slash, new[] { ("INBOX", FolderRole.None), ("Archive.old", FolderRole.None) }, Dot, new[] { ("INBOX", FolderRole.None) });
        var mapped = mapper.Map("Archive.old");
        Assert.Equal("Archive_old", mapped.DestinationPath);
        Assert.True(mapped.NameChanged);
    }

    [Fact]
    public void Courier_style_prefixes_are_removed_and_added()
    {
        var courier = new MailboxNamespace("INBOX.", '.');
        var mapper = Mapper(courier, new[] { ("INBOX", FolderRole.None), ("INBOX.Sent", FolderRole.None), ("INBOX.Clients", FolderRole.None), ("INBOX.Clients.Acme", FolderRole.None) },
            Slash, new[] { ("INBOX", FolderRole.None), ("Sent", FolderRole.Sent) });
        Assert.Equal("Sent", mapper.Map("INBOX.Sent").DestinationPath);
        Assert.Equal("Clients/Acme", mapper.Map("INBOX.Clients.Acme").DestinationPath);

        var back = Mapper(Slash, new[] { ("INBOX", FolderRole.None), ("Clients/Acme", FolderRole.None), ("Sent", FolderRole.Sent) },
            courier, new[] { ("INBOX", FolderRole.None), ("INBOX.Sent", FolderRole.None) });
        Assert.Equal("INBOX.Clients.Acme", back.Map("Clients/Acme").DestinationPath);
        Assert.Equal("INBOX.Sent", back.Map("Sent").DestinationPath);
        Assert.Equal("INBOX", back.Map("INBOX").DestinationPath);
    }

    [Fact]
    public void Inbox_is_matched_whatever_its_case()
    {
        var mapper = Mapper(Slash, new[] { ("Inbox", FolderRole.None), ("Inbox/Clients", FolderRole.None) }, Dot, new[] { ("INBOX", FolderRole.None) });
        Assert.Equal("INBOX", mapper.Map("Inbox").DestinationPath);
        Assert.Equal("INBOX.Clients", mapper.Map("Inbox/Clients").DestinationPath);
    }
}
