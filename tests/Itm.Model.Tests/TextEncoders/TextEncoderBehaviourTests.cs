using Itm.Data.Text;
using Itm.Model.Catalog;
using Itm.Model.JointEmbedding;
using Itm.Model.TextEncoders;
using static TorchSharp.torch;

namespace Itm.Model.Tests.TextEncoders;

/// <summary>What each text encoder's own design promises: which input it reads, what padding and order change.</summary>
[Collection("Sequential")]
public sealed class TextEncoderBehaviourTests
{
    [Fact]
    public void A_text_model_given_the_other_kind_of_input_says_which_it_reads()
    {
        var options = new JointEmbeddingOptions { Dim = 8, Text = new TextEncoderOptions { Model = SentenceVectorMlpSpec.MiniLm, HiddenDim = 16 } };
        using var model = JointEmbeddingFactory.Create(options, 384, [512]);

        var ids = Assert.Throws<InvalidOperationException>(() => model.EncodeTexts([new[] { 1, 2 }]));
        var width = Assert.Throws<ArgumentException>(() => model.EncodeTexts([TextInput.FromVector(new float[100])]));

        Assert.Contains("sentence vectors", ids.Message);
        Assert.Contains("384-d", width.Message);
    }

    [Fact]
    public void The_hybrid_channel_needs_both_the_ids_and_the_vector()
    {
        var options = new JointEmbeddingOptions { Dim = 8, Text = new TextEncoderOptions { Model = HybridTextSpec.MiniLmBigram, HiddenDim = 16 } };
        using var model = JointEmbeddingFactory.Create(options, 20, [512]);

        var idsOnly = Assert.Throws<InvalidOperationException>(() => model.EncodeTexts([new[] { 1, 2 }]));
        var vectorOnly = Assert.Throws<InvalidOperationException>(() => model.EncodeTexts([TextInput.FromVector(new float[384])]));
        var width = Assert.Throws<ArgumentException>(() => model.EncodeTexts([TextInput.FromBoth([1, 2], new float[100])]));

        Assert.Contains("sentence vectors", idsOnly.Message);
        Assert.Contains("featurized ids", vectorOnly.Message);
        Assert.Contains("384-d", width.Message);
    }

    public static TheoryData<TextEncoderSpec> EncodersWithABag() =>
        [.. EncoderCatalog.Text.Where(s => s.OptionsUsed.Contains(nameof(TextEncoderOptions.MaxFeatures)))];

    [Theory]
    [MemberData(nameof(EncodersWithABag))]
    public void A_bag_holds_at_most_max_features_the_most_frequent_words_first(TextEncoderSpec text)
    {
        string[][] sentences = [["a", "house"], ["big", "house"], ["house", "left"], ["house", "right"], ["red", "house"], ["tumblr"]];
        var options = new TextEncoderOptions { Model = text, MaxFeatures = 2 };

        var capped = Assert.IsType<NGramFeaturizer>(text.BuildFeaturizer(options, sentences));
        var full = Assert.IsType<NGramFeaturizer>(text.BuildFeaturizer(options with { MaxFeatures = NGramFeaturizer.DefaultMaxFeatures }, sentences));

        // The unknown id and the most frequent feature, "house" (5 times; no other word or n-gram more than 3); the
        // rest read as unknown.
        Assert.Equal(2, capped.FeatureCount);
        Assert.Contains(capped.Featurize(["house"]), id => id != NGramFeaturizer.UnknownFeatureId);
        Assert.Equal([NGramFeaturizer.UnknownFeatureId], capped.Featurize(["tumblr"]));
        Assert.True(full.FeatureCount > 6, $"{full.FeatureCount} features without the cap");
    }

    [Fact]
    public void Late_fusion_keeps_each_channel_in_its_own_part_of_the_space()
    {
        manual_seed(7);
        var options = new JointEmbeddingOptions { Dim = 8, Text = new TextEncoderOptions { Model = LateFusionTextSpec.MiniLmTrigramSkip, HiddenDim = 16 } };
        using var model = JointEmbeddingFactory.Create(options, 20, [512]);
        model.eval();
        var vector = Enumerable.Range(0, 384).Select(i => MathF.Sin(i)).ToArray();
        var otherVector = Enumerable.Range(0, 384).Select(i => MathF.Cos(i * 0.3f)).ToArray();

        using var one = model.EncodeTexts([TextInput.FromBoth([2, 7], vector)]);
        using var otherIds = model.EncodeTexts([TextInput.FromBoth([3, 9], vector)]);
        using var otherSentence = model.EncodeTexts([TextInput.FromBoth([2, 7], otherVector)]);

        // [bag part | sentence part], 4 dimensions each: ids move only the first, the sentence vector only the second.
        Assert.True(one[0, ..4].allclose(otherSentence[0, ..4], atol: 1e-6));
        Assert.False(one[0, 4..].allclose(otherSentence[0, 4..], atol: 1e-3));
        Assert.True(one[0, 4..].allclose(otherIds[0, 4..], atol: 1e-6));
        Assert.False(one[0, ..4].allclose(otherIds[0, ..4], atol: 1e-3));
    }

    [Fact]
    public void Late_fusion_leaves_a_sentence_of_unknown_words_to_the_sentence_part()
    {
        manual_seed(7);
        var options = new JointEmbeddingOptions { Dim = 8, Text = new TextEncoderOptions { Model = LateFusionTextSpec.MiniLmBow, HiddenDim = 16 } };
        using var model = JointEmbeddingFactory.Create(options, 20, [512]);
        model.eval();
        var vector = Enumerable.Range(0, 384).Select(i => MathF.Sin(i)).ToArray();
        using var images = model.EncodeImages(randn(3, 512, generator: new Generator(2)));

        using var unknown = model.EncodeTexts([TextInput.FromBoth([NGramFeaturizer.UnknownFeatureId], vector)]);
        using var known = model.EncodeTexts([TextInput.FromBoth([NGramFeaturizer.UnknownFeatureId, 4], vector)]);

        // No bag part at all, and each score is the sentence parts' cosine weighed by their share.
        Assert.True(unknown[0, ..4].eq(0).all().item<bool>());
        Assert.False(known[0, ..4].eq(0).all().item<bool>());
        var scores = unknown.matmul(images.t()).data<float>().ToArray();
        for (int j = 0; j < 3; j++)
        {
            double cosine = nn.functional.cosine_similarity(unknown[.., 4..], images[j..(j + 1), 4..]).item<float>();
            Assert.Equal(options.Text.PretrainedShare * cosine, scores[j], 5);
        }
    }

    [Fact]
    public void Sequence_encoder_ignores_padding_so_batch_company_does_not_change_a_sentence()
    {
        manual_seed(5);
        var options = new JointEmbeddingOptions { Dim = 8, Text = new TextEncoderOptions { Model = SequenceEncoderSpec.Sse, WordDim = 6, GruDim = 5 } };
        using var model = JointEmbeddingFactory.Create(options, 20, [512]);
        model.eval();
        using var alone = model.EncodeTexts([new[] { 2, 3 }]);
        using var withLonger = model.EncodeTexts([new[] { 2, 3 }, new[] { 4, 5, 6, 7, 8, 9 }]);
        var a = alone.data<float>().ToArray();
        var b = withLonger[0].data<float>().ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - b[i]) < 1e-5, $"component {i}: {a[i]} alone vs {b[i]} beside a longer sentence");
        }
    }

    [Fact]
    public void Bag_encoder_depends_on_which_features_not_their_order()
    {
        manual_seed(6);
        var options = new JointEmbeddingOptions { Dim = 8, Text = new TextEncoderOptions { Model = BagOfFeaturesSpec.Bow, HiddenDim = 16 } };
        using var model = JointEmbeddingFactory.Create(options, 20, [512]);
        model.eval();
        using var one = model.EncodeTexts([new[] { 2, 7, 11 }]);
        using var other = model.EncodeTexts([new[] { 11, 2, 7 }]);
        using var different = model.EncodeTexts([new[] { 2, 7, 12 }]);
        Assert.True(one.allclose(other, rtol: 1e-5, atol: 1e-6));
        Assert.False(one.allclose(different, rtol: 1e-3, atol: 1e-4));
    }
}
