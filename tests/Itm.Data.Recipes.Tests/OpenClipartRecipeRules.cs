using Itm.Data.Readers;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

public sealed class OpenClipartRecipeRules : IDisposable
{
    private static readonly string[] FillerWords =
    [
        "anchor", "bicycle", "candle", "drum", "engine", "feather", "guitar", "hammer", "igloo", "jacket", "kettle", "ladder",
        "mitten", "needle", "orchid", "parrot", "quilt", "rocket", "saddle", "teapot", "umbrella", "violin", "walrus", "yacht",
    ];

    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Source => _folder.PathOf("src");

    private string Out => _folder.PathOf("out");

    [Fact]
    public void Cleans_drops_merges_and_groups_a_hand_written_collection()
    {
        // Given a small collection with one example of every rule, plus plain drawings to fill the splits
        Write("animals/cat_01.svg", SvgFixtures.Svg(
            "Cat by John Smith",
            "A cute cat. See http://example.com/cat or write to john@example.com. Public domain.",
            ["cat", "animal", "John Smith", "hash(0x81)"],
            creator: "John Smith",
            body: SvgFixtures.Rect(1)));
        string[] collection = ["alpha", "beta", "gamma", "delta", "epsilon"];
        for (int i = 0; i < collection.Length; i++)
            Write($"icons/{collection[i]}.svg", SvgFixtures.Svg("Part of the Foo Collection", keywords: [$"{collection[i]} ship"], body: SvgFixtures.Rect(10 + i)));
        Write("icons/zeta.svg", SvgFixtures.Svg("Part of the Foo Collection", body: SvgFixtures.Rect(20)));
        Write("shapes/star.svg", SvgFixtures.Svg("Star", body: """<path d="M 0 0 L 5 5" fill="gold"/>"""));
        Write("signs/gold_star.svg", SvgFixtures.Svg("Gold star", body: """<path   fill="gold"   d="M 0 0 L 5 5" />"""));
        Write("fruit/apple.svg", SvgFixtures.Svg("Apple", body: SvgFixtures.Rect(30)));
        Write("fruit/apple_1.svg", SvgFixtures.Svg("Green apple", body: SvgFixtures.Rect(31)));
        Write("fruit/apple-2.svg", SvgFixtures.Svg("Yellow apple", body: SvgFixtures.Rect(32)));
        Write("plants/red_rose.svg", SvgFixtures.Svg("Red rose", body: SvgFixtures.Rect(40)));
        Write("flowers/rose_drawing.svg", SvgFixtures.Svg("Red rose", body: SvgFixtures.Rect(41)));
        Write("broken.svg", SvgFixtures.Broken);
        Write("misc/image001.svg", SvgFixtures.Svg("image001", body: SvgFixtures.Rect(50)));
        WriteFillers(FillerWords.Length, firstBody: 100);

        // When the recipe runs with small val and test targets
        OpenClipartResult result = new OpenClipartRecipe(new OpenClipartOptions(Out, Source, ValCount: 4, TestCount: 4)).Run();
        OpenClipartReport report = result.Report;
        var byId = result.Dataset.Images.ToDictionary(i => i.Id);
        var allText = result.Dataset.Images.SelectMany(i => i.Captions).Select(c => c.Raw).ToList();

        // Then the unparsable file is counted, not fatal
        Assert.Equal(1, report.Unparsable);
        Assert.Equal(["broken.svg"], report.UnparsableFiles);

        // and the author, URL, e-mail, licence text and export artifacts are gone from the cat's captions
        Assert.Equal(["Cat", "A cute cat", "cat, animal"], Raw(byId["animals/cat_01.svg"]));
        Assert.DoesNotContain(allText, t => t.Contains("http", StringComparison.Ordinal) || t.Contains('@') || t.Contains("Smith", StringComparison.Ordinal)
            || t.Contains("hash", StringComparison.OrdinalIgnoreCase) || t.Contains("domain", StringComparison.OrdinalIgnoreCase));

        // and the collection title is dropped as boilerplate, keeping drawings that have other captions
        Assert.DoesNotContain(allText, t => t.Contains("Foo Collection", StringComparison.Ordinal));
        Assert.Equal(["alpha ship"], Raw(byId["icons/alpha.svg"]));
        Assert.False(byId.ContainsKey("icons/zeta.svg"));
        Assert.Equal(1, report.NoCaptionAfterBoilerplate);
        Assert.Contains(report.TopBoilerplate, b => b.Caption == "part of the foo collection" && b.Families == 6);

        // and the two copies of the star are one image with both titles
        Assert.Equal(1, report.DuplicateFilesMerged);
        Assert.Equal(["Star", "Gold star"], Raw(byId["shapes/star.svg"]));
        Assert.False(byId.ContainsKey("signs/gold_star.svg"));

        // and the file-name-only drawing has no caption and is dropped
        Assert.False(byId.ContainsKey("misc/image001.svg"));
        Assert.Equal(1, report.NoCaptionAfterCleaning);

        // and near-duplicates (numbered file names; equal titles) share a split
        Assert.Single(new[] { "fruit/apple.svg", "fruit/apple_1.svg", "fruit/apple-2.svg" }.Select(id => byId[id].Split).Distinct());
        Assert.Equal(byId["plants/red_rose.svg"].Split, byId["flowers/rose_drawing.svg"].Split);

        // and the splits meet their targets, the SVGs are copied and the dataset reads back
        Assert.Equal((4, 4), (report.Val, report.Test));
        Assert.Equal(report.ImagesKept - 8, report.Train);
        Assert.True(File.Exists(Path.Combine(Out, "images", "animals", "cat_01.svg")));
        Assert.True(File.Exists(Path.Combine(Out, "recipe-report.json")));
        CaptionDataset reread = KarpathyJson.Read(result.DatasetPath);
        Assert.Equal("openclipart", reread.Name);
        Assert.Equal(result.Dataset.Images.Select(i => (i.Id, i.ImagePath, i.Split)), reread.Images.Select(i => (i.Id, i.ImagePath, i.Split)));
    }

    [Fact]
    public void Split_sizes_are_exact_for_distinct_drawings_and_fixed_by_the_seed()
    {
        WriteFillers(FillerWords.Length, firstBody: 0);

        OpenClipartResult first = new OpenClipartRecipe(new OpenClipartOptions(Out, Source, Seed: 3, ValCount: 5, TestCount: 7)).Run();
        byte[] firstJson = File.ReadAllBytes(first.DatasetPath);
        OpenClipartResult again = new OpenClipartRecipe(new OpenClipartOptions(_folder.PathOf("again"), Source, Seed: 3, ValCount: 5, TestCount: 7)).Run();
        OpenClipartResult otherSeed = new OpenClipartRecipe(new OpenClipartOptions(_folder.PathOf("other"), Source, Seed: 4, ValCount: 5, TestCount: 7)).Run();

        Assert.Equal((FillerWords.Length - 12, 5, 7), (first.Report.Train, first.Report.Val, first.Report.Test));
        Assert.Equal(firstJson, File.ReadAllBytes(again.DatasetPath));
        Assert.NotEqual(first.Dataset.Images.Select(i => i.Split), otherSeed.Dataset.Images.Select(i => i.Split));
    }

    [Fact]
    public void A_missing_custom_source_folder_is_an_error_not_an_install()
    {
        var options = new OpenClipartOptions(Out, _folder.PathOf("nowhere"));

        Assert.Throws<DirectoryNotFoundException>(() => new OpenClipartRecipe(options).Run());
    }

    [Fact]
    public void The_output_folder_may_not_lie_inside_the_source()
    {
        WriteFillers(2, firstBody: 0);

        Assert.Throws<ArgumentException>(() => new OpenClipartRecipe(new OpenClipartOptions(Path.Combine(Source, "out"), Source)).Run());
    }

    private void Write(string relative, string svg) => _folder.WriteText(Path.Combine("src", relative), svg);

    private void WriteFillers(int count, int firstBody)
    {
        for (int i = 0; i < count; i++)
            Write($"things/{FillerWords[i]}_drawing.svg", SvgFixtures.Svg($"The {FillerWords[i]}", keywords: [FillerWords[i]], body: SvgFixtures.Rect(firstBody + i)));
    }

    private static string[] Raw(CaptionedImage image) => image.Captions.Select(c => c.Raw).ToArray();
}
