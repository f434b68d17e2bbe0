using Itm.Data.Readers;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

/// <summary>The base model's training data: which recipes it unites, which it never may, and how the union is written.</summary>
public sealed class BaseRecipeRules : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_base_recipe_unites_catalogue_recipes_and_never_a_held_out_benchmark_or_an_emoji_set()
    {
        Assert.NotEmpty(BaseTrainingData.Parts);
        Assert.All(BaseTrainingData.Parts, part => Assert.NotNull(RecipeCatalog.Find(part)));
        Assert.Empty(BaseTrainingData.Parts.Intersect(BaseTrainingData.HeldOut, StringComparer.OrdinalIgnoreCase));
        Assert.All(BaseTrainingData.Parts, part => Assert.DoesNotContain("emoji", part, StringComparison.OrdinalIgnoreCase));
        Assert.All(BaseTrainingData.HeldOut, name => Assert.NotNull(RecipeCatalog.Find(name)));
        Assert.DoesNotContain(BaseTrainingData.RecipeName, BaseTrainingData.Parts);
    }

    [Fact]
    public void The_wider_colour_union_keeps_every_base_part_adds_catalogue_recipes_and_never_a_held_out_one()
    {
        var recipe = Assert.IsAssignableFrom<IDatasetRecipe>(RecipeCatalog.Find(BaseTrainingData.ColourRecipeName));

        Assert.Equal(BaseTrainingData.Parts, BaseTrainingData.ColourParts.Take(BaseTrainingData.Parts.Count));
        Assert.Equal(["styled", "furniture"], BaseTrainingData.ColourParts.Skip(BaseTrainingData.Parts.Count));
        Assert.All(BaseTrainingData.ColourParts, part => Assert.NotNull(RecipeCatalog.Find(part)));
        Assert.Empty(BaseTrainingData.ColourParts.Intersect(BaseTrainingData.HeldOut, StringComparer.OrdinalIgnoreCase));
        Assert.Contains("styled, furniture", recipe.Description, StringComparison.Ordinal);
        Assert.Equal(8, BaseTrainingData.Repeats["furniture"]);
    }

    [Fact]
    public void A_model_built_on_a_union_gets_the_unions_report_and_each_parts_named_by_folder()
    {
        _folder.WriteText("base-colour/recipe-report.json", "{\"dataset\":\"base-colour\"}");
        _folder.WriteText("base-colour/styled/recipe-report.json", "{\"dataset\":\"styled\"}");
        _folder.WriteText("base-colour/furniture/recipe-report.json", "{\"dataset\":\"furniture\"}");
        _folder.WriteText("base-colour/furniture/dataset.json", "{}");

        string sources = BaseTrainingData.CopyReports(_folder.PathOf("base-colour"), _folder.PathOf("model"));

        Assert.Equal(["base-colour.json", "furniture.json", "styled.json"], Directory.GetFiles(sources).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("furniture", File.ReadAllText(Path.Combine(sources, "furniture.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_union_keeps_every_image_and_split_prefixes_ids_and_renumbers_sentences()
    {
        string a = WritePart("a", ("cat.svg", Split.Train, ["a cat", "kitten"]), ("dog.svg", Split.Test, ["a dog"]));
        string b = WritePart("b", ("cat.svg", Split.Val, ["a black cat"]));
        string union = Path.Combine(_folder.Root, "dataset.json");

        var parts = DatasetUnion.Write("base", [("a", a), ("b", b)], union);

        Assert.Equal([("a", 2, 3, 1, 0, 1), ("b", 1, 1, 0, 1, 0)], parts.Select(p => (p.Name, p.Images, p.Sentences, p.Train, p.Val, p.Test)));
        CaptionDataset read = KarpathyJson.Read(union);
        Assert.Equal("base", read.Name);
        Assert.Equal(["a/cat.svg", "a/dog.svg", "b/cat.svg"], read.Images.Select(i => i.Id));
        Assert.Equal([Split.Train, Split.Test, Split.Val], read.Images.Select(i => i.Split));
        Assert.Equal([0L, 1, 2, 3], read.Images.SelectMany(i => i.Captions).Select(c => c.SentenceId));
        Assert.Equal(["a cat", "kitten", "a dog", "a black cat"], read.Images.SelectMany(i => i.Captions).Select(c => c.Raw));
        Assert.Equal(Path.Combine(_folder.Root, "b", "images", "cat.svg"), read.Images[2].ImagePath);
        Assert.All(read.Images, image => Assert.True(File.Exists(image.ImagePath), image.ImagePath));
    }

    [Fact]
    public void A_repeated_part_lists_its_training_images_that_many_times_and_its_held_out_images_once()
    {
        string a = WritePart("a", ("cat.svg", Split.Train, ["a cat"]), ("dog.svg", Split.Test, ["a dog"]));
        string b = WritePart("b", ("owl.svg", Split.Train, ["an owl"]));
        string union = Path.Combine(_folder.Root, "dataset.json");

        var parts = DatasetUnion.Write("base", [("a", a), ("b", b)], union, new Dictionary<string, int> { ["a"] = 3 });

        CaptionDataset read = KarpathyJson.Read(union);
        Assert.Equal(["a/cat.svg", "a/dog.svg", "a/cat.svg#2", "a/cat.svg#3", "b/owl.svg"], read.Images.Select(i => i.Id));
        Assert.Equal(3, read.Images.Count(i => i.ImagePath == Path.Combine(_folder.Root, "a", "images", "cat.svg")));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (long)i), read.Images.SelectMany(i => i.Captions).Select(c => c.SentenceId));
        Assert.Equal([("a", 2, 1, 3), ("b", 1, 1, 1)], parts.Select(p => (p.Name, p.Images, p.Train, p.Repeat)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetUnion.Write("base", [("a", a)], union, new Dictionary<string, int> { ["a"] = 0 }));
    }

    [Fact]
    public void Two_parts_of_one_name_are_refused()
    {
        string a = WritePart("a", ("cat.svg", Split.Train, ["a cat"]));

        Assert.Throws<ArgumentException>(() => DatasetUnion.Write("base", [("a", a), ("a", a)], Path.Combine(_folder.Root, "dataset.json")));
    }

    private string WritePart(string name, params (string File, Split Split, string[] Captions)[] images)
    {
        string dir = Path.Combine(_folder.Root, name);
        Directory.CreateDirectory(Path.Combine(dir, "images"));
        long sentence = 0;
        var captioned = images.Select(image =>
        {
            string path = Path.Combine(dir, "images", image.File);
            File.WriteAllText(path, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
            var captions = image.Captions.Select(c => new Caption(sentence++, c, c.Split(' '))).ToList();
            return new CaptionedImage(image.File, path, image.Split, captions);
        }).ToList();
        string json = Path.Combine(dir, "dataset.json");
        KarpathyJson.Write(new CaptionDataset(name, captioned), json);
        return json;
    }
}
