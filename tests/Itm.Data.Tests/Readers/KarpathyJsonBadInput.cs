using Itm.Data.Readers;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Tests.Readers;

/// <summary>Each bad-input rule, once as an error that names the item and once as a counted skip.</summary>
public sealed class KarpathyJsonBadInput : IDisposable
{
    private const string GoodImage = """{"filename":"good.png","imgid":1,"split":"train","sentences":[{"raw":"a good caption","sentid":1}]}""";

    private readonly TempDataFolder _folder = new();

    public KarpathyJsonBadInput()
    {
        _folder.AddImages("data/good.png", "data/good2.png", "outside.png", "elsewhere/abs.png");
    }

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, SkipReason, string> BadImages() => new()
    {
        { """{"filename":"missing.png","imgid":2,"split":"train","sentences":[{"raw":"x y","sentid":2}]}""", SkipReason.MissingImageFile, "image imgid=2 (missing.png)" },
        { """{"filename":"good2.png","imgid":2,"split":"train","sentences":"not an array"}""", SkipReason.InvalidRecord, "image imgid=2 (good2.png)" },
        { """{"filename":"good2.png","split":"train","sentences":[{"raw":"x y","sentid":2}]}""", SkipReason.InvalidRecord, "images[1]" },
        { """{"filename":"good2.png","imgid":2.5,"split":"train","sentences":[]}""", SkipReason.InvalidRecord, "images[1]" },
        { """{"filename":"good2.png","imgid":2,"split":"dev","sentences":[{"raw":"x y","sentid":2}]}""", SkipReason.InvalidRecord, "image imgid=2 (good2.png)" },
        { """{"filename":"good2.png","imgid":1,"split":"train","sentences":[{"raw":"x y","sentid":2}]}""", SkipReason.DuplicateImageId, "image imgid=1 (good2.png)" },
        { """{"filepath":"..","filename":"outside.png","imgid":2,"split":"train","sentences":[{"raw":"x y","sentid":2}]}""", SkipReason.PathOutsideRoot, "image imgid=2 (outside.png)" },
        { """{"filepath":"ABSOLUTE","filename":"abs.png","imgid":2,"split":"train","sentences":[{"raw":"x y","sentid":2}]}""", SkipReason.PathOutsideRoot, "image imgid=2 (abs.png)" },
    };

    public static TheoryData<string, SkipReason, string> BadCaptions() => new()
    {
        { """{"raw":"","sentid":2}""", SkipReason.EmptyCaption, "sentid=2" },
        { """{"raw":"  \t ","sentid":2}""", SkipReason.EmptyCaption, "sentid=2" },
        { """{"raw":"🙂🙂 !!","sentid":2}""", SkipReason.EmptyCaption, "sentid=2" },
        { $$"""{"raw":"{{new string('w', 1001)}}","sentid":2}""", SkipReason.CaptionTooLong, "sentid=2" },
        { """{"raw":"same id again","sentid":1}""", SkipReason.DuplicateSentenceId, "sentid=1" },
        { """{"raw":5,"sentid":2}""", SkipReason.InvalidRecord, "sentid=2" },
        { """{"tokens":["a"],"sentid":2}""", SkipReason.InvalidRecord, "sentid=2" },
        { """{"raw":"x y","tokens":[1,2],"sentid":2}""", SkipReason.InvalidRecord, "sentid=2" },
        { """{"raw":"x y","sentid":"two"}""", SkipReason.InvalidRecord, "image imgid=2 (good2.png), sentences[0]" },
        { "\"just a string\"", SkipReason.InvalidRecord, "image imgid=2 (good2.png), sentences[0]" },
    };

    [Theory]
    [MemberData(nameof(BadImages))]
    public void A_bad_image_is_an_error_that_names_it(string badImage, SkipReason reason, string item)
    {
        string json = WriteDataset(badImage);

        var error = Assert.Throws<DatasetFormatException>(() => KarpathyJson.Read(json));

        Assert.Equal(reason, error.Reason);
        Assert.Contains(json, error.Message, StringComparison.Ordinal);
        Assert.Contains(item, error.Message, StringComparison.Ordinal);
        Assert.Contains("SkipInvalid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadImages))]
    public void A_bad_image_is_skipped_and_counted_when_asked(string badImage, SkipReason reason, string item)
    {
        string json = WriteDataset(badImage);

        DatasetReadResult result = KarpathyJson.ReadWithReport(json, new DatasetReadOptions { SkipInvalid = true });

        Assert.Equal(["1"], result.Dataset.Images.Select(i => i.Id));
        Assert.Equal(1, result.Report.Count(reason));
        Assert.Equal(1, result.Report.TotalSkipped);
        Assert.Contains(item, result.Report.Examples(reason)[0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadCaptions))]
    public void A_bad_caption_is_an_error_that_names_it(string badSentence, SkipReason reason, string item)
    {
        string json = WriteDataset(ImageWith(badSentence));

        var error = Assert.Throws<DatasetFormatException>(() => KarpathyJson.Read(json));

        Assert.Equal(reason, error.Reason);
        Assert.Contains(json, error.Message, StringComparison.Ordinal);
        Assert.Contains(item, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadCaptions))]
    public void A_bad_caption_is_skipped_and_counted_and_its_image_keeps_the_rest(string badSentence, SkipReason reason, string item)
    {
        string json = WriteDataset(ImageWith(badSentence));

        DatasetReadResult result = KarpathyJson.ReadWithReport(json, new DatasetReadOptions { SkipInvalid = true });

        Assert.Equal(["1", "2"], result.Dataset.Images.Select(i => i.Id));
        Assert.Equal(["fine words here"], result.Dataset.Images[1].Captions.Select(c => c.Raw));
        Assert.Equal(1, result.Report.Count(reason));
        Assert.Contains(item, result.Report.Examples(reason)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_names_the_file_and_item_and_says_what_to_do()
    {
        string json = WriteDataset("""{"filename":"missing.png","imgid":2,"split":"train","sentences":[{"raw":"x y","sentid":2}]}""");

        var error = Assert.Throws<DatasetFormatException>(() => KarpathyJson.Read(json));

        Assert.Equal(
            $"{json}, image imgid=2 (missing.png): the image file {_folder.PathOf("data/missing.png")} does not exist. " +
            "Check that ImagesRoot (--images) points at the folder that holds the images, or remove the image from the dataset. " +
            "Or read with SkipInvalid (--skip-invalid) to skip such items and count them in the report.",
            error.Message);
        Assert.Equal("image imgid=2 (missing.png)", error.Item);
        Assert.Equal(json, error.FilePath);
    }

    [Fact]
    public void An_image_left_without_captions_is_skipped_and_counted()
    {
        string json = WriteDataset(ImageWith("""{"raw":"","sentid":2}""", keepGoodSentence: false));

        DatasetReadResult result = KarpathyJson.ReadWithReport(json, new DatasetReadOptions { SkipInvalid = true });

        Assert.Single(result.Dataset.Images);
        Assert.Equal(1, result.Report.Count(SkipReason.EmptyCaption));
        Assert.Equal(1, result.Report.Count(SkipReason.NoCaptions));
        Assert.Contains("imgid=2", result.Report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_given_no_sentences_is_counted_not_an_error()
    {
        string json = WriteDataset("""{"filename":"good2.png","imgid":2,"split":"test","sentences":[]}""");

        DatasetReadResult result = KarpathyJson.ReadWithReport(json);

        Assert.Single(result.Dataset.Images);
        Assert.Equal(1, result.Report.Count(SkipReason.NoCaptions));
    }

    [Fact]
    public void An_absolute_path_inside_the_data_folder_is_accepted()
    {
        string inside = _folder.PathOf("data").Replace("\\", "/", StringComparison.Ordinal);
        string json = WriteDataset($$"""{"filepath":"{{inside}}","filename":"good2.png","imgid":2,"split":"train","sentences":[{"raw":"x y","sentid":2}]}""");

        Assert.Equal(2, KarpathyJson.Read(json).Images.Count);
    }

    [Theory]
    [InlineData("{\"images\":[{\"filename\":\"good.png\",")]
    [InlineData("{\"images\":[{\"filename\":\"good.png\" \"imgid\":1}]}")]
    [InlineData("")]
    public void Invalid_json_is_an_error_even_when_skipping(string content)
    {
        string json = _folder.WriteText("data/broken.json", content);

        var error = Assert.Throws<DatasetFormatException>(() => KarpathyJson.Read(json, new DatasetReadOptions { SkipInvalid = true }));

        Assert.Contains(json, error.Message, StringComparison.Ordinal);
        Assert.Null(error.Reason);
    }

    [Fact]
    public void A_json_syntax_error_names_its_line()
    {
        string json = _folder.WriteText("data/broken.json", "{\n\"images\": [\n{\"filename\": \"good.png\",,}\n]}");

        var error = Assert.Throws<DatasetFormatException>(() => KarpathyJson.Read(json));

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "top level")]
    [InlineData("{\"dataset\": \"x\"}", "\"images\"")]
    [InlineData("{\"images\": 3}", "not an array")]
    [InlineData("{\"dataset\": 3, \"images\": []}", "\"dataset\"")]
    public void A_file_of_the_wrong_shape_is_an_error(string content, string expected)
    {
        string json = _folder.WriteText("data/shape.json", content);

        var error = Assert.Throws<DatasetFormatException>(() => KarpathyJson.Read(json, new DatasetReadOptions { SkipInvalid = true }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_error_that_names_it()
    {
        string json = _folder.PathOf("data/nope.json");

        var error = Assert.Throws<DatasetFormatException>(() => KarpathyJson.Read(json));

        Assert.Contains(json, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_keeps_all_counts_but_only_the_first_few_names()
    {
        string images = string.Join(",", Enumerable.Range(2, 8).Select(i =>
            $$"""{"filename":"gone{{i}}.png","imgid":{{i}},"split":"train","sentences":[{"raw":"x y"}]}"""));
        string json = WriteDataset(images);

        ReadReport report = KarpathyJson.ReadWithReport(json, new DatasetReadOptions { SkipInvalid = true }).Report;

        Assert.Equal(8, report.Count(SkipReason.MissingImageFile));
        Assert.Equal(ReadReport.MaxExamplesPerReason, report.Examples(SkipReason.MissingImageFile).Count);
        Assert.StartsWith("MissingImageFile: 8 (image imgid=2 (gone2.png)", report.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"dataset":"d","im@ges":[]}""", "property name that is not valid UTF-8")]
    [InlineData("""{"dataset":"d@","images":[]}""", "\"dataset\" is not valid UTF-8 text")]
    [InlineData("""{"dataset":"d","images":"@"}""", "a string that is not valid UTF-8")]
    [InlineData("""{"dataset":"d","images":[{"filename":"good.png","imgid":1,"split":"tr@in","sentences":[{"raw":"x","sentid":1}]}]}""", "\"split\" holds text that is not valid UTF-8")]
    public void Bytes_that_are_not_utf8_are_an_error_naming_the_file(string template, string problem)
    {
        // Shapes afl-fuzz found (fuzz/regressions/karpathy, coco): the JSON reader checks a string's UTF-8 only when it is
        // read, and its InvalidOperationException used to escape the readers. '@' marks where a 0xFF byte goes.
        string json = _folder.PathOf("data/not-utf8.json");
        File.WriteAllBytes(json, [.. System.Text.Encoding.ASCII.GetBytes(template).Select(b => b == (byte)'@' ? (byte)0xFF : b)]);

        var error = Assert.Throws<DatasetFormatException>(() => KarpathyJson.Read(json, new DatasetReadOptions { CheckImagesExist = false }));

        Assert.Contains(json, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private string WriteDataset(string extraImages) =>
        _folder.WriteText("data/dataset.json", $$"""{"dataset":"bad","images":[{{GoodImage}},{{extraImages.Replace("ABSOLUTE", _folder.PathOf("elsewhere"), StringComparison.Ordinal)}}]}""");

    private static string ImageWith(string badSentence, bool keepGoodSentence = true) =>
        $$"""{"filename":"good2.png","imgid":2,"split":"val","sentences":[{{badSentence}}{{(keepGoodSentence ? ",{\"raw\":\"fine words here\",\"sentid\":3}" : "")}}]}""";
}
