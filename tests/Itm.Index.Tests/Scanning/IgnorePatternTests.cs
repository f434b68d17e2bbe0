using Itm.Index.Scanning;

namespace Itm.Index.Tests.Scanning;

/// <summary>
/// One .itmignore line, parsed and matched as git matches the same .gitignore line (gitignore(5); each case below was
/// checked with <c>git check-ignore</c> 2.39).
/// </summary>
public sealed class IgnorePatternTests
{
    private const bool File = false;
    private const bool Folder = true;

    public static TheoryData<string, string, bool, bool> Cases() => new()
    {
        // No '/' (but a trailing one): the name, at any depth.
        { "*.png", "a.png", File, true },
        { "*.png", "d/e/a.png", File, true },
        { "*.png", "a.png.txt", File, false },
        { "raw", "raw", Folder, true },
        { "raw", "d/raw", File, true },
        { "*", "d/e", File, true },

        // A leading or middle '/' anchors to the rule's folder.
        { "/a.png", "a.png", File, true },
        { "/a.png", "d/a.png", File, false },
        { "d/a.png", "d/a.png", File, true },
        { "d/a.png", "x/d/a.png", File, false },
        { "/*.c", "cat-file.c", File, true },
        { "/*.c", "mozilla-sha1/sha1.c", File, false },
        { "d/*", "d/a", File, true },
        { "d/*", "d/a/b", File, false },

        // A trailing '/': folders only.
        { "raw/", "raw", Folder, true },
        { "raw/", "raw", File, false },
        { "raw/", "x/raw", Folder, true },
        { "/raw/", "x/raw", Folder, false },

        // '?' and brackets: one character, never '/'.
        { "a?c.png", "abc.png", File, true },
        { "a?c.png", "ac.png", File, false },
        { "d/a?c", "d/a/c", File, false },
        { "[a-c].png", "b.png", File, true },
        { "[a-c].png", "d.png", File, false },
        { "[!a-c].png", "d.png", File, true },
        { "[!a-c].png", "b.png", File, false },
        { "[^a].png", "b.png", File, true },
        { "[]].png", "].png", File, true },
        { "[a-].png", "-.png", File, true },
        { "[[:digit:]]x", "1x", File, true },
        { "[[:digit:]]x", "ax", File, false },
        { "d[/]e", "d/e", File, false },

        // Malformed brackets match nothing, as in git (not the literal text).
        { "foo[bar.png", "foo[bar.png", File, false },
        { "[[:nope:]]", "a", File, false },

        // "**" as a whole path part spans folders; elsewhere it is one '*'.
        { "**/raw", "raw", Folder, true },
        { "**/raw", "a/b/raw", Folder, true },
        { "raw/**", "raw/a.png", File, true },
        { "raw/**", "raw/x/y.png", File, true },
        { "raw/**", "raw", Folder, false },
        { "a/**/b.png", "a/b.png", File, true },
        { "a/**/b.png", "a/x/y/b.png", File, true },
        { "a/**/b.png", "a/xb.png", File, false },
        { "a**b.png", "axyb.png", File, true },
        { "x/**y", "x/ay", File, true },
        { "x/**y", "x/a/y", File, false },

        // After a literal head git matches the rest as a pattern of its own, so there "**/" spans folders.
        { "foo**/bar", "fooX/Y/bar", File, true },

        // Escapes.
        { "\\#c", "#c", File, true },
        { "\\!n", "!n", File, true },
        { "\\*.png", "*.png", File, true },
        { "\\*.png", "a.png", File, false },
        { "trail\\ ", "trail ", File, true },
        { "trail  ", "trail", File, true },
        { "trail  ", "trail ", File, false },
        { "a.png\r", "a.png", File, true },

        // Case-sensitive, as git on Linux.
        { "*.PNG", "a.png", File, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_as_git_does(string line, string path, bool isDirectory, bool expected)
    {
        var pattern = IgnorePattern.Parse(line);

        Assert.NotNull(pattern);
        Assert.Equal(expected, pattern.Matches(path, isDirectory));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# a comment")]
    [InlineData("#")]
    [InlineData("!")]
    [InlineData("/")]
    [InlineData("\r")]
    public void Blank_lines_comments_and_empty_rules_are_no_rule(string line) => Assert.Null(IgnorePattern.Parse(line));

    [Fact]
    public void A_leading_bang_negates_and_the_text_keeps_it()
    {
        var pattern = IgnorePattern.Parse("!keep/*.png  ")!;

        Assert.True(pattern.IsNegated);
        Assert.Equal("!keep/*.png", pattern.Text);
        Assert.True(pattern.Matches("keep/a.png", isDirectory: false));
        Assert.False(IgnorePattern.Parse("\\!keep")!.IsNegated);
    }
}
