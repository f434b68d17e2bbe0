using Itm.Data.Readers;
using Itm.Data.Relevance;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

public sealed class SyntheticRecipeOutput : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private SyntheticOptions Small(string folder, int seed = 7) =>
        new(_folder.PathOf(folder), ImageCount: 40, ValCount: 6, TestCount: 8, Seed: seed, ImageSize: 32, CaptionsPerImage: 3);

    [Fact]
    public void Writes_the_requested_counts_and_reads_back()
    {
        SyntheticResult result = new SyntheticRecipe(Small("a")).Run();

        Assert.Equal((40, 26, 6, 8), (result.Report.Images, result.Report.Train, result.Report.Val, result.Report.Test));
        Assert.Equal(120, result.Report.Sentences);
        CaptionDataset dataset = KarpathyJson.Read(result.DatasetPath);
        Assert.Equal("synthetic", dataset.Name);
        Assert.Equal(40, dataset.Images.Count);
        Assert.All(dataset.Images, image => Assert.Equal(3, image.Captions.Count));
        Assert.All(dataset.Images, image => Assert.True(new FileInfo(image.ImagePath).Length > 0));
        Assert.Equal("00000.png", Path.GetFileName(dataset.Images[0].ImagePath));
        // scenes.json is what the exact relevance reads: every scene, with its objects' words in layout order
        string scenes = Assert.IsType<string>(SceneFacts.BesideDataset(result.DatasetPath));
        Assert.Equal(
            result.Scenes.Select(s => (s.Index, s.Axis, string.Join(";", s.Objects.Select(o => $"{SceneWords.Of(o.Size)} {SceneWords.Of(o.Colour)} {SceneWords.Of(o.Shape)}")))),
            SceneFacts.Read(scenes).Select(s => (s.Index, s.Axis, string.Join(";", s.Objects.Select(o => $"{o.Size} {o.Colour} {o.Shape}")))));
    }

    [Fact]
    public void Same_seed_gives_a_byte_identical_dataset_and_another_seed_does_not()
    {
        SyntheticResult first = new SyntheticRecipe(Small("a")).Run();
        SyntheticResult second = new SyntheticRecipe(Small("b")).Run();
        SyntheticResult other = new SyntheticRecipe(Small("c", seed: 8)).Run();

        Assert.Equal(File.ReadAllBytes(first.DatasetPath), File.ReadAllBytes(second.DatasetPath));
        Assert.Equal(File.ReadAllBytes(first.Dataset.Images[5].ImagePath), File.ReadAllBytes(second.Dataset.Images[5].ImagePath));
        Assert.NotEqual(File.ReadAllBytes(first.DatasetPath), File.ReadAllBytes(other.DatasetPath));
    }

    [Fact]
    public void A_scene_and_its_twin_share_a_split()
    {
        SyntheticResult result = new SyntheticRecipe(Small("a")).Run();

        var twins = result.Scenes.Where(s => s.TwinOf is not null).ToList();
        Assert.NotEmpty(twins);
        Assert.All(twins, t => Assert.Equal(result.Dataset.Images[t.TwinOf!.Value].Split, result.Dataset.Images[t.Index].Split));
    }

    [Fact]
    public void A_smaller_rerun_removes_the_images_it_no_longer_writes()
    {
        new SyntheticRecipe(Small("a")).Run();
        new SyntheticRecipe(Small("a") with { ImageCount = 20, ValCount = 2, TestCount = 2 }).Run();

        Assert.Equal(20, Directory.GetFiles(Path.Combine(_folder.PathOf("a"), "images"), "*.png").Length);
    }

    [Theory]
    [InlineData(10, 6, 6)]
    [InlineData(10, -1, 0)]
    public void Rejects_impossible_counts(int images, int val, int test)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SyntheticRecipe(new SyntheticOptions(_folder.Root, images, val, test)).Run());
    }
}
