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

    [Theory]
    [InlineData("INBOX.")]
    [InlineData("INBOX")] // as MailKit reports Courier's and Cyrus's "INBOX."
    public void Courier_style_prefixes_are_removed_and_added(string prefix)
    {
        var courier = new MailboxNamespace(prefix, '.');
        var mapper = Mapper(courier, new[] { ("INBOX", FolderRole.None), ("INBOX.Sent", FolderRole.None), ("INBOX.Clients", FolderRole.None), ("INBOX.Clients.Acme", FolderRole.None) },
            Slash, new[] { ("INBOX", FolderRole.None), ("Sent", FolderRole.Sent) });
        Assert.Equal("Sent", mapper.Map("INBOX.Sent").DestinationPath);
        Assert.Equal("Clients", mapper.Map("INBOX.Clients").DestinationPath);
        Assert.Equal("Clients/Acme", mapper.Map("INBOX.Clients.Acme").DestinationPath);
        Assert.Equal("INBOX", mapper.Map("INBOX").DestinationPath);

        var back = Mapper(Slash, new[] { ("INBOX", FolderRole.None), ("Clients/Acme", FolderRole.None), ("Sent", FolderRole.Sent) },
            courier, new[] { ("INBOX", FolderRole.None), ("INBOX.Sent", FolderRole.None) });
        Assert.Equal("INBOX.Clients", back.Map("Clients").DestinationPath);
        Assert.Equal("INBOX.Clients.Acme", back.Map("Clients/Acme").DestinationPath);
        Assert.Equal("INBOX.Sent", back.Map("Sent").DestinationPath);
        Assert.Equal("INBOX", back.Map("INBOX").DestinationPath);
    }

    [Theory]
    [InlineData("INBOX", '.', "INBOX.")]
    [InlineData("INBOX.", '.', "INBOX.")]
    [InlineData("INBOX/", '/', "INBOX/")]
    [InlineData("", '/', "")]
    [InlineData("Mail", '\0', "Mail")]
    public void A_prefix_ends_with_the_separator_however_it_is_given(string given, char separator, string prefix)
    {
        var ns = new MailboxNamespace(given, separator);
        Assert.Equal(prefix, ns.Prefix);
    }

    [Fact]
    public void Paths_are_relative_to_the_namespace()
    {
        var courier = new MailboxNamespace("INBOX", '.');
        Assert.Equal(new[] { "Lists", "Dev" }, courier.Levels("INBOX.Lists.Dev"));
        Assert.Equal(new[] { "INBOX" }, courier.Levels("INBOX"));
        Assert.Equal("INBOX.Lists", courier.ParentOf("INBOX.Lists.Dev"));
        Assert.Null(courier.ParentOf("INBOX.Lists"));
        Assert.Null(courier.ParentOf("INBOX"));
        Assert.Equal("Dev", courier.LeafOf("INBOX.Lists.Dev"));

        var plain = new MailboxNamespace(string.Empty, '.');
        Assert.Equal(new[] { "INBOX", "Lists" }, plain.Levels("INBOX.Lists"));
        Assert.Equal("INBOX", plain.ParentOf("INBOX.Lists"));
    }

    [Fact]
    public void Inbox_is_matched_whatever_its_case()
    {
        var mapper = Mapper(Slash, new[] { ("Inbox", FolderRole.None), ("Inbox/Clients", FolderRole.None) }, Dot, new[] { ("INBOX", FolderRole.None) });
        Assert.Equal("INBOX", mapper.Map("Inbox").DestinationPath);
        Assert.Equal("INBOX.Clients", mapper.Map("Inbox/Clients").DestinationPath);
    }

    private static FolderPathMapper Plan(MailboxNamespace source, MailboxNamespace destination, IEnumerable<string> sourceFolders,
        IReadOnlyDictionary<string, string>? earlier = null, IEnumerable<(string, FolderRole)>? sourceRoles = null,
        IEnumerable<(string, FolderRole)>? destinationFolders = null)
    {
        var folders = sourceFolders.ToList();
        var roles = FolderRoles.Assign(folders.Select(f => (f, FolderRole.None)).Concat(sourceRoles ?? Array.Empty<(string, FolderRole)>()), source);
        var destinationRoles = FolderRoles.Assign(destinationFolders ?? new[] { ("INBOX", FolderRole.None) }, destination);
        return new FolderPathMapper(source, destination, roles, FolderRoles.FoldersByRole(destinationRoles), earlier, folders);
    }

    [Theory]
    [InlineData("..", "__")]
    [InlineData(".", "_")]
    [InlineData("Deep/..", "Deep.__")]
    [InlineData("a//b", "a._.b")]
    [InlineData("   ", "_")]
    [InlineData(" lead", "lead")]
    [InlineData("trail ", "trail")]
    [InlineData("Deep/ inner \\t", "Deep.inner _")]
    [InlineData("star*", "star_")]
    [InlineData("pct%", "pct_")]
    [InlineData("~home", "_home")]
    [InlineData("Deep/~home", "Deep.~home")]
    [InlineData("tab\\there", "tab_here")]
    [InlineData("ctl\\u0001", "ctl_")]
    [InlineData("del\\u007f", "del_")]
    [InlineData("nel\\u0085", "nel_")]
    [InlineData("nul\\u0000", "nul_")]
    [InlineData("lone\\ud800", "lone_")]
    [InlineData("a.b", "a_b")]
    [InlineData("a/b.c", "a.b_c")]
    [InlineData("Émojis 😀", "Émojis 😀")]
    public void A_hostile_level_maps_to_a_safe_name(string escapedSource, string escapedExpected)
    {
        var name = System.Text.RegularExpressions.Regex.Unescape(escapedSource);
        var expected = System.Text.RegularExpressions.Regex.Unescape(escapedExpected);
        var mapped = Plan(Slash, Dot, new[] { "INBOX", name }).Map(name);
        Assert.Equal(expected, mapped.DestinationPath);
        Assert.Equal(expected != name.Replace('/', '.'), mapped.NameChanged);
    }

    [Fact]
    public void The_reasons_say_what_was_changed()
    {
        var name = " a.b*\t";
        var mapped = Plan(Slash, Dot, new[] { "INBOX", name }).Map(name);
        Assert.Equal("a_b__", mapped.DestinationPath);
        Assert.Equal(4, mapped.RenameReasons.Count);
        Assert.Contains(mapped.RenameReasons, r => r.StartsWith("control characters", StringComparison.Ordinal));
        Assert.Contains(mapped.RenameReasons, r => r.StartsWith("the IMAP wildcards", StringComparison.Ordinal));
        Assert.Contains(mapped.RenameReasons, r => r.StartsWith("the destination's hierarchy separator '.'", StringComparison.Ordinal));
        Assert.Contains(mapped.RenameReasons, r => r.StartsWith("leading and trailing spaces", StringComparison.Ordinal));
        Assert.Equal("The source folder ' a.b*\\x09' is copied to 'a_b__': " + string.Join("; ", mapped.RenameReasons) + ".", mapped.RenameWarning(name, "a_b__"));
    }

    [Fact]
    public void A_slash_inside_a_dot_source_name_is_replaced_on_a_slash_destination()
    {
        var mapper = Plan(Dot, Slash, new[] { "INBOX", "x/y", "a/b", "a/b.c", "Reports", "Reports.2024" });
        Assert.Equal("x_y", mapper.Map("x/y").DestinationPath);
        Assert.Equal("a_b/c", mapper.Map("a/b.c").DestinationPath);
        Assert.False(mapper.Map("a/b.c").NameChanged);
        Assert.Equal("Reports/2024", mapper.Map("Reports.2024").DestinationPath);
        Assert.Contains(mapper.Map("x/y").RenameReasons, r => r.Contains("hierarchy separator '/'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_slash_in_a_name_is_replaced_even_where_the_destination_separator_is_another()
    {
        var flat = new MailboxNamespace(string.Empty, '\0');
        var mapper = Plan(flat, Dot, new[] { "INBOX", "x/y" });
        Assert.Equal("x_y", mapper.Map("x/y").DestinationPath);
    }

    [Fact]
    public void Names_that_differ_only_in_case_or_meet_after_sanitising_are_kept_apart_and_the_unchanged_one_keeps_its_name()
    {
        var mapper = Plan(Slash, Dot, new[] { "INBOX", "a.b", "a.b/c", "a_b", "case", "Case", "case/sub", " INBOX" });
        Assert.Equal("a_b", mapper.Map("a_b").DestinationPath);
        Assert.False(mapper.Map("a_b").NameChanged);
        var moved = mapper.Map("a.b");
        Assert.Equal("a_b (2)", moved.DestinationPath);
        Assert.Contains(moved.RenameReasons, r => r.Contains("another source folder, 'a_b', goes to 'a_b'", StringComparison.Ordinal));
        Assert.Equal("Case", mapper.Map("Case").DestinationPath);
        Assert.Equal("case (2)", mapper.Map("case").DestinationPath);
        Assert.Equal("case (2).sub", mapper.Map("case/sub").DestinationPath);
        Assert.False(mapper.Map("case/sub").NameChanged);
        Assert.Equal("a_b (2).c", mapper.Map("a.b/c").DestinationPath);
        Assert.Equal("CASE (3)", mapper.Map("CASE").DestinationPath);
        Assert.Equal("INBOX (2)", mapper.Map(" INBOX").DestinationPath);
        Assert.Equal("INBOX", mapper.Map("INBOX").DestinationPath);
    }

    [Fact]
    public void A_folder_with_the_name_of_a_role_folder_does_not_merge_into_it()
    {
        var mapper = Plan(Slash, Dot, new[] { "INBOX", "Sent Items", "Zent" }, sourceRoles: new[] { ("Zent", FolderRole.Sent) },
            destinationFolders: new[] { ("INBOX", FolderRole.None), ("Sent Items", FolderRole.Sent) });
        Assert.Equal("Sent Items", mapper.Map("Zent").DestinationPath);
        Assert.Equal("Sent Items (2)", mapper.Map("Sent Items").DestinationPath);
        Assert.True(mapper.Map("Sent Items").NameChanged);
    }

    [Fact]
    public void Two_source_folders_with_the_same_role_do_not_merge()
    {
        var mapper = Plan(Slash, Dot, new[] { "INBOX", "Sent", "Sent Mail" }, sourceRoles: new[] { ("Sent", FolderRole.Sent), ("Sent Mail", FolderRole.Sent) },
            destinationFolders: new[] { ("INBOX", FolderRole.None), ("Sent Items", FolderRole.Sent) });
        Assert.Equal("Sent Items", mapper.Map("Sent").DestinationPath);
        Assert.Equal("Sent Mail", mapper.Map("Sent Mail").DestinationPath);
    }

    [Fact]
    public void Long_names_are_shortened_to_what_maildir_servers_hold()
    {
        var single = new string('x', 300);
        var wide = new string('é', 200);
        var mapper = Plan(Slash, Dot, new[] { "INBOX", single, single + "/child", wide, "Short/" + single });
        var shortened = mapper.Map(single);
        Assert.Equal(new string('x', FolderPathMapper.MaxNameLength), shortened.DestinationPath);
        Assert.Contains(shortened.RenameReasons, r => r.Contains("shortened", StringComparison.Ordinal));
        Assert.Equal("Short." + new string('x', FolderPathMapper.MaxNameLength - 6), mapper.Map("Short/" + single).DestinationPath);
        Assert.True(ImapNameLength.Of(mapper.Map(wide).DestinationPath) <= FolderPathMapper.MaxNameLength);
        Assert.True(ImapNameLength.Of(mapper.Map(wide).DestinationPath) > FolderPathMapper.MaxNameLength - 10);
        Assert.Equal(new string('é', mapper.Map(wide).DestinationPath.Length), mapper.Map(wide).DestinationPath);

        // Below a parent that takes the whole length, a child goes to the top level.
        var child = mapper.Map(single + "/child");
        Assert.Equal("child", child.DestinationPath);
        Assert.Contains(child.RenameReasons, r => r.Contains("nested too deep", StringComparison.Ordinal));
    }

    [Fact]
    public void Long_names_that_meet_once_shortened_are_kept_apart()
    {
        var mapper = Plan(Slash, Dot, new[] { "INBOX", new string('x', 300), new string('x', 260) });
        Assert.Equal(new string('x', FolderPathMapper.MaxNameLength), mapper.Map(new string('x', 260)).DestinationPath);
        Assert.Equal(new string('x', FolderPathMapper.MaxNameLength - 4) + " (2)", mapper.Map(new string('x', 300)).DestinationPath);
    }

    [Fact]
    public void Deep_nesting_keeps_each_folder_apart_within_the_length_limit()
    {
        var levels = Enumerable.Range(0, 120).Select(i => string.Join('/', Enumerable.Range(0, i + 1).Select(l => $"level-{l:000}"))).ToList();
        var mapper = Plan(Slash, Dot, levels.Prepend("INBOX"));
        var paths = levels.Select(l => mapper.Map(l).DestinationPath).ToList();
        Assert.Equal(paths.Count, paths.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(paths, p => Assert.True(ImapNameLength.Of(p) <= FolderPathMapper.MaxNameLength, p));
        Assert.All(paths.Select((p, i) => (p, i)), x => Assert.EndsWith($"level-{x.i:000}", x.p, StringComparison.Ordinal));
        Assert.Equal(levels[10].Replace('/', '.'), paths[10]);
        Assert.False(mapper.Map(levels[10]).NameChanged);
        Assert.True(mapper.Map(levels[119]).NameChanged);
    }

    [Fact]
    public void Pairings_of_earlier_passes_are_kept_and_new_rivals_go_elsewhere()
    {
        var earlier = new Dictionary<string, string> { ["INBOX"] = "INBOX", ["case"] = "case", [" lead"] = " lead", ["Case"] = "Case (2)" };
        var mapper = Plan(Slash, Dot, new[] { "INBOX", "case", "Case", " lead", "lead", "CASE", "case/new" }, earlier);
        Assert.Equal("case", mapper.Map("case").DestinationPath);
        Assert.Equal("Case (2)", mapper.Map("Case").DestinationPath);
        Assert.Equal(" lead", mapper.Map(" lead").DestinationPath);
        Assert.True(mapper.Map(" lead").FromEarlierPass);
        Assert.False(mapper.Map(" lead").NameChanged);
        Assert.Equal("lead", mapper.Map("lead").DestinationPath);
        Assert.Equal("CASE (3)", mapper.Map("CASE").DestinationPath);
        Assert.Equal("case.new", mapper.Map("case/new").DestinationPath);
    }

    [Fact]
    public void Pst_and_mbox_paths_map_like_any_slash_source()
    {
        // Archive folders are '/'-separated paths; a PST folder's own '/' is already '_' in its path.
        var paths = new[] { "INBOX", "Posteingang\u0001", "Projekte", "Projekte/..", "Projekte/Q1\tQ2", "Projekte/a_b", "Projekte/a.b", "Gesendete Elemente" }
            .Select(System.Text.RegularExpressions.Regex.Unescape).ToList();
        var mapper = new FolderPathMapper(Slash, Dot,
            new Dictionary<string, FolderRole> { ["INBOX"] = FolderRole.Inbox, ["Gesendete Elemente"] = FolderRole.Sent },
            new Dictionary<FolderRole, string> { [FolderRole.Sent] = "Sent" }, null, paths);
        Assert.Equal("Posteingang_", mapper.Map(paths[1]).DestinationPath);
        Assert.Equal("Projekte.__", mapper.Map("Projekte/..").DestinationPath);
        Assert.Equal("Projekte.Q1_Q2", mapper.Map(paths[4]).DestinationPath);
        Assert.Equal("Projekte.a_b", mapper.Map("Projekte/a_b").DestinationPath);
        Assert.Equal("Projekte.a_b (2)", mapper.Map("Projekte/a.b").DestinationPath);
        Assert.Equal("Sent", mapper.Map("Gesendete Elemente").DestinationPath);
        Assert.Contains("'Posteingang\\x01' is copied to 'Posteingang_'", mapper.Map(paths[1]).RenameWarning(paths[1], "Posteingang_"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("a&b", 4)]
    [InlineData("é", 5)]
    [InlineData("\\t", 5)]
    [InlineData("€€", 8)]
    [InlineData("a€b", 7)]
    public void Names_are_measured_as_imap_sends_them(string escaped, int length)
    {
        Assert.Equal(length, ImapNameLength.Of(System.Text.RegularExpressions.Regex.Unescape(escaped)));
    }
}
