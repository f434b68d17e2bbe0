using Itm.Model.JointEmbedding;
using static TorchSharp.torch;
using Itm.Model.TextEncoders;

namespace Itm.Model.Tests.JointEmbedding;

/// <summary>
/// A query prior specialises one direction: it reorders that direction's rankings and cannot reorder the other's.
/// </summary>
[Collection("Sequential")]
public sealed class QueryPriorTests
{
    private const int Images = 6;
    private const int Sentences = 9;

    [Theory]
    [InlineData(QueryPrior.Search)]
    [InlineData(QueryPrior.Annotate)]
    public void The_prior_reorders_only_its_own_direction(QueryPrior side)
    {
        using var scope = NewDisposeScope();
        using var model = Model(side);
        using var noGrad = no_grad();
        model.eval();
        var features = randn([Images, 8], generator: new Generator(11));
        var sentences = Enumerable.Range(0, Sentences).Select(i => new[] { i % 5, (i * 3 % 7) + 5 }).ToList();

        var (i2tBefore, t2iBefore) = Rankings(model, features, sentences);
        model.state_dict()["prior"].copy_(randn(16, generator: new Generator(12)) * 3);
        var (i2tAfter, t2iAfter) = Rankings(model, features, sentences);

        // The direction that has the prior as its queries' term: some ranking changes (a prior of norm ~12 dominates cosines).
        // The other direction: the added term is the same for every candidate of a query, so no ranking can change.
        if (side == QueryPrior.Search)
        {
            Assert.Equal(i2tBefore, i2tAfter);
            Assert.NotEqual(t2iBefore, t2iAfter);
        }
        else
        {
            Assert.Equal(t2iBefore, t2iAfter);
            Assert.NotEqual(i2tBefore, i2tAfter);
        }
    }

    [Fact]
    public void Only_a_model_with_a_prior_has_the_prior_weight()
    {
        using var plain = Model(QueryPrior.None);
        using var search = Model(QueryPrior.Search);

        Assert.DoesNotContain("prior", plain.state_dict().Keys);
        Assert.Equal([16L], search.state_dict()["prior"].shape);
    }

    private static JointEmbeddingModel Model(QueryPrior side)
    {
        manual_seed(5);
        var options = new JointEmbeddingOptions
        {
            Dim = 16,
            Prior = side,
            Text = new TextEncoderOptions { Model = BagOfFeaturesSpec.Bow, HiddenDim = 16 },
            Image = new ImageEncoderOptions { HiddenDim = 16 },
        };
        return JointEmbeddingFactory.Create(options, 12, [8]);
    }

    /// <summary>Every image's ranking of the sentences and every sentence's ranking of the images, by score.</summary>
    private static (string I2T, string T2I) Rankings(JointEmbeddingModel model, Tensor features, List<int[]> sentences)
    {
        var scores = model.EncodeImages(features).matmul(model.EncodeTexts(sentences).t()); // [images, sentences]
        string Order(Tensor rows) => string.Join(';', Enumerable.Range(0, (int)rows.shape[0])
            .Select(r => string.Join(',', rows[r].argsort(descending: true).data<long>().ToArray())));
        return (Order(scores), Order(scores.t()));
    }
}
