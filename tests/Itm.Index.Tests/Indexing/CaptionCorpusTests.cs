using Itm.Index.Captions;
using Itm.Index.Tests.Fixtures;

namespace Itm.Index.Tests.Indexing;

/// <summary>The caption corpus comes from a dataset (all its sentences) or a plain list, one sentence per line.</summary>
public sealed class CaptionCorpusTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_dataset_json_gives_every_sentence_of_every_split_without_needing_its_images()
    {
        string path = temp.Write("dataset.json", """
            {"dataset": "tiny", "images": [
              {"filename": "a.png", "imgid": 0, "split": "train", "sentences": [{"raw": "A red circle.", "tokens": ["a", "red", "circle"], "sentid": 0}]},
              {"filename": "b.png", "imgid": 1, "split": "test", "sentences": [
                 {"raw": "A blue square.", "tokens": ["a", "blue", "square"], "sentid": 1},
                 {"raw": "A red circle.", "tokens": ["a", "red", "circle"], "sentid": 2}]}]}
            """);

        var corpus = CaptionCorpus.Read(path);

        Assert.Equal(["A red circle.", "A blue square."], corpus.Sentences);
        Assert.Equal(64, corpus.Sha256.Length);
    }

    [Fact]
    public void A_text_file_gives_its_distinct_nonblank_lines()
    {
        string path = temp.Write("captions.txt", " one \n\ntwo\none\n");
        Assert.Equal(["one", "two"], CaptionCorpus.Read(path).Sentences);
    }

    [Fact]
    public void A_missing_or_empty_file_is_named()
    {
        Assert.Contains("nope.txt", Assert.Throws<FileNotFoundException>(() => CaptionCorpus.Read(temp.PathOf("nope.txt"))).Message);
        string empty = temp.Write("empty.txt", "\n\n");
        Assert.Contains("empty.txt", Assert.Throws<InvalidDataException>(() => CaptionCorpus.Read(empty)).Message);
    }
    [Fact]
    public void Bad_lines_are_skipped_by_line_number_and_the_rest_is_kept()
    {
        // Given a caption list with blank lines, a 100 KB line, invalid UTF-8, CRLF endings and mixed scripts
        byte[] bytes =
        [
            .. "a red square\r\n\n   \t \n"u8.ToArray(),
            .. System.Text.Encoding.UTF8.GetBytes(new string('x', 100_000) + "\n"),
            .. "caf"u8.ToArray(), 0xE9, .. " au lait\n"u8.ToArray(),
            .. "猫 cat кошка 🐈\n a red square \n"u8.ToArray(),
        ];
        string path = temp.PathOf("captions.txt");
        File.WriteAllBytes(path, bytes);

        // When it is read
        var corpus = CaptionCorpus.Read(path);

        // Then the good lines are kept whole, the bad ones named by line, the blank and repeated ones counted
        Assert.Equal(["a red square", "猫 cat кошка 🐈"], corpus.Sentences);
        Assert.Equal(2, corpus.SkippedCount);
        Assert.Equal("line 4", corpus.Skipped[0].Item);
        Assert.Contains("100,000 characters", corpus.Skipped[0].Reason);
        Assert.Contains("MaxCaptionChars", corpus.Skipped[0].Reason);
        Assert.Equal("line 5", corpus.Skipped[1].Item);
        Assert.Contains("not valid UTF-8", corpus.Skipped[1].Reason);
        Assert.Equal(2, corpus.Blank);
        Assert.Equal(1, corpus.Duplicates);
    }

    [Fact]
    public void The_length_limit_is_an_option()
    {
        string path = temp.Write("captions.txt", "short\na longer sentence\n");

        var corpus = CaptionCorpus.Read(path, new CaptionCorpusOptions { MaxCaptionChars = 5 });

        Assert.Equal(["short"], corpus.Sentences);
        Assert.Equal("line 2", Assert.Single(corpus.Skipped).Item);
        Assert.Throws<ArgumentOutOfRangeException>(() => CaptionCorpus.Read(path, new CaptionCorpusOptions { MaxCaptionChars = 0 }));
    }

    [Fact]
    public void A_file_of_only_bad_lines_says_why_it_holds_no_sentences()
    {
        string path = temp.PathOf("latin1.txt");
        File.WriteAllBytes(path, [.. "caf"u8.ToArray(), 0xE9, (byte)'\n']);

        var error = Assert.Throws<InvalidDataException>(() => CaptionCorpus.Read(path));

        Assert.Contains("line 1", error.Message);
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void Dataset_captions_over_the_limit_are_counted_not_lost_silently()
    {
        string path = temp.Write("dataset.json", $$"""
            {"dataset": "tiny", "images": [
              {"filename": "a.png", "imgid": 0, "split": "train", "sentences": [
                 {"raw": "A red circle.", "tokens": ["a", "red", "circle"], "sentid": 0},
                 {"raw": "{{new string('y', 2000)}}", "tokens": ["y"], "sentid": 1}]}]}
            """);

        var corpus = CaptionCorpus.Read(path);

        Assert.Equal(["A red circle."], corpus.Sentences);
        Assert.Equal(1, corpus.SkippedCount);
        Assert.Single(corpus.Skipped);
    }
}
