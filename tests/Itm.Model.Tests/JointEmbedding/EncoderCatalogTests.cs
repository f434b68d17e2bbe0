using Itm.Data.Text;
using Itm.Model.JointEmbedding;
using Itm.Model.TextEncoders;
using static TorchSharp.torch;

namespace Itm.Model.Tests.JointEmbedding;

/// <summary>Every text and image model the factory builds gives finite unit vectors of the joint dimension.</summary>
[Collection("Sequential")]
public sealed class EncoderCatalogTests
{
    public static TheoryData<TextModel, NGramScheme, ImageModel> AllModels()
    {
        var data = new TheoryData<TextModel, NGramScheme, ImageModel>();
        foreach (var image in Enum.GetValues<ImageModel>())
        {
            data.Add(TextModel.Bow, NGramScheme.Unigram, image);
            foreach (var scheme in new[] { NGramScheme.Bigram, NGramScheme.Trigram, NGramScheme.TrigramSkip })
            {
                data.Add(TextModel.Ngram, scheme, image);
            }

            data.Add(TextModel.Sse, NGramScheme.Unigram, image);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Encoders_give_unit_vectors_of_the_joint_dimension(TextModel text, NGramScheme scheme, ImageModel imageModel)
    {
        manual_seed(3);
        var options = new JointEmbeddingOptions
        {
            Dim = 16,
            Text = new TextEncoderOptions { Model = text, NGrams = scheme, HiddenDim = 32, WordDim = 8, GruDim = 12 },
            Image = new ImageEncoderOptions { Model = imageModel, HiddenDim = 24, PixelSize = 32 },
        };
        int[] shape = InputShape(imageModel);
        using var model = JointEmbeddingFactory.Create(options, textFeatureCount: 50, shape);
        model.eval();

        // Sentences of different lengths, including a single token, in one batch.
        var sentences = new List<int[]> { new[] { 2, 5, 9 }, new[] { 7 }, new[] { 3, 4, 5, 6, 7, 8, 9, 10 } };
        using var images = randn([3, .. shape.Select(s => (long)s)]);
        using var imageVectors = model.EncodeImages(images);
        using var textVectors = model.EncodeTexts(sentences);

        Assert.Equal(new long[] { 3, 16 }, imageVectors.shape);
        Assert.Equal(new long[] { 3, 16 }, textVectors.shape);
        foreach (var vectors in new[] { imageVectors, textVectors })
        {
            Assert.False(vectors.isnan().any().item<bool>());
            var norms = vectors.norm(1).data<float>().ToArray();
            Assert.All(norms, n => Assert.Equal(1f, n, 4));
        }
    }

    [Theory]
    [InlineData(ImageModel.ResNet18)]
    [InlineData(ImageModel.ConvNet)]
    [InlineData(ImageModel.ResNet18Tune)]
    public void MiniLm_head_gives_unit_vectors_of_the_joint_dimension_from_sentence_vectors(ImageModel imageModel)
    {
        manual_seed(4);
        var options = new JointEmbeddingOptions
        {
            Dim = 16,
            Text = new TextEncoderOptions { Model = TextModel.Minilm, HiddenDim = 32 },
            Image = new ImageEncoderOptions { Model = imageModel, HiddenDim = 24, PixelSize = 32 },
        };
        using var model = JointEmbeddingFactory.Create(options, textFeatureCount: 384, InputShape(imageModel));
        model.eval();
        var sentences = Enumerable.Range(0, 3).Select(i => TextInput.FromVector(randn(384).data<float>().ToArray())).ToList();

        using var vectors = model.EncodeTexts(sentences);

        Assert.Equal(new long[] { 3, 16 }, vectors.shape);
        Assert.False(vectors.isnan().any().item<bool>());
        Assert.All(vectors.norm(1).data<float>().ToArray(), n => Assert.Equal(1f, n, 4));
    }

    /// <summary>One image's input: pooled features, a (small) block input, or pixels.</summary>
    private static int[] InputShape(ImageModel model) => model switch
    {
        ImageModel.ResNet18 => [512],
        ImageModel.ResNet18Tune => [16, 4, 4],
        _ => [3, 32, 32],
    };

    [Fact]
    public void A_text_model_given_the_other_kind_of_input_says_which_it_reads()
    {
        var options = new JointEmbeddingOptions { Dim = 8, Text = new TextEncoderOptions { Model = TextModel.Minilm, HiddenDim = 16 } };
        using var model = JointEmbeddingFactory.Create(options, 384, [512]);

        var ids = Assert.Throws<InvalidOperationException>(() => model.EncodeTexts([new[] { 1, 2 }]));
        var width = Assert.Throws<ArgumentException>(() => model.EncodeTexts([TextInput.FromVector(new float[100])]));

        Assert.Contains("sentence vectors", ids.Message);
        Assert.Contains("384-d", width.Message);
    }

    [Fact]
    public void Sequence_encoder_ignores_padding_so_batch_company_does_not_change_a_sentence()
    {
        manual_seed(5);
        var options = new JointEmbeddingOptions { Dim = 8, Text = new TextEncoderOptions { Model = TextModel.Sse, WordDim = 6, GruDim = 5 } };
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
        var options = new JointEmbeddingOptions { Dim = 8, Text = new TextEncoderOptions { Model = TextModel.Bow, HiddenDim = 16 } };
        using var model = JointEmbeddingFactory.Create(options, 20, [512]);
        model.eval();
        using var one = model.EncodeTexts([new[] { 2, 7, 11 }]);
        using var other = model.EncodeTexts([new[] { 11, 2, 7 }]);
        using var different = model.EncodeTexts([new[] { 2, 7, 12 }]);
        Assert.True(one.allclose(other, rtol: 1e-5, atol: 1e-6));
        Assert.False(one.allclose(different, rtol: 1e-3, atol: 1e-4));
    }
}
