using System.Text.Json;
using Itm.Index.Scanning;
using Itm.Search.Tests.Fixtures;

namespace Itm.Cli.Tests;

/// <summary>
/// <c>itm index</c> with ignore rules, end to end on the tiny model and images: an .itmignore added to an indexed
/// folder, and <c>--exclude</c> for one run, take images out of the index and out of every search.
/// </summary>
[Collection("Sequential")]
public sealed class IgnoreRulesCommandTests() : TinyIndexWorkspace("itm-cli-ignore-")
{
    [Fact]
    public void An_itmignore_and_an_exclude_take_images_out_of_the_index_and_its_searches()
    {
        // Given the tiny folder indexed: 13 readable images under shapes/, more/ and copies/
        var first = Index();
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(13, SearchedPaths().Count);

        // When an .itmignore leaves out more/ and the folder is indexed again
        File.WriteAllText(Path.Combine(images, IgnoreRules.FileName), "# the small ones\nmore/\n");
        var ignored = Index();

        // Then its 6 images are out of the index and its searches, and the run says so
        Assert.True(ignored.ExitCode == 0, ignored.Output);
        Assert.Contains("left out 0 images and 1 folder (not entered); removed from the index as now ignored: 6 images.", ignored.Output);
        Assert.Equal(7, SearchedPaths().Count);
        Assert.DoesNotContain(SearchedPaths(), path => path.StartsWith("more/", StringComparison.Ordinal));

        // When --exclude leaves out the copy for one run
        var excluded = Index("--exclude", "copies/*.png");
        Assert.True(excluded.ExitCode == 0, excluded.Output);
        Assert.Contains("left out 1 image and 1 folder (not entered); removed from the index as now ignored: 1 image.", excluded.Output);
        Assert.DoesNotContain(TinyImages.Copy, SearchedPaths());

        // Then a run without it indexes the copy again
        var back = Index();
        Assert.True(back.ExitCode == 0, back.Output);
        Assert.Contains("1 embedded", back.Output);
        Assert.Contains(TinyImages.Copy, SearchedPaths());
    }

    [Fact]
    public void An_exclude_that_matches_nothing_is_bad_usage()
    {
        var (code, output) = Index("--exclude", "# drafts");

        Assert.Equal(2, code);
        Assert.Contains("--exclude \"# drafts\" matches nothing", output);
        Assert.False(Directory.Exists(db));
    }

    [Fact]
    public void The_help_explains_exclude_and_itmignore()
    {
        var (_, output) = CliRunner.Run("index", "--help");

        Assert.Contains("--exclude <GLOB>", output);
        Assert.Contains(".itmignore", output);
    }

    /// <summary>The relative path of every image a search can return, best first.</summary>
    private List<string> SearchedPaths()
    {
        var (code, output) = CliRunner.Run("search", "--db", db, "a red square", "-k", "50", "--json");
        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(result => result.GetProperty("relativePath").GetString()!)];
    }
}
