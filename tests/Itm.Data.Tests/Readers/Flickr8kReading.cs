using Itm.Data.Readers;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Tests.Readers;

public sealed class Flickr8kReading : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public Flickr8kReading()
    {
        _folder.WriteText("text/Flickr8k.token.txt", ReaderFixtures.Flickr8kTokens);
        _folder.WriteText("text/Flickr_8k.trainImages.txt", ReaderFixtures.Flickr8kTrainList);
        _folder.WriteText("text/Flickr_8k.devImages.txt", ReaderFixtures.Flickr8kValList);
        _folder.WriteText("text/Flickr_8k.testImages.txt", ReaderFixtures.Flickr8kTestList);
        _folder.AddImages(ReaderFixtures.Flickr8kImages);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_captions_per_image_with_splits_from_the_lists()
    {
        DatasetReadResult result = Read();

        CaptionDataset dataset = result.Dataset;
        Assert.Equal("flickr8k", dataset.Name);
        Assert.Equal(["x.png", "y.png", "z.png"], dataset.Images.Select(i => i.Id));
        Assert.Equal([Split.Train, Split.Train, Split.Val], dataset.Images.Select(i => i.Split));
        Assert.Equal([2, 1, 1], dataset.Images.Select(i => i.Captions.Count));
        Assert.Equal(_folder.PathOf("Flicker8k_Dataset/x.png"), dataset.Images[0].ImagePath);
        Assert.Equal("A dog runs on the grass .", dataset.Images[0].Captions[0].Raw);
        Assert.Equal(["a", "dog", "runs", "on", "the", "grass"], dataset.Images[0].Captions[0].Tokens);
        Assert.Equal([0L, 1L, 2L, 3L], dataset.Images.SelectMany(i => i.Captions).Select(c => c.SentenceId));
    }

    [Fact]
    public void Images_in_no_list_and_listed_images_without_captions_are_counted()
    {
        ReadReport report = Read().Report;

        Assert.Equal(1, report.Count(SkipReason.NotInAnySplit));
        Assert.Equal(["image u.png"], report.Examples(SkipReason.NotInAnySplit));
        Assert.Equal(1, report.Count(SkipReason.NoCaptions));
        Assert.Equal(["image w.png"], report.Examples(SkipReason.NoCaptions));
    }

    [Fact]
    public void A_line_without_a_tab_is_an_error_naming_the_line_or_a_counted_skip()
    {
        _folder.WriteText("text/Flickr8k.token.txt", ReaderFixtures.Flickr8kTokens + "y.png#1 no tab here\n");

        var error = Assert.Throws<DatasetFormatException>(() => Read());
        Assert.Equal(6, error.LineNumber);
        Assert.Contains("Flickr8k.token.txt, line 6", error.Message, StringComparison.Ordinal);

        ReadReport report = Read(new DatasetReadOptions { SkipInvalid = true }).Report;
        Assert.Equal(1, report.Count(SkipReason.InvalidRecord));
    }

    [Fact]
    public void A_missing_image_file_is_an_error_naming_the_image_or_a_counted_skip()
    {
        File.Delete(_folder.PathOf("Flicker8k_Dataset/y.png"));

        var error = Assert.Throws<DatasetFormatException>(() => Read());
        Assert.Equal(SkipReason.MissingImageFile, error.Reason);
        Assert.Contains("image y.png", error.Message, StringComparison.Ordinal);

        DatasetReadResult result = Read(new DatasetReadOptions { SkipInvalid = true });
        Assert.Equal(["x.png", "z.png"], result.Dataset.Images.Select(i => i.Id));
        Assert.Equal(1, result.Report.Count(SkipReason.MissingImageFile));
    }

    [Fact]
    public void An_image_in_two_lists_is_an_error_or_keeps_its_first_split()
    {
        _folder.WriteText("text/Flickr_8k.testImages.txt", "x.png\n");

        var error = Assert.Throws<DatasetFormatException>(() => Read());
        Assert.Contains("Flickr_8k.testImages.txt, line 1, image x.png", error.Message, StringComparison.Ordinal);

        DatasetReadResult result = Read(new DatasetReadOptions { SkipInvalid = true });
        Assert.Equal(Split.Train, result.Dataset.Images[0].Split);
        Assert.Equal(1, result.Report.Count(SkipReason.DuplicateImageId));
    }

    [Fact]
    public void A_repeated_caption_number_is_a_duplicate_sentence()
    {
        _folder.WriteText("text/Flickr8k.token.txt", ReaderFixtures.Flickr8kTokens + "x.png#1\tAgain .\n");

        var error = Assert.Throws<DatasetFormatException>(() => Read());
        Assert.Equal(SkipReason.DuplicateSentenceId, error.Reason);
        Assert.Contains("caption x.png#1", error.Message, StringComparison.Ordinal);

        Assert.Equal(1, Read(new DatasetReadOptions { SkipInvalid = true }).Report.Count(SkipReason.DuplicateSentenceId));
    }

    [Fact]
    public void An_empty_caption_is_an_error_naming_its_line()
    {
        _folder.WriteText("text/Flickr8k.token.txt", ReaderFixtures.Flickr8kTokens + "z.png#1\t   \n");

        var error = Assert.Throws<DatasetFormatException>(() => Read());
        Assert.Equal(SkipReason.EmptyCaption, error.Reason);
        Assert.Equal(6, error.LineNumber);
    }

    private DatasetReadResult Read(DatasetReadOptions? options = null) => Flickr8kReader.ReadWithReport(
        _folder.PathOf("text/Flickr8k.token.txt"),
        _folder.PathOf("Flicker8k_Dataset"),
        _folder.PathOf("text/Flickr_8k.trainImages.txt"),
        _folder.PathOf("text/Flickr_8k.devImages.txt"),
        _folder.PathOf("text/Flickr_8k.testImages.txt"),
        options);
}
