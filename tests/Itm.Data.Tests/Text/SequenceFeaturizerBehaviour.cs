using Itm.Data.Text;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Tests.Text;

public sealed class SequenceFeaturizerBehaviour : IDisposable
{
    private static readonly Vocabulary Words = Vocabulary.Build([["a", "red", "ball"], ["a", "cube"]]);

    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Returns_word_ids_in_order_with_unknown_words_as_one()
    {
        var featurizer = new SequenceFeaturizer(Words);

        Assert.Equal([Words.IdOf("a"), Vocabulary.UnknownId, Words.IdOf("ball")], featurizer.Featurize(["a", "green", "ball"]));
        Assert.Equal(Words.Count, featurizer.FeatureCount);
    }

    [Fact]
    public void Truncates_to_max_length_and_gives_unknown_for_an_empty_sentence()
    {
        var featurizer = new SequenceFeaturizer(Words, maxLength: 2);

        Assert.Equal(2, featurizer.Featurize(["a", "red", "ball", "a"]).Length);
        Assert.Equal([Vocabulary.UnknownId], featurizer.Featurize([]));
        Assert.Equal(32, new SequenceFeaturizer(Words).MaxLength);
    }

    [Fact]
    public void Hash_depends_on_the_vocabulary_and_max_length()
    {
        Assert.Equal(new SequenceFeaturizer(Words).Hash, new SequenceFeaturizer(Vocabulary.Build([["a", "cube"], ["a", "red", "ball"]])).Hash);
        Assert.NotEqual(new SequenceFeaturizer(Words).Hash, new SequenceFeaturizer(Words, 16).Hash);
    }

    [Fact]
    public void Saves_and_loads_through_the_featurizer_file()
    {
        var featurizer = new SequenceFeaturizer(Words, maxLength: 20);
        string path = _folder.PathOf("text-features.json");

        featurizer.Save(path);
        var loaded = Assert.IsType<SequenceFeaturizer>(TextFeaturizerFile.Load(path));

        Assert.Equal(20, loaded.MaxLength);
        Assert.Equal(Words.Tokens, loaded.Vocabulary.Tokens);
        Assert.Equal(featurizer.Hash, loaded.Hash);
        Assert.Equal(featurizer.Hash, SequenceFeaturizer.Load(path).Hash);
    }

    [Fact]
    public void Extending_keeps_every_word_id_and_appends_the_other_vocabularys_new_words()
    {
        var other = new SequenceFeaturizer(Vocabulary.Build([["a", "green", "cone"], ["a", "green", "ball"]]));

        var extended = Assert.IsType<SequenceFeaturizer>(new SequenceFeaturizer(Words).ExtendedWith(other));

        Assert.Equal([.. Words.Tokens, "green", "cone"], extended.Vocabulary.Tokens);
        Assert.Equal([Words.IdOf("a"), Words.Count, Words.IdOf("ball")], extended.Featurize(["a", "green", "ball"]));
        Assert.Contains("at most 16", Assert.Throws<ArgumentException>(() => new SequenceFeaturizer(Words).ExtendedWith(new SequenceFeaturizer(Words, 16))).Message);
    }
}
