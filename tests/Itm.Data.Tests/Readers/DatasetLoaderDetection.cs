using Itm.Data.Readers;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Tests.Readers;

public sealed class DatasetLoaderDetection : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_json_with_sentences_is_karpathy()
    {
        string json = _folder.WriteText("k/dataset.json", ReaderFixtures.KarpathyJson);
        _folder.AddImages(ReaderFixtures.KarpathyImages.Select(p => "k/" + p).ToArray());

        Assert.Equal(DatasetFormat.KarpathyJson, DatasetLoader.Detect(json));
        Assert.Equal("tiny", DatasetLoader.Load(json).Name);
    }

    [Fact]
    public void A_coco_captions_file_loads_as_one_split_with_images_found_beside_the_annotations_folder()
    {
        string json = _folder.WriteText("coco/annotations/captions_val2014.json", ReaderFixtures.CocoValCaptions);
        _folder.AddImages("coco/val2014/COCO_val_9.png");

        Assert.Equal(DatasetFormat.CocoCaptions, DatasetLoader.Detect(json));
        CaptionDataset dataset = DatasetLoader.Load(json);
        Assert.Equal(Split.Test, dataset.Images.Single().Split);
        Assert.Equal(_folder.PathOf("coco/val2014/COCO_val_9.png"), dataset.Images[0].ImagePath);
        Assert.Equal(Split.Val, DatasetLoader.Load(json, new DatasetReadOptions { CocoFileSplit = Split.Val }).Images[0].Split);
    }

    [Fact]
    public void A_coco_file_with_annotations_first_is_still_coco()
    {
        string json = _folder.WriteText("c.json", """{"annotations":[{"image_id":9,"id":1,"caption":"x y"}],"images":[{"id":9,"file_name":"COCO_val_9.png"}]}""");

        Assert.Equal(DatasetFormat.CocoCaptions, DatasetLoader.Detect(json));
    }

    [Fact]
    public void A_folder_or_file_named_captions_jsonl_is_jsonl()
    {
        _folder.WriteText("shapes/captions.jsonl", ReaderFixtures.CaptionsJsonl);
        _folder.AddImages(ReaderFixtures.JsonlImages.Select(p => "shapes/" + p).ToArray());

        Assert.Equal(DatasetFormat.CaptionsJsonl, DatasetLoader.Detect(_folder.PathOf("shapes")));
        Assert.Equal(DatasetFormat.CaptionsJsonl, DatasetLoader.Detect(_folder.PathOf("shapes/captions.jsonl")));
        Assert.Equal(2, DatasetLoader.Load(_folder.PathOf("shapes")).Images.Count);
        Assert.Equal(2, DatasetLoader.Load(_folder.PathOf("shapes/captions.jsonl")).Images.Count);
    }

    [Fact]
    public void A_flickr8k_token_file_finds_its_lists_and_images_by_their_standard_names()
    {
        WriteFlickr8k();

        Assert.Equal(DatasetFormat.Flickr8k, DatasetLoader.Detect(_folder.PathOf("Flickr8k_text/Flickr8k.token.txt")));
        Assert.Equal(DatasetFormat.Flickr8k, DatasetLoader.Detect(_folder.Root));
        DatasetReadResult result = DatasetLoader.LoadWithReport(_folder.Root);
        Assert.Equal(3, result.Dataset.Images.Count);
        Assert.Equal(1, result.Report.Count(SkipReason.NotInAnySplit));
    }

    [Fact]
    public void A_flickr8k_token_file_without_its_lists_is_an_error_naming_the_missing_list()
    {
        WriteFlickr8k();
        File.Delete(_folder.PathOf("Flickr8k_text/Flickr_8k.devImages.txt"));

        var error = Assert.Throws<DatasetFormatException>(() => DatasetLoader.Load(_folder.PathOf("Flickr8k_text/Flickr8k.token.txt")));

        Assert.Contains("Flickr_8k.devImages.txt", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.txt", "hello")]
    [InlineData("other.json", """{"images":[{"url":"x"}]}""")]
    [InlineData("array.json", "[]")]
    public void An_unknown_format_is_a_clear_error(string name, string content)
    {
        string path = _folder.WriteText(name, content);

        var error = Assert.Throws<DatasetFormatException>(() => DatasetLoader.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains("Karpathy", StringComparison.Ordinal) || error.Message.Contains("top level", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_with_no_known_file_or_a_missing_path_is_a_clear_error()
    {
        Directory.CreateDirectory(_folder.PathOf("empty"));

        Assert.Contains("captions.jsonl", Assert.Throws<DatasetFormatException>(() => DatasetLoader.Load(_folder.PathOf("empty"))).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<DatasetFormatException>(() => DatasetLoader.Load(_folder.PathOf("nothing.json"))).Message, StringComparison.Ordinal);
    }

    private void WriteFlickr8k()
    {
        _folder.WriteText("Flickr8k_text/Flickr8k.token.txt", ReaderFixtures.Flickr8kTokens);
        _folder.WriteText("Flickr8k_text/Flickr_8k.trainImages.txt", ReaderFixtures.Flickr8kTrainList);
        _folder.WriteText("Flickr8k_text/Flickr_8k.devImages.txt", ReaderFixtures.Flickr8kValList);
        _folder.WriteText("Flickr8k_text/Flickr_8k.testImages.txt", ReaderFixtures.Flickr8kTestList);
        _folder.AddImages(ReaderFixtures.Flickr8kImages);
    }
}
