using Itm.Data.Readers;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Tests.Readers;

public sealed class CaptionsJsonlReading : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public CaptionsJsonlReading()
    {
        _folder.AddImages(ReaderFixtures.JsonlImages.Select(p => "shapes/" + p).ToArray());
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Lines_naming_the_same_image_become_its_captions()
    {
        _folder.WriteText("shapes/captions.jsonl", ReaderFixtures.CaptionsJsonl);

        CaptionDataset dataset = CaptionsJsonlReader.Read(_folder.PathOf("shapes"));

        Assert.Equal("shapes", dataset.Name);
        Assert.Equal(["img/p.png", "q.png"], dataset.Images.Select(i => i.Id));
        Assert.Equal(["A yellow star", "Star shape in yellow"], dataset.Images[0].Captions.Select(c => c.Raw));
        Assert.Equal(_folder.PathOf("shapes/img/p.png"), dataset.Images[0].ImagePath);
        Assert.Equal([0L, 1L, 2L], dataset.Images.SelectMany(i => i.Captions).Select(c => c.SentenceId));
    }

    [Fact]
    public void An_explicit_split_wins_whichever_line_carries_it()
    {
        _folder.WriteText("shapes/captions.jsonl", ReaderFixtures.CaptionsJsonl);

        CaptionDataset dataset = CaptionsJsonlReader.Read(_folder.PathOf("shapes"));

        Assert.Equal(Split.Val, dataset.Images[0].Split);
    }

    [Fact]
    public void Images_without_a_split_get_the_same_split_on_every_run_and_in_any_line_order()
    {
        string[] names = Enumerable.Range(0, 40).Select(i => $"n{i}.png").ToArray();
        _folder.AddImages(names.Select(n => "many/" + n).ToArray());
        string[] lines = names.Select(n => $$"""{"image":"{{n}}","caption":"caption of {{n}}"}""").ToArray();
        _folder.WriteText("many/captions.jsonl", string.Join('\n', lines));
        var first = CaptionsJsonlReader.Read(_folder.PathOf("many")).Images.ToDictionary(i => i.Id, i => i.Split);

        _folder.WriteText("many/captions.jsonl", string.Join('\n', lines.Reverse()));
        var second = CaptionsJsonlReader.Read(_folder.PathOf("many")).Images.ToDictionary(i => i.Id, i => i.Split);

        Assert.Equal(first.OrderBy(p => p.Key, StringComparer.Ordinal), second.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(names.Select(n => new SplitFractions(0.8, 0.1, 0.1).Assign(n)), names.Select(n => first[n]));
    }

    [Fact]
    public void Split_fractions_come_from_the_options()
    {
        _folder.WriteText("shapes/captions.jsonl", """{"image":"q.png","caption":"a purple hexagon"}""");

        CaptionDataset dataset = CaptionsJsonlReader.Read(_folder.PathOf("shapes"), new DatasetReadOptions { SplitFractions = new(0, 0, 1) });

        Assert.Equal(Split.Test, dataset.Images[0].Split);
    }

    [Fact]
    public void Equivalent_relative_paths_are_one_image()
    {
        _folder.WriteText("shapes/captions.jsonl",
            """{"image":"img/p.png","caption":"one"}""" + "\n" + """{"image":"img/../img/./p.png","caption":"two"}""" + "\n" + """{"image":"img\\p.png","caption":"three"}""");

        CaptionDataset dataset = CaptionsJsonlReader.Read(_folder.PathOf("shapes"));

        Assert.Equal(3, dataset.Images.Single().Captions.Count);
    }

    [Theory]
    [InlineData("""{"image":"q.png","caption":"ok"}""" + "\n" + """{"image":"q.png" "caption":"broken"}""", 2, "not valid JSON")]
    [InlineData("""{"image":"q.png","caption":"ok"}""" + "\n\n" + """{"image":"q.png"}""", 3, "\"caption\" is missing")]
    [InlineData("""{"image":"q.png","caption":"ok"}""" + "\n" + """{"image":7,"caption":"x"}""", 2, "\"image\" is the number 7")]
    [InlineData("""{"image":"q.png","caption":"ok"}""" + "\n" + """["q.png","x"]""", 2, "not an object")]
    [InlineData("""{"image":"q.png","caption":"ok"}""" + "\n" + """{"image":"q.png","caption":"x","split":"dev"}""", 2, "split \"dev\"")]
    public void A_bad_line_is_an_error_naming_the_line_or_a_counted_skip(string content, int line, string problem)
    {
        _folder.WriteText("shapes/captions.jsonl", content);

        var error = Assert.Throws<DatasetFormatException>(() => CaptionsJsonlReader.Read(_folder.PathOf("shapes")));
        Assert.Equal(line, error.LineNumber);
        Assert.Contains($"captions.jsonl, line {line}", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);

        DatasetReadResult result = CaptionsJsonlReader.ReadWithReport(_folder.PathOf("shapes"), new DatasetReadOptions { SkipInvalid = true });
        Assert.Equal(["ok"], result.Dataset.Images.Single().Captions.Select(c => c.Raw));
        Assert.Equal(1, result.Report.Count(SkipReason.InvalidRecord));
    }

    [Fact]
    public void Conflicting_splits_for_one_image_are_an_error()
    {
        _folder.WriteText("shapes/captions.jsonl",
            """{"image":"q.png","caption":"a","split":"train"}""" + "\n" + """{"image":"q.png","caption":"b","split":"test"}""");

        var error = Assert.Throws<DatasetFormatException>(() => CaptionsJsonlReader.Read(_folder.PathOf("shapes")));

        Assert.Contains("conflicts with split Train given on line 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("img/../../outside.png")]
    public void A_path_leaving_the_folder_is_an_error_or_a_counted_skip(string image)
    {
        _folder.AddImages("outside.png");
        _folder.WriteText("shapes/captions.jsonl",
            """{"image":"q.png","caption":"fine"}""" + "\n" + $$"""{"image":"{{image}}","caption":"sneaky"}""");

        var error = Assert.Throws<DatasetFormatException>(() => CaptionsJsonlReader.Read(_folder.PathOf("shapes")));
        Assert.Equal(SkipReason.PathOutsideRoot, error.Reason);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(image, error.Message, StringComparison.Ordinal);

        DatasetReadResult result = CaptionsJsonlReader.ReadWithReport(_folder.PathOf("shapes"), new DatasetReadOptions { SkipInvalid = true });
        Assert.Single(result.Dataset.Images);
        Assert.Equal(1, result.Report.Count(SkipReason.PathOutsideRoot));
    }

    [Fact]
    public void A_missing_image_is_counted_once_however_many_captions_it_has()
    {
        _folder.WriteText("shapes/captions.jsonl",
            """{"image":"q.png","caption":"fine"}""" + "\n" + """{"image":"gone.png","caption":"a"}""" + "\n" + """{"image":"gone.png","caption":"b"}""");

        DatasetReadResult result = CaptionsJsonlReader.ReadWithReport(_folder.PathOf("shapes"), new DatasetReadOptions { SkipInvalid = true });

        Assert.Equal(1, result.Report.Count(SkipReason.MissingImageFile));
        Assert.Equal(["image gone.png"], result.Report.Examples(SkipReason.MissingImageFile));
    }

    [Fact]
    public void A_caption_over_the_limit_is_an_error_naming_its_line()
    {
        _folder.WriteText("shapes/captions.jsonl", """{"image":"q.png","caption":"fine"}""" + "\n" + """{"image":"q.png","caption":"far too long"}""");

        var error = Assert.Throws<DatasetFormatException>(() =>
            CaptionsJsonlReader.Read(_folder.PathOf("shapes"), new DatasetReadOptions { MaxCaptionChars = 5 }));

        Assert.Equal(SkipReason.CaptionTooLong, error.Reason);
        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public void A_folder_without_captions_jsonl_is_an_error()
    {
        var error = Assert.Throws<DatasetFormatException>(() => CaptionsJsonlReader.Read(_folder.PathOf("shapes")));

        Assert.Contains("captions.jsonl", error.Message, StringComparison.Ordinal);
    }
}
