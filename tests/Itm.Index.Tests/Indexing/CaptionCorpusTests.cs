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
}
