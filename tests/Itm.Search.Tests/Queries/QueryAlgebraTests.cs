using Itm.Data.Recipes;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Search.Tests.Queries;

/// <summary>
/// Query algebra on synthetic scenes whose vectors are known by construction (<see cref="SceneIndex"/>): each
/// assertion is a ranking the arithmetic of the query decides, and that ignoring a sign, a weight or a term would break.
/// </summary>
[Collection("Sequential")]
public sealed class QueryAlgebraTests : IClassFixture<SceneIndex>
{
    private readonly SceneIndex scenes;

    public QueryAlgebraTests(SceneIndex scenes)
    {
        this.scenes = scenes;
    }

    [Fact]
    public void Subtracting_a_word_ranks_images_without_it_above_images_with_it()
    {
        var ranked = SearchAll("red -circle");

        // red without a circle scores 1, red with a circle 1 - 1 = 0, a circle without red -1, neither 0.
        AssertAbove(ranked, words => words.Contains("red") && !words.Contains("circle"), words => words.Contains("circle"));
        AssertAbove(ranked, words => words.Contains("red") && !words.Contains("circle"), words => !words.Contains("red"));
        AssertAbove(ranked, words => !words.Contains("circle"), words => words.Contains("circle") && !words.Contains("red"));
    }

    [Fact]
    public void Adding_the_same_word_instead_reverses_that_order()
    {
        var ranked = SearchAll("red +circle");

        AssertAbove(ranked, words => words.Contains("red") && words.Contains("circle"), words => words.Contains("red") != words.Contains("circle"));
    }

    [Fact]
    public void The_heavier_word_wins()
    {
        static bool RedOnly(HashSet<string> words) => words.Contains("red") && !words.Contains("square");
        static bool SquareOnly(HashSet<string> words) => words.Contains("square") && !words.Contains("red");

        AssertAbove(SearchAll("2:red square"), RedOnly, SquareOnly);
        AssertAbove(SearchAll("red 2:square"), SquareOnly, RedOnly);
    }

    [Fact]
    public void An_image_and_a_word_together_rank_images_that_have_the_word_and_share_something_with_the_image_first()
    {
        // A scene with a twin (the same colours and shapes, rearranged), and a colour it doesn't have.
        var source = scenes.Scenes.First(s => s.Index + 1 < scenes.Scenes.Count && scenes.Scenes[s.Index + 1].TwinOf == s.Index);
        var own = SceneIndex.WordsOf(source);
        string colour = Enum.GetValues<SceneColour>().Select(SceneWords.Of).First(c => !own.Contains(c));
        var image = ImageReference.File(scenes.PathOf(source));
        bool HasColour(HashSet<string> words) => words.Contains(colour);
        bool ColourAndShared(HashSet<string> words) => HasColour(words) && words.Overlaps(own);

        // colour + 0.5·image scores (has the colour)/2 + (words shared with the image)/8: the colour and a shared word
        // make at least 5/8; the colour alone 4/8, and no colour at most 4/8 (the twin shares all four words).
        var light = SearchAll(colour, image, 0.5);
        Assert.Contains(light, m => SceneIndex.WordsOf(scenes.SceneOf(m)) is var words && HasColour(words) && !words.Overlaps(own));
        AssertAbove(light, ColourAndShared, words => !ColourAndShared(words));
        Assert.DoesNotContain(light, m => scenes.SceneOf(m).Index == source.Index);

        // colour + 4·image scores (has the colour)/2 + (words shared): the twin 4, an image with the colour 3.5 at most.
        var heavy = SearchAll(colour, image, 4);
        Assert.True(own.SetEquals(SceneIndex.WordsOf(scenes.SceneOf(heavy[0]))), $"expected a twin of scene {source.Index} first");
        Assert.DoesNotContain(heavy, m => scenes.SceneOf(m).Index == source.Index);
    }

    private List<ImageMatch> SearchAll(string text, ImageReference? image = null, double imageWeight = 1)
    {
        using var service = scenes.Open();
        return [.. service.Search(QueryExpression.Parse(text, image, imageWeight), scenes.Scenes.Count)];
    }

    /// <summary>Every image whose words pass <paramref name="higher"/> scores strictly above every one passing <paramref name="lower"/> (both exist).</summary>
    private void AssertAbove(List<ImageMatch> ranked, Func<HashSet<string>, bool> higher, Func<HashSet<string>, bool> lower)
    {
        var high = ranked.Where(m => higher(SceneIndex.WordsOf(scenes.SceneOf(m)))).ToList();
        var low = ranked.Where(m => lower(SceneIndex.WordsOf(scenes.SceneOf(m)))).ToList();
        Assert.NotEmpty(high);
        Assert.NotEmpty(low);
        float lowest = high.Min(m => m.Score);
        float highest = low.Max(m => m.Score);
        Assert.True(lowest > highest + 1e-4f,
            $"lowest of the first group {lowest:F3} ({high.MinBy(m => m.Score)!.RelativePath}) is not above the highest of the second {highest:F3} ({low.MaxBy(m => m.Score)!.RelativePath})");
    }
}
