using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

public sealed class TuxPaintRecipeRules : IDisposable
{
    // A valid 1×1 PNG: the recipe only copies images, but a real file keeps the fixture honest.
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private const string TinySvg = """<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="red"/></svg>""";

    private static readonly string[] FillerAnimals =
    [
        "badger", "camel", "donkey", "eagle", "ferret", "gecko", "heron", "iguana", "jackal", "koala", "lemur", "moose",
        "newt", "otter", "panda", "quail", "rabbit", "salmon", "tapir", "urchin",
    ];

    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Source => _folder.PathOf("stamps");

    [Fact]
    public void Reads_english_lines_prefers_svg_skips_mirrors_drops_boilerplate_and_rescues_file_names()
    {
        // Given stamps with translated descriptions, an SVG+PNG pair, a mirror image, stamps without a .txt and a boilerplate sentence
        WriteCollection();

        // When the recipe runs
        TuxPaintResult result = new TuxPaintRecipe(new TuxPaintOptions(_folder.PathOf("out"), Source, ValCount: 3, TestCount: 4)).Run();
        TuxPaintReport report = result.Report;
        var byId = result.Dataset.Images.ToDictionary(i => i.Id, i => i.Captions.Select(c => c.Raw).ToList());

        // Then the English first line is the caption, cleaned, and no translation leaks in
        Assert.Equal(["A chick inside an egg."], byId["animals/birds/chick.png"]);
        Assert.Equal(["A calculator. 6x7=42"], byId["household/calculator.png"]);
        Assert.DoesNotContain(result.Dataset.Images.SelectMany(i => i.Captions), c => c.Raw.Contains("poussin", StringComparison.Ordinal));

        // and the SVG stands for a stamp shipped as both, the mirror image is no stamp
        Assert.Contains("symbols/balloon.svg", byId.Keys);
        Assert.DoesNotContain("symbols/balloon.png", byId.Keys);
        Assert.DoesNotContain(byId.Keys, k => k.Contains("_mirror", StringComparison.Ordinal));
        Assert.Equal(1, report.PngReplacedBySvg);
        Assert.Equal(1, report.MirrorImagesSkipped);

        // and the sentence five unrelated stamps share is dropped; their names say nothing any other caption does, so they go
        Assert.Equal(5, report.BoilerplateCaptionsDropped);
        Assert.Equal(["a stamp"], report.TopBoilerplate.Select(b => b.Caption));
        Assert.DoesNotContain(result.Dataset.Images.SelectMany(i => i.Captions), c => c.Raw == "A stamp.");
        Assert.All(["misc/anchor.png", "misc/bucket.png", "misc/cactus.png", "misc/dagger.png", "misc/easel.png"],
            id => Assert.Contains(id, report.DroppedStamps));

        // and a stamp without a .txt gets its file name's words when another caption uses them, else it is dropped and counted
        Assert.Equal(["penguin wave"], byId["cartoon/tux/penguin-wave1.png"]);
        Assert.Contains("misc/img0042.png", report.DroppedStamps);
        Assert.DoesNotContain("misc/img0042.png", byId.Keys);
        Assert.Equal(2, report.NoDescriptionFile);
        Assert.Equal(1, report.NoEnglishLine);
        Assert.Equal(1, report.DescriptionsWithoutImage);
        Assert.Equal(1, report.FileNameRescued);

        // and the splits meet their targets, with colour and numbered variants together
        Assert.Equal((3, 4), (report.Val, report.Test));
        Assert.Equal(result.Dataset.Images.Count, report.Train + report.Val + report.Test);
        var splitOf = result.Dataset.Images.ToDictionary(i => i.Id, i => i.Split);
        Assert.Equal(splitOf["food/apple_green.png"], splitOf["food/apple_red.png"]);
        Assert.Equal(splitOf["space/rocket1.png"], splitOf["space/rocket2.png"]);

        // and the files are where dataset.json says, beside the report
        Assert.True(File.Exists(_folder.PathOf("out/images/symbols/balloon.svg")));
        Assert.True(File.Exists(_folder.PathOf("out/dataset.json")));
        Assert.True(File.Exists(_folder.PathOf("out/recipe-report.json")));
    }

    [Fact]
    public void Same_seed_gives_the_same_dataset_json_and_another_seed_another_split()
    {
        WriteCollection();
        string First() => File.ReadAllText(new TuxPaintRecipe(new TuxPaintOptions(_folder.PathOf("a"), Source, ValCount: 3, TestCount: 4)).Run().DatasetPath);

        string first = First();
        string second = First();
        string reseeded = File.ReadAllText(new TuxPaintRecipe(new TuxPaintOptions(_folder.PathOf("b"), Source, Seed: 8, ValCount: 3, TestCount: 4)).Run().DatasetPath);

        Assert.Equal(first, second);
        Assert.NotEqual(first, reseeded);
    }

    [Fact]
    public void A_missing_folder_other_than_the_package_one_is_an_error_not_an_install()
    {
        var recipe = new TuxPaintRecipe(new TuxPaintOptions(_folder.PathOf("out"), _folder.PathOf("nowhere")));
        Assert.Throws<DirectoryNotFoundException>(() => recipe.Run());
    }

    [Fact]
    public void An_output_folder_inside_the_source_is_refused()
    {
        WriteCollection();
        var recipe = new TuxPaintRecipe(new TuxPaintOptions(Path.Combine(Source, "out"), Source));
        Assert.Throws<ArgumentException>(() => recipe.Run());
    }

    [Theory]
    [InlineData("food/apple_green.png", "apple")]
    [InlineData("food/apple_red.svg", "apple")]
    [InlineData("clothes/blue_fedora.svg", "fedora")]
    [InlineData("town/stoplight_03_green.svg", "stoplight")]
    [InlineData("space/rocket5.png", "rocket")]
    [InlineData("food/orange.png", "orange")]
    [InlineData("cartoon/tux/tux-kiss2.png", "tux_kiss")]
    public void Families_ignore_colour_words_and_one_trailing_number(string path, string family) =>
        Assert.Equal(family, TuxPaintRecipe.FamilyOf(path));

    private void WriteCollection()
    {
        Stamp("animals/birds/chick.png", "A  chick inside\tan egg.  \nfr=Un poussin dans un œuf.\nde.utf8=Ein Küken in einem Ei.\n");
        Stamp("household/calculator.png", "A calculator.  6x7=42\nes.utf8=Una calculadora.\n");
        Stamp("animals/birds/penguin.png", "A penguin.\nfr=Un manchot.\n");
        Stamp("cartoon/tux/penguin-wave1.png", null);
        Stamp("misc/img0042.png", null);
        Stamp("misc/translated_only.png", "\nfr=Seulement en français.\n");
        Stamp("symbols/balloon.png", "A red balloon.\n");
        File.WriteAllText(Path.Combine(Source, "symbols/balloon.svg"), TinySvg);
        Stamp("vehicles/dumper.png", "A dumper truck.\n");
        Stamp("vehicles/dumper_mirror.png", null);
        Stamp("food/apple_green.png", "A green apple.\n");
        Stamp("food/apple_red.png", "A red apple.\n");
        Stamp("space/rocket1.png", "A rocket.\n");
        Stamp("space/rocket2.png", "A rocket.\n");
        foreach (string name in new[] { "anchor", "bucket", "cactus", "dagger", "easel" })
            Stamp($"misc/{name}.png", "A stamp.\nfr=Un tampon.\n");
        foreach (string animal in FillerAnimals)
            Stamp($"animals/{animal}.png", $"A {animal} looking around.\n");
        _folder.WriteText("stamps/seasonal/gift.txt", "A gift.\n");
    }

    private void Stamp(string relativePath, string? description)
    {
        string image = Path.Combine(Source, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        File.WriteAllBytes(image, TinyPng);
        if (description is not null)
            File.WriteAllText(Path.ChangeExtension(image, ".txt"), description);
    }
}
