using Itm.Data.Readers;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Tests.Readers;

public sealed class CocoCaptionsReading : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public CocoCaptionsReading()
    {
        _folder.WriteText("annotations/captions_train2014.json", ReaderFixtures.CocoTrainCaptions);
        _folder.WriteText("annotations/captions_val2014.json", ReaderFixtures.CocoValCaptions);
        _folder.AddImages("train2014/COCO_train_7.png", "train2014/COCO_train_8.png", "val2014/COCO_val_9.png");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_several_files_into_one_dataset_with_their_splits()
    {
        CaptionDataset dataset = CocoCaptionsReader.Read(Sources());

        Assert.Equal("coco", dataset.Name);
        Assert.Equal(["7", "8", "9"], dataset.Images.Select(i => i.Id));
        Assert.Equal([Split.Train, Split.Train, Split.Val], dataset.Images.Select(i => i.Split));
        Assert.Equal(_folder.PathOf("val2014/COCO_val_9.png"), dataset.Images[2].ImagePath);
    }

    [Fact]
    public void Annotation_ids_become_sentence_ids_in_annotation_order()
    {
        CaptionDataset dataset = CocoCaptionsReader.Read(Sources());

        Assert.Equal([701L, 702L], dataset.Images[0].Captions.Select(c => c.SentenceId));
        Assert.Equal(["a", "plate", "of", "food"], dataset.Images[0].Captions[0].Tokens);
        Assert.Equal([801L], dataset.Images[1].Captions.Select(c => c.SentenceId));
    }

    [Fact]
    public void An_annotation_for_an_unknown_image_is_an_error_or_a_counted_skip()
    {
        _folder.WriteText("annotations/captions_val2014.json",
            """{"images":[{"id":9,"file_name":"COCO_val_9.png"}],"annotations":[{"image_id":9,"id":901,"caption":"ok"},{"image_id":99,"id":902,"caption":"lost"}]}""");

        var error = Assert.Throws<DatasetFormatException>(() => CocoCaptionsReader.Read(Sources()));
        Assert.Contains("annotation id=902", error.Message, StringComparison.Ordinal);
        Assert.Contains("captions_val2014.json", error.Message, StringComparison.Ordinal);

        ReadReport report = CocoCaptionsReader.ReadWithReport(Sources(), new DatasetReadOptions { SkipInvalid = true }).Report;
        Assert.Equal(1, report.Count(SkipReason.InvalidRecord));
    }

    [Fact]
    public void The_same_image_id_in_two_files_is_a_duplicate()
    {
        _folder.WriteText("annotations/captions_val2014.json",
            """{"images":[{"id":7,"file_name":"COCO_val_9.png"}],"annotations":[{"image_id":7,"id":999,"caption":"again"}]}""");

        var error = Assert.Throws<DatasetFormatException>(() => CocoCaptionsReader.Read(Sources()));
        Assert.Equal(SkipReason.DuplicateImageId, error.Reason);
        Assert.Contains("image id=7 (COCO_val_9.png)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_annotation_id_is_a_duplicate_sentence()
    {
        _folder.WriteText("annotations/captions_val2014.json",
            """{"images":[{"id":9,"file_name":"COCO_val_9.png"}],"annotations":[{"image_id":9,"id":701,"caption":"same id as train"},{"image_id":9,"id":903,"caption":"fine"}]}""");

        var error = Assert.Throws<DatasetFormatException>(() => CocoCaptionsReader.Read(Sources()));
        Assert.Equal(SkipReason.DuplicateSentenceId, error.Reason);
        Assert.Contains("annotation id=701", error.Message, StringComparison.Ordinal);

        DatasetReadResult result = CocoCaptionsReader.ReadWithReport(Sources(), new DatasetReadOptions { SkipInvalid = true });
        Assert.Equal([903L], result.Dataset.Images[2].Captions.Select(c => c.SentenceId));
    }

    [Fact]
    public void An_image_without_annotations_is_counted()
    {
        _folder.AddImages("val2014/COCO_val_10.png");
        _folder.WriteText("annotations/captions_val2014.json",
            """{"images":[{"id":9,"file_name":"COCO_val_9.png"},{"id":10,"file_name":"COCO_val_10.png"}],"annotations":[{"image_id":9,"id":901,"caption":"ok"}]}""");

        ReadReport report = CocoCaptionsReader.ReadWithReport(Sources()).Report;

        Assert.Equal(["image id=10 (COCO_val_10.png)"], report.Examples(SkipReason.NoCaptions));
    }

    [Fact]
    public void A_file_without_annotations_is_an_error()
    {
        _folder.WriteText("annotations/captions_val2014.json", """{"images":[{"id":9,"file_name":"COCO_val_9.png"}]}""");

        var error = Assert.Throws<DatasetFormatException>(() => CocoCaptionsReader.Read(Sources()));
        Assert.Contains("\"annotations\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_name_leaving_the_images_folder_is_refused()
    {
        _folder.WriteText("annotations/captions_val2014.json",
            """{"images":[{"id":9,"file_name":"../train2014/COCO_train_7.png"}],"annotations":[{"image_id":9,"id":901,"caption":"ok"}]}""");

        var error = Assert.Throws<DatasetFormatException>(() => CocoCaptionsReader.Read(Sources()));
        Assert.Equal(SkipReason.PathOutsideRoot, error.Reason);
        Assert.Contains("image id=9", error.Message, StringComparison.Ordinal);
    }

    private List<CocoSplitSource> Sources() =>
    [
        new(_folder.PathOf("annotations/captions_train2014.json"), _folder.PathOf("train2014"), Split.Train),
        new(_folder.PathOf("annotations/captions_val2014.json"), _folder.PathOf("val2014"), Split.Val),
    ];
}
