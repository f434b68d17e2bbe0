using Itm.Data.Text;

namespace Itm.Data.Tests.Text;

public sealed class NGramFeatures
{
    private static readonly string[] RedBall = ["a", "red", "ball"];

    [Fact]
    public void Unigram_is_the_words_without_markers()
    {
        Assert.Equal(["a", "red", "ball"], NGrams.Extract(NGramScheme.Unigram, RedBall));
    }

    [Fact]
    public void Bigram_adds_pairs_over_the_marked_sentence()
    {
        Assert.Equal(["a", "red", "ball", "<s> a", "a red", "red ball", "ball </s>"], NGrams.Extract(NGramScheme.Bigram, RedBall));
    }

    [Fact]
    public void Trigram_adds_triples()
    {
        Assert.Equal(
            ["a", "red", "ball", "<s> a", "a red", "red ball", "ball </s>", "<s> a red", "a red ball", "red ball </s>"],
            NGrams.Extract(NGramScheme.Trigram, RedBall));
    }

    [Fact]
    public void TrigramSkip_adds_skip_pairs_marked_apart_from_pairs()
    {
        IReadOnlyList<string> features = NGrams.Extract(NGramScheme.TrigramSkip, RedBall);

        Assert.Equal(["<s> _ red", "a _ ball", "red _ </s>"], features.Skip(10));
        Assert.DoesNotContain("a ball", features);
    }

    [Fact]
    public void An_empty_sentence_has_no_features()
    {
        Assert.Empty(NGrams.Extract(NGramScheme.TrigramSkip, []));
    }

    [Fact]
    public void Word_order_is_invisible_to_unigrams_and_visible_to_bigrams()
    {
        // Given two captions with the same words in a different relation
        IReadOnlyList<string> first = Tokenizer.Tokenize("red circle left of blue square");
        IReadOnlyList<string> second = Tokenizer.Tokenize("blue circle left of red square");
        string[][] train = [[.. first], [.. second]];

        NGramFeaturizer unigrams = NGramFeaturizer.Build(NGramScheme.Unigram, train);
        NGramFeaturizer bigrams = NGramFeaturizer.Build(NGramScheme.Bigram, train, minCount: 1);

        // Then the bags of words agree and the bags of bigrams do not
        Assert.Equal(unigrams.Featurize(first), unigrams.Featurize(second));
        Assert.NotEqual(bigrams.Featurize(first), bigrams.Featurize(second));
    }
}
