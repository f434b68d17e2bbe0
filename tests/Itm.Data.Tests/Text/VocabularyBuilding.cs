using Itm.Data.Text;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Tests.Text;

public sealed class VocabularyBuilding : IDisposable
{
    private static readonly string[][] Sentences =
    [
        ["a", "red", "circle"],
        ["a", "blue", "square"],
        ["the", "red", "square"],
        ["a", "zebra"],
    ];

    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reserves_pad_and_unknown_then_orders_by_frequency_then_ordinally()
    {
        Vocabulary vocabulary = Vocabulary.Build(Sentences);

        Assert.Equal(["<pad>", "<unk>", "a", "red", "square", "blue", "circle", "the", "zebra"], vocabulary.Tokens);
        Assert.Equal(0, vocabulary.IdOf("<pad>"));
        Assert.Equal(Vocabulary.UnknownId, vocabulary.IdOf("never-seen"));
        Assert.Equal("red", vocabulary.TokenOf(3));
        Assert.Equal(9, vocabulary.Count);
    }

    [Fact]
    public void Is_the_same_whatever_the_sentence_order()
    {
        Vocabulary forward = Vocabulary.Build(Sentences);
        Vocabulary backward = Vocabulary.Build(Sentences.Reverse());

        Assert.Equal(forward.Tokens, backward.Tokens);
        Assert.Equal(forward.Hash, backward.Hash);
        Assert.Matches("^[0-9a-f]{64}$", forward.Hash);
    }

    [Fact]
    public void MinCount_and_maxSize_drop_the_rarest_words()
    {
        Assert.Equal(["<pad>", "<unk>", "a", "red", "square"], Vocabulary.Build(Sentences, minCount: 2).Tokens);
        Assert.Equal(["<pad>", "<unk>", "a", "red"], Vocabulary.Build(Sentences, maxSize: 4).Tokens);
    }

    [Fact]
    public void Words_only_in_sentences_not_passed_in_are_unknown()
    {
        // Given only the training captions are passed (choosing them is the caller's job)
        string[][] train = [["a", "red", "circle"]];
        string[] test = ["a", "green", "circle"];

        Vocabulary vocabulary = Vocabulary.Build(train);

        Assert.Equal([2, Vocabulary.UnknownId, vocabulary.IdOf("circle")], test.Select(vocabulary.IdOf));
    }

    [Fact]
    public void Literal_reserved_tokens_in_the_data_do_not_get_a_second_id()
    {
        Vocabulary vocabulary = Vocabulary.Build([["<unk>", "<pad>", "x"]]);

        Assert.Equal(["<pad>", "<unk>", "x"], vocabulary.Tokens);
    }

    [Fact]
    public void Saves_and_loads_the_same_table()
    {
        Vocabulary vocabulary = Vocabulary.Build([.. Sentences, ["ünïcode", "猫"]]);
        string path = _folder.PathOf("vocab.json");

        vocabulary.Save(path);
        Vocabulary loaded = Vocabulary.Load(path);

        Assert.Equal(vocabulary.Tokens, loaded.Tokens);
        Assert.Equal(vocabulary.Hash, loaded.Hash);
    }

    [Fact]
    public void Loading_an_edited_file_is_an_error()
    {
        string path = _folder.PathOf("vocab.json");
        Vocabulary.Build(Sentences).Save(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"zebra\"", "\"zebu\"", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => Vocabulary.Load(path));

        Assert.Contains("changed after it was saved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenOf_an_id_out_of_range_throws()
    {
        Vocabulary vocabulary = Vocabulary.Build(Sentences);

        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.TokenOf(vocabulary.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.TokenOf(-1));
    }
}
