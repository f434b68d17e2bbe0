using Itm.Data.Text;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Tests.Text;

public sealed class NGramFeaturizerBehaviour : IDisposable
{
    private static readonly string[][] Train =
    [
        ["a", "red", "ball"],
        ["a", "red", "cube"],
        ["a", "blue", "ball"],
    ];

    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Keeps_every_word_but_only_ngrams_seen_minCount_times_in_frequency_then_ordinal_order()
    {
        NGramFeaturizer featurizer = NGramFeaturizer.Build(NGramScheme.Bigram, Train, minCount: 2);

        // a:3 "<s> a":3 | ball:2 red:2 "a red":2 "ball </s>":2 | blue:1 cube:1  (pairs seen once are dropped)
        Assert.Equal(["<s> a", "a", "a red", "ball", "ball </s>", "red", "blue", "cube"], featurizer.Features);
        Assert.Equal(9, featurizer.FeatureCount);
    }

    [Fact]
    public void Featurize_returns_the_sorted_distinct_ids_present()
    {
        NGramFeaturizer featurizer = NGramFeaturizer.Build(NGramScheme.Bigram, Train, minCount: 2);

        int[] ids = featurizer.Featurize(["a", "red", "ball", "a"]);

        // "ball a" and "a </s>" were never seen in training; "red ball" was seen only once
        string[] expected = ["<s> a", "a", "a red", "ball", "red"];
        Assert.Equal(expected.Select(featurizer.IdOf).Order(), ids);
    }

    [Fact]
    public void A_sentence_with_no_known_feature_is_the_unknown_bucket()
    {
        NGramFeaturizer featurizer = NGramFeaturizer.Build(NGramScheme.Trigram, Train);

        Assert.Equal([NGramFeaturizer.UnknownFeatureId], featurizer.Featurize(["zebra", "crossing"]));
        Assert.Equal([NGramFeaturizer.UnknownFeatureId], featurizer.Featurize([]));
    }

    [Fact]
    public void MaxFeatures_caps_the_table_including_the_unknown_bucket()
    {
        NGramFeaturizer featurizer = NGramFeaturizer.Build(NGramScheme.Bigram, Train, minCount: 1, maxFeatures: 4);

        Assert.Equal(4, featurizer.FeatureCount);
        Assert.Equal(["<s> a", "a", "a red"], featurizer.Features);
    }

    [Fact]
    public void Building_twice_in_any_order_gives_the_same_hash()
    {
        string first = NGramFeaturizer.Build(NGramScheme.TrigramSkip, Train, minCount: 1).Hash;
        string second = NGramFeaturizer.Build(NGramScheme.TrigramSkip, Train.Reverse(), minCount: 1).Hash;
        string otherScheme = NGramFeaturizer.Build(NGramScheme.Trigram, Train, minCount: 1).Hash;

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherScheme);
    }

    [Fact]
    public void Saves_and_loads_through_the_featurizer_file()
    {
        NGramFeaturizer featurizer = NGramFeaturizer.Build(NGramScheme.TrigramSkip, Train, minCount: 1);
        string path = _folder.PathOf("text-features.json");

        featurizer.Save(path);
        ITextFeaturizer loaded = TextFeaturizerFile.Load(path);

        NGramFeaturizer ngram = Assert.IsType<NGramFeaturizer>(loaded);
        Assert.Equal(NGramScheme.TrigramSkip, ngram.Scheme);
        Assert.Equal(featurizer.Features, ngram.Features);
        Assert.Equal(featurizer.Hash, loaded.Hash);
        Assert.Equal(featurizer.Featurize(["a", "red", "ball"]), loaded.Featurize(["a", "red", "ball"]));
    }

    [Fact]
    public void Extending_keeps_every_id_and_appends_the_other_tables_new_features_in_its_order()
    {
        NGramFeaturizer initial = NGramFeaturizer.Build(NGramScheme.Unigram, Train);
        NGramFeaturizer other = NGramFeaturizer.Build(NGramScheme.Unigram, [["a", "green", "ball"], ["a", "green", "cone"]]);

        var extended = Assert.IsType<NGramFeaturizer>(initial.ExtendedWith(other));

        // initial: a ball red blue cube; other: a green ball cone, of which green and cone are new
        Assert.Equal([.. initial.Features, "green", "cone"], extended.Features);
        Assert.Equal(initial.Featurize(["a", "red", "cube"]), extended.Featurize(["a", "red", "cube"]));
        Assert.Equal([initial.FeatureCount, initial.FeatureCount + 1], extended.Featurize(["green", "cone"]));
        Assert.Equal([NGramFeaturizer.UnknownFeatureId], initial.Featurize(["green", "cone"]));
        Assert.Equal(initial.Hash, initial.ExtendedWith(initial).Hash);
    }

    [Fact]
    public void A_bag_of_words_extended_by_a_table_of_pairs_reads_pairs_and_keeps_its_word_ids()
    {
        NGramFeaturizer words = NGramFeaturizer.Build(NGramScheme.Unigram, Train);
        NGramFeaturizer pairs = NGramFeaturizer.Build(NGramScheme.Bigram, Train, minCount: 2);

        var extended = Assert.IsType<NGramFeaturizer>(words.ExtendedWith(pairs));

        // words: a ball red blue cube; pairs: "<s> a" a "a red" ball "ball </s>" red blue cube, of which the pairs are new
        Assert.Equal(NGramScheme.Bigram, extended.Scheme);
        Assert.Equal([.. words.Features, "<s> a", "a red", "ball </s>"], extended.Features);
        Assert.Equal([words.IdOf("a"), words.IdOf("red"), words.FeatureCount, words.FeatureCount + 1], extended.Featurize(["a", "red"]));
    }

    [Fact]
    public void A_table_over_fewer_ngrams_or_of_another_kind_does_not_extend_it()
    {
        NGramFeaturizer words = NGramFeaturizer.Build(NGramScheme.Unigram, Train);
        NGramFeaturizer pairs = NGramFeaturizer.Build(NGramScheme.Bigram, Train);
        var sequence = new SequenceFeaturizer(Vocabulary.Build(Train));

        Assert.Contains("Unigram", Assert.Throws<ArgumentException>(() => pairs.ExtendedWith(words)).Message);
        Assert.Contains(nameof(SequenceFeaturizer), Assert.Throws<ArgumentException>(() => words.ExtendedWith(sequence)).Message);
    }

    [Fact]
    public void A_table_that_skips_the_leading_article_reads_a_badger_as_badger_and_keeps_a_letters_a()
    {
        string[][] sentences = [["a", "badger"], ["the", "letter", "a"], ["letter", "b"]];

        var skipping = NGramFeaturizer.Build(NGramScheme.Bigram, sentences, minCount: 1, skipLeadingArticle: true);
        var reading = NGramFeaturizer.Build(NGramScheme.Bigram, sentences, minCount: 1);

        Assert.DoesNotContain("<s> a", skipping.Features);
        Assert.DoesNotContain("the", skipping.Features);
        Assert.Contains("a", skipping.Features);            // "letter a" keeps the letter, and so does "a" alone
        Assert.Equal(skipping.Featurize(["badger"]), skipping.Featurize(["A", "badger"]));
        Assert.Equal(skipping.Featurize(["letter", "a"]), skipping.Featurize(["the", "letter", "a"]));
        Assert.Equal([skipping.IdOf("a"), skipping.IdOf("a </s>")], skipping.Featurize(["a"]));
        Assert.Contains(reading.IdOf("<s> a"), reading.Featurize(["a", "badger"]));
        Assert.NotEqual(reading.Hash, NGramFeaturizer.Build(NGramScheme.Bigram, [["letter", "b"]], minCount: 1, skipLeadingArticle: true).Hash);
    }

    [Fact]
    public void The_leading_article_rule_is_saved_and_kept_by_an_extension()
    {
        var skipping = NGramFeaturizer.Build(NGramScheme.Unigram, Train, skipLeadingArticle: true);
        string path = _folder.PathOf("skipping.json");

        skipping.Save(path);
        var loaded = NGramFeaturizer.Load(path);

        Assert.True(loaded.SkipsLeadingArticle);
        Assert.Equal(skipping.Hash, loaded.Hash);
        Assert.DoesNotContain("a", skipping.Features);
        var extended = Assert.IsType<NGramFeaturizer>(NGramFeaturizer.Build(NGramScheme.Unigram, Train).ExtendedWith(skipping));
        Assert.False(extended.SkipsLeadingArticle);
        Assert.True(Assert.IsType<NGramFeaturizer>(skipping.ExtendedWith(NGramFeaturizer.Build(NGramScheme.Unigram, Train))).SkipsLeadingArticle);
    }
}
