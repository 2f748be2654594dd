using Omm.Engine.Connectors.Dav;

namespace Omm.Engine.Tests.Dav;

public sealed class DavHrefTests
{
    [Theory]
    [InlineData("/alice/friends/a%40b.vcf", "/alice/friends/a@b.vcf")]
    [InlineData("/alice/friends/a@b.vcf", "/alice/friends/a@b.vcf")]
    [InlineData("/alice/friends/caf%c3%a9%20x.vcf", "/alice/friends/caf%C3%A9%20x.vcf")]
    [InlineData("/alice/friends/café x.vcf", "/alice/friends/caf%C3%A9%20x.vcf")]
    [InlineData("http://127.0.0.1:5232/alice/a%2Bb.vcf", "http://127.0.0.1:5232/alice/a%2Bb.vcf")]
    [InlineData("http%3A//127.0.0.1%3A8081/user/calendars/tasks/", "http://127.0.0.1:8081/user/calendars/tasks/")]
    public void Hrefs_spelled_differently_get_one_canonical_spelling(string href, string canonical) =>
        Assert.Equal(canonical, DavHref.Canonical(href));

    [Fact]
    public void Different_uids_keep_different_names_even_when_characters_are_replaced()
    {
        Assert.NotEqual(DavHref.ResourceName("a/b", ".vcf"), DavHref.ResourceName("a_b", ".vcf"));
        Assert.NotEqual(DavHref.ResourceName("a/b", ".vcf"), DavHref.ResourceName("a\\b", ".vcf"));
        Assert.Equal("a_b.vcf", DavHref.ResourceName("a_b", ".vcf"));
        Assert.StartsWith("_hidden-", DavHref.ResourceName(".hidden", ".ics"));
    }

    [Fact]
    public void A_long_uid_is_shortened_with_a_hash()
    {
        var uid = new string('x', 300);
        var name = DavHref.ResourceName(uid, ".ics");
        Assert.True(name.Length <= 124, name);
        Assert.NotEqual(name, DavHref.ResourceName(uid + "y", ".ics"));
    }

    [Theory]
    [InlineData("Kontakte Büro", "kontakte-buro")]
    [InlineData("  Work / Tasks!! ", "work-tasks")]
    [InlineData("東京", "calendar")]
    public void Collection_names_become_ascii_slugs(string name, string slug) =>
        Assert.Equal(slug, DavHref.Slug(name, "calendar"));
}
