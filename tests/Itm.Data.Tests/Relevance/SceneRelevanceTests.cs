using Itm.Data.Relevance;

namespace Itm.Data.Tests.Relevance;

/// <summary>Which scenes a sentence is true of: every sentence form, checked against scenes worked out by hand.</summary>
public sealed class SceneRelevanceTests : IDisposable
{
    // A red circle left of a blue square; its colour-swapped twin; the same pair stacked; a lone red circle; a row of three.
    private static readonly SceneFacts RedLeftOfBlue = Scene(0, SceneAxis.Horizontal, "large red circle", "small blue square");
    private static readonly SceneFacts Swapped = Scene(1, SceneAxis.Horizontal, "large blue circle", "small red square");
    private static readonly SceneFacts RedAboveBlue = Scene(2, SceneAxis.Vertical, "large red circle", "small blue square");
    private static readonly SceneFacts LoneRed = Scene(3, SceneAxis.Horizontal, "small red circle");
    private static readonly SceneFacts Row = Scene(4, SceneAxis.Horizontal, "small green star", "large red circle", "small blue square");
    private static readonly SceneFacts[] All = [RedLeftOfBlue, Swapped, RedAboveBlue, LoneRed, Row];
    private static readonly SceneLexicon Words = SceneLexicon.Of(All);

    private readonly string folder = Directory.CreateTempSubdirectory("itm-scenes-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("a red circle left of a blue square", new[] { 0, 4 })]
    [InlineData("a red circle is to the left of a blue square", new[] { 0, 4 })]
    [InlineData("the blue square is right of the red circle", new[] { 0, 4 })]
    [InlineData("a blue square has a red circle to its left", new[] { 0, 4 })]
    [InlineData("a blue square with a red circle to its right", new int[0])]
    [InlineData("a large red circle sits over a small blue square", new[] { 2 })]
    [InlineData("a small blue square beneath a red circle", new[] { 2 })]
    [InlineData("a blue circle left of a red square", new[] { 1 })]
    [InlineData("a small red circle left of a blue square", new int[0])]
    [InlineData("a red circle", new[] { 0, 2, 3, 4 })]
    [InlineData("a single red circle", new[] { 3 })]
    [InlineData("there is a small red circle on a plain background", new[] { 3 })]
    [InlineData("a circle", new[] { 0, 1, 2, 3, 4 })]
    [InlineData("a red circle and a blue square", new[] { 0, 2, 4 })]
    [InlineData("from left to right: a green star, a red circle and a blue square", new[] { 4 })]
    [InlineData("from left to right: a red circle, a green star and a blue square", new int[0])]
    [InlineData("from top to bottom: a green star, a red circle and a blue square", new int[0])]
    [InlineData("a red circle between a blue square and a green star", new[] { 4 })]
    [InlineData("a green star between a red circle and a blue square", new int[0])]
    [InlineData("a green star left of a red circle, which is left of a blue square", new[] { 4 })]
    [InlineData("a blue square right of a red circle, which is right of a green star", new[] { 4 })]
    [InlineData("a green star left of a blue square", new[] { 4 })]
    public void A_sentence_is_true_of_the_scenes_that_show_it(string sentence, int[] expected)
    {
        var claim = SceneSentence.Parse(sentence, Words);
        Assert.NotNull(claim);
        Assert.Equal(expected, All.Where(claim.IsTrueOf).Select(s => s.Index));
    }

    [Theory]
    [InlineData("a picture")]
    [InlineData("a red thing")]
    [InlineData("a red circle on the left")]
    [InlineData("a red circle left of")]
    [InlineData("a red circle left of a blue square and a green star")]
    public void A_sentence_it_cannot_read_gives_no_claim(string sentence) => Assert.Null(SceneSentence.Parse(sentence, Words));

    [Fact]
    public void Each_sentence_is_relevant_to_the_images_whose_scene_it_is_true_of_and_always_its_own()
    {
        // Given images 0, 1, 3 (ids are scene indexes), captioned; "a picture" cannot be read
        var images = new[]
        {
            Image("0", "a red circle left of a blue square", "a picture"),
            Image("1", "a blue circle left of a red square"),
            Image("3", "a red circle"),
        };

        int[][] relevant = SceneRelevance.RelevantImages(images, All);

        Assert.Equal([[0], [0], [1], [0, 2]], relevant);
    }

    [Fact]
    public void An_image_without_a_scene_is_an_error_naming_it()
    {
        var e = Assert.Throws<InvalidDataException>(() => SceneRelevance.RelevantImages([Image("9", "a red circle")], All));
        Assert.Contains("'9'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenes_file_is_read_with_its_words_and_axis_and_a_bad_one_names_the_file()
    {
        string path = Path.Combine(folder, SceneFacts.FileName);
        File.WriteAllText(path, """
            [{"index": 5, "objects": [{"shape": "star", "colour": "green", "size": "small", "x": 0.2, "y": 0.5, "radius": 0.1},
                                      {"shape": "circle", "colour": "red", "size": "large", "x": 0.7, "y": 0.5, "radius": 0.2}],
              "axis": "horizontal", "background": {"r": 255, "g": 255, "b": 255}}]
            """);
        var scene = Assert.Single(SceneFacts.Read(path));
        Assert.Equal((5, SceneAxis.Horizontal), (scene.Index, scene.Axis));
        Assert.Equal([new("star", "green", "small"), new SceneObjectFacts("circle", "red", "large")], scene.Objects);
        Assert.Equal(path, SceneFacts.BesideDataset(Path.Combine(folder, "dataset.json")));

        File.WriteAllText(path, """[{"index": 5, "objects": [], "axis": "horizontal"}]""");
        var e = Assert.Throws<InvalidDataException>(() => SceneFacts.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("scene 5", e.Message, StringComparison.Ordinal);
        File.WriteAllText(path, "{not json");
        Assert.Contains(path, Assert.Throws<InvalidDataException>(() => SceneFacts.Read(path)).Message, StringComparison.Ordinal);
    }

    private static SceneFacts Scene(int index, SceneAxis axis, params string[] objects) =>
        new(index, [.. objects.Select(o => o.Split(' ')).Select(w => new SceneObjectFacts(w[2], w[1], w[0]))], axis);

    private static CaptionedImage Image(string id, params string[] captions) =>
        new(id, $"images/{id}.png", Split.Test, [.. captions.Select((c, i) => new Caption(i, c, Itm.Data.Text.Tokenizer.Tokenize(c)))]);
}
