using System.Text;
using Itm.Data.Readers;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Tests.Readers;

public sealed class KarpathyJsonReading : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_every_image_with_its_own_number_of_captions()
    {
        // Given the tiny Karpathy file and its images
        string json = _folder.WriteText("data/dataset.json", ReaderFixtures.KarpathyJson);
        _folder.AddImages(ReaderFixtures.KarpathyImages.Select(p => "data/" + p).ToArray());

        // When it is read
        CaptionDataset dataset = KarpathyJson.Read(json);

        // Then names, ids, paths, splits and caption counts come through
        Assert.Equal("tiny", dataset.Name);
        Assert.Equal(["0", "1", "img-c"], dataset.Images.Select(i => i.Id));
        Assert.Equal(_folder.PathOf("data/val2014/a.png"), dataset.Images[0].ImagePath);
        Assert.Equal(_folder.PathOf("data/b.png"), dataset.Images[1].ImagePath);
        Assert.Equal([3, 1, 1], dataset.Images.Select(i => i.Captions.Count));
        Assert.Equal([Split.Val, Split.Train, Split.Test], dataset.Images.Select(i => i.Split));
        Assert.Equal(5, dataset.SentenceCount);
    }

    [Fact]
    public void Restval_counts_as_train()
    {
        string json = _folder.WriteText("dataset.json", ReaderFixtures.KarpathyJson);
        _folder.AddImages(ReaderFixtures.KarpathyImages);

        CaptionDataset dataset = KarpathyJson.Read(json);

        Assert.Equal(Split.Train, dataset.Images.Single(i => i.Id == "1").Split);
    }

    [Fact]
    public void Keeps_given_tokens_and_sentence_ids_and_tokenizes_when_tokens_are_missing()
    {
        string json = _folder.WriteText("dataset.json", ReaderFixtures.KarpathyJson);
        _folder.AddImages(ReaderFixtures.KarpathyImages);

        IReadOnlyList<Caption> captions = KarpathyJson.Read(json).Images[0].Captions;

        Assert.Equal([10L, 11L, 12L], captions.Select(c => c.SentenceId));
        Assert.Equal(["red", "round", "thing"], captions[2].Tokens);
        Assert.Equal(["circle", "red"], captions[1].Tokens);
        Assert.Equal("Circle, red!", captions[1].Raw);
    }

    [Fact]
    public void Assigns_missing_sentence_ids_after_the_largest_given_one()
    {
        _folder.AddImages("a.png");
        string json = _folder.WriteText("d.json", """
            {"images":[{"filename":"a.png","imgid":1,"split":"train","sentences":[
              {"raw":"one","sentid":5},{"raw":"two"},{"raw":"three"}]}]}
            """);

        CaptionDataset dataset = KarpathyJson.Read(json);

        Assert.Equal([5L, 6L, 7L], dataset.Images[0].Captions.Select(c => c.SentenceId));
        Assert.Equal("d", dataset.Name); // no "dataset" field: the file name
    }

    [Fact]
    public void ImagesRoot_replaces_the_folder_of_the_json()
    {
        string json = _folder.WriteText("annotations/dataset.json", ReaderFixtures.KarpathyJson);
        _folder.AddImages(ReaderFixtures.KarpathyImages.Select(p => "pictures/" + p).ToArray());

        CaptionDataset dataset = KarpathyJson.Read(json, new DatasetReadOptions { ImagesRoot = _folder.PathOf("pictures") });

        Assert.Equal(_folder.PathOf("pictures/val2014/a.png"), dataset.Images[0].ImagePath);
    }

    [Fact]
    public void Image_existence_check_can_be_turned_off()
    {
        string json = _folder.WriteText("dataset.json", ReaderFixtures.KarpathyJson);

        CaptionDataset dataset = KarpathyJson.Read(json, new DatasetReadOptions { CheckImagesExist = false });

        Assert.Equal(3, dataset.Images.Count);
    }

    [Fact]
    public void Streams_files_larger_than_its_buffer_and_elements_larger_than_its_buffer()
    {
        // Given 3,000 images (~400 KB of JSON) whose last image alone has 2,000 sentences (~100 KB)
        var json = new StringBuilder("{\"dataset\":\"big\",\"images\":[");
        for (int i = 0; i < 3000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append($"{{\"filename\":\"{i}.png\",\"imgid\":{i},\"split\":\"train\",\"sentences\":[");
            int sentences = i == 2999 ? 2000 : 1;
            for (int s = 0; s < sentences; s++)
            {
                json.Append(s == 0 ? "" : ",").Append($"{{\"raw\":\"image {i} sentence {s} with some words\",\"sentid\":{(i * 10000) + s}}}");
            }

            json.Append("]}");
        }

        string path = _folder.WriteText("big.json", json.Append("]}").ToString());

        // When it is read without image checks
        CaptionDataset dataset = KarpathyJson.Read(path, new DatasetReadOptions { CheckImagesExist = false });

        // Then nothing is lost at buffer boundaries
        Assert.Equal(3000, dataset.Images.Count);
        Assert.Equal(2999 + 2000, dataset.SentenceCount);
        Assert.Equal("image 2999 sentence 1999 with some words", dataset.Images[^1].Captions[^1].Raw);
    }

    [Fact]
    public void Accepts_a_utf8_byte_order_mark()
    {
        _folder.AddImages(ReaderFixtures.KarpathyImages);
        string path = _folder.PathOf("bom.json");
        File.WriteAllText(path, ReaderFixtures.KarpathyJson, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal(3, KarpathyJson.Read(path).Images.Count);
    }

    [Fact]
    public void Report_is_empty_when_nothing_was_skipped()
    {
        string json = _folder.WriteText("dataset.json", ReaderFixtures.KarpathyJson);
        _folder.AddImages(ReaderFixtures.KarpathyImages);

        DatasetReadResult result = KarpathyJson.ReadWithReport(json);

        Assert.True(result.Report.IsEmpty);
        Assert.Equal("nothing skipped", result.Report.ToString());
    }
}
