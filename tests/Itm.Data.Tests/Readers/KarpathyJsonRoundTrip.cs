using System.Text.Json;
using Itm.Data.Readers;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Tests.Readers;

public sealed class KarpathyJsonRoundTrip : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Write_then_read_gives_the_same_dataset()
    {
        // Given a dataset read from the fixture
        string source = _folder.WriteText("dataset.json", ReaderFixtures.KarpathyJson);
        _folder.AddImages(ReaderFixtures.KarpathyImages);
        CaptionDataset original = KarpathyJson.Read(source);

        // When it is written next to the images and read back
        string copy = _folder.PathOf("copy.json");
        KarpathyJson.Write(original, copy);
        CaptionDataset reread = KarpathyJson.Read(copy);

        // Then everything survives (restval has become train)
        Assert.Equal(original.Name, reread.Name);
        Assert.Equal(original.Images.Count, reread.Images.Count);
        for (int i = 0; i < original.Images.Count; i++)
        {
            CaptionedImage a = original.Images[i];
            CaptionedImage b = reread.Images[i];
            Assert.Equal((a.Id, a.ImagePath, a.Split), (b.Id, b.ImagePath, b.Split));
            Assert.Equal(a.Captions.Select(c => (c.SentenceId, c.Raw, string.Join('|', c.Tokens))),
                b.Captions.Select(c => (c.SentenceId, c.Raw, string.Join('|', c.Tokens))));
        }
    }

    [Fact]
    public void Writes_relative_paths_lower_case_splits_tokens_and_numeric_ids()
    {
        _folder.AddImages("imgs/sub/a.png", "b.png");
        var dataset = new CaptionDataset("w",
        [
            new CaptionedImage("42", _folder.PathOf("imgs/sub/a.png"), Split.Val, [new Caption(3, "Héllo there", ["héllo", "there"])]),
            new CaptionedImage("007", _folder.PathOf("b.png"), Split.Train, [new Caption(4, "x y", ["x", "y"])]),
        ]);
        string path = _folder.PathOf("out.json");

        KarpathyJson.Write(dataset, path);

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement first = document.RootElement.GetProperty("images")[0];
        Assert.Equal("imgs/sub", first.GetProperty("filepath").GetString());
        Assert.Equal("a.png", first.GetProperty("filename").GetString());
        Assert.Equal("val", first.GetProperty("split").GetString());
        Assert.Equal(42, first.GetProperty("imgid").GetInt64());
        Assert.Equal(["héllo", "there"], first.GetProperty("sentences")[0].GetProperty("tokens").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("Héllo", File.ReadAllText(path), StringComparison.Ordinal); // not \u00e9-escaped
        JsonElement second = document.RootElement.GetProperty("images")[1];
        Assert.Equal("007", second.GetProperty("imgid").GetString()); // would read back as "7" if written as a number
        Assert.Equal("", second.GetProperty("filepath").GetString());
    }

    [Fact]
    public void Write_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        _folder.AddImages("a.png");
        var dataset = new CaptionDataset("w", [new CaptionedImage("1", _folder.PathOf("a.png"), Split.Test, [new Caption(0, "a cat", ["a", "cat"])])]);
        string path = _folder.WriteText("out.json", "old content");

        KarpathyJson.Write(dataset, path);

        Assert.Single(Directory.GetFiles(_folder.Root, "*.json"));
        Assert.Empty(Directory.GetFiles(_folder.Root, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(_folder.Root, ".*")));
        Assert.Single(KarpathyJson.Read(path).Images);
    }

    [Fact]
    public void Images_outside_the_json_folder_need_an_images_root()
    {
        _folder.AddImages("pictures/a.png");
        var dataset = new CaptionDataset("w", [new CaptionedImage("1", _folder.PathOf("pictures/a.png"), Split.Test, [new Caption(0, "a cat", ["a", "cat"])])]);
        string path = _folder.PathOf("meta/out.json");

        var error = Assert.Throws<ArgumentException>(() => KarpathyJson.Write(dataset, path));
        Assert.Contains("imagesRoot", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));

        KarpathyJson.Write(dataset, path, imagesRoot: _folder.PathOf("pictures"));
        CaptionDataset reread = KarpathyJson.Read(path, new DatasetReadOptions { ImagesRoot = _folder.PathOf("pictures") });
        Assert.Equal(_folder.PathOf("pictures/a.png"), reread.Images[0].ImagePath);
    }
}
