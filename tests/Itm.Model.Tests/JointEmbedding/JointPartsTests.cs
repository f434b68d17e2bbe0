using Itm.Model.JointEmbedding;
using Itm.Model.TextEncoders;
using static TorchSharp.torch;

namespace Itm.Model.Tests.JointEmbedding;

/// <summary>
/// A joint space split into parts: the dot product of two normalised vectors is the shares' weighted sum of each
/// part's cosine, computed here the naive way, one pair and one slice at a time.
/// </summary>
[Collection("Sequential")]
public sealed class JointPartsTests
{
    [Theory]
    [InlineData(new[] { 0.3, 0.7 }, 8)]
    [InlineData(new[] { 0.5, 0.5 }, 6)]
    [InlineData(new[] { 0.2, 0.3, 0.5 }, 9)]
    public void The_score_is_the_weighted_sum_of_each_parts_cosine(double[] shares, int dim)
    {
        using var scope = NewDisposeScope();
        var parts = new JointParts(shares);
        var texts = randn([5, dim], generator: new Generator(3)) * 4;
        var images = randn([7, dim], generator: new Generator(4));

        var scores = parts.Normalize(texts).matmul(parts.Normalize(images).t()).data<float>().ToArray();

        float[][] t = Rows(texts), v = Rows(images);
        int part = dim / shares.Length;
        for (int i = 0; i < t.Length; i++)
        {
            for (int j = 0; j < v.Length; j++)
            {
                double expected = 0;
                for (int k = 0; k < shares.Length; k++)
                {
                    expected += shares[k] * Cosine(t[i].AsSpan(k * part, part), v[j].AsSpan(k * part, part));
                }

                Assert.Equal(expected, scores[(i * v.Length) + j], 5);
            }
        }
    }

    [Fact]
    public void Vectors_keep_unit_length_and_one_part_is_plain_normalisation()
    {
        using var scope = NewDisposeScope();
        var x = randn([4, 10], generator: new Generator(5)) * 3;

        var split = new JointParts([0.4, 0.6]).Normalize(x);
        var whole = JointParts.Whole.Normalize(x);

        Assert.True(split.norm(1).allclose(ones(4), atol: 1e-5));
        Assert.True(whole.allclose(nn.functional.normalize(x, p: 2, dim: 1), atol: 1e-7));
    }

    [Fact]
    public void A_part_of_zeros_stays_zero_instead_of_dividing_by_zero()
    {
        using var scope = NewDisposeScope();
        var x = cat([zeros(2, 3), ones(2, 3)], 1);

        var unit = new JointParts([0.5, 0.5]).Normalize(x).data<float>().ToArray();

        Assert.All(unit, value => Assert.True(float.IsFinite(value)));
        Assert.Equal(0f, unit[0]);
        Assert.Equal(Math.Sqrt(0.5 / 3), unit[3], 5);
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.6 })]
    [InlineData(new[] { 1.2, -0.2 })]
    [InlineData(new double[0])]
    public void Shares_must_be_positive_and_sum_to_one(double[] shares) =>
        Assert.Throws<ArgumentException>(() => new JointParts(shares));

    [Fact]
    public void A_space_that_does_not_split_evenly_is_refused_with_the_sizes_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new JointParts([0.5, 0.5]).PartDim(255));
        Assert.Contains("255", error.Message);
    }

    [Fact]
    public void The_late_fusion_model_splits_its_space_by_the_pretrained_share()
    {
        var options = new TextEncoderOptions { Model = LateFusionTextSpec.MiniLmTrigramSkip, PretrainedShare = 0.8 };

        var parts = options.Model.Parts(options);

        Assert.Equal(2, parts.Count);
        Assert.Equal(0.2, parts.Shares[0], 9);
        Assert.Equal(0.8, parts.Shares[1], 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Model.Parts(options with { PretrainedShare = 1 }));
        Assert.Same(JointParts.Whole, BagOfFeaturesSpec.Bigram.Parts(options));
    }

    private static float[][] Rows(Tensor x) =>
        [.. Enumerable.Range(0, (int)x.shape[0]).Select(i => x[i].data<float>().ToArray())];

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
