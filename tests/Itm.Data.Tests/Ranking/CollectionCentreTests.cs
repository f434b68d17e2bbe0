using Itm.Data.Ranking;

namespace Itm.Data.Tests.Ranking;

/// <summary>Centring a collection's vectors on its mean, against a plain loop written out from the definition.</summary>
public sealed class CollectionCentreTests
{
    [Fact]
    public void The_mean_is_the_plain_mean_shrunk_by_n_over_n_plus_four()
    {
        var rows = RandomRows(count: 6, dimension: 5, seed: 1);

        var centre = CollectionCentre.Estimate(rows, 5, [1.0]);

        for (int d = 0; d < 5; d++)
        {
            double mean = Enumerable.Range(0, 6).Average(row => rows[(row * 5) + d]);
            Assert.Equal(mean * 6 / (6 + CollectionCentre.ShrinkImages), centre.Mean[d], 5);
        }
    }

    [Theory]
    [InlineData(new[] { 1.0 })]
    [InlineData(new[] { 0.7, 0.3 })]
    public void Each_part_of_v_minus_the_mean_is_normalised_and_scaled_by_the_root_of_its_share(double[] shares)
    {
        const int dimension = 8;
        var rows = RandomRows(count: 5, dimension, seed: 2);
        var centre = CollectionCentre.Estimate(rows, dimension, shares);

        float[] centred = centre.Centred(rows);

        int part = dimension / shares.Length;
        for (int row = 0; row < 5; row++)
        {
            for (int k = 0; k < shares.Length; k++)
            {
                var difference = Enumerable.Range(0, part).Select(i => (double)rows[(row * dimension) + (k * part) + i] - centre.Mean[(k * part) + i]).ToArray();
                double norm = Math.Sqrt(difference.Sum(x => x * x));
                for (int i = 0; i < part; i++)
                {
                    Assert.Equal(difference[i] / norm * Math.Sqrt(shares[k]), centred[(row * dimension) + (k * part) + i], 5);
                }
            }
        }
    }

    [Theory]
    [InlineData(new[] { 1.0 })]
    [InlineData(new[] { 0.7, 0.3 })]
    public void Restoring_centred_vectors_gives_back_what_the_model_gave(double[] shares)
    {
        const int dimension = 8;
        int part = dimension / shares.Length;
        var rows = RandomRows(count: 20, dimension, seed: 5);
        for (int start = 0; start < rows.Length; start += part)
        {
            var slice = rows.AsSpan(start, part);
            float norm = MathF.Sqrt(Dot(slice, slice));
            double share = shares[start / part % shares.Length];
            for (int i = 0; i < part; i++)
            {
                slice[i] *= (float)Math.Sqrt(share) / norm;   // as the model gives them: each part of length sqrt(share)
            }
        }

        var centre = CollectionCentre.Estimate(rows, dimension, shares);
        float[] restored = centre.Centred(rows);
        centre.Restore(restored);

        Assert.Equal(rows, restored, new ToleranceComparer(1e-5f));
    }

    [Fact]
    public void One_picture_or_copies_of_one_keep_their_direction()
    {
        float[] one = [0.6f, 0.8f, 0f];
        float[] copies = [.. one, .. one, .. one];

        Assert.Equal(one, CollectionCentre.Estimate(one, 3, [1.0]).Centred(one), new ToleranceComparer(1e-6f));
        Assert.Equal(copies, CollectionCentre.Estimate(copies, 3, [1.0]).Centred(copies), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void A_vector_the_centre_cancels_is_kept_as_it_was()
    {
        var centre = new CollectionCentre([0.6f, 0.8f], [1.0]);
        float[] same = [0.6f, 0.8f];

        centre.Apply(same);

        Assert.Equal([0.6f, 0.8f], same);
    }

    [Fact]
    public void Vectors_crowded_in_a_cone_are_spread_around_the_origin()
    {
        // A hundred pictures leaning on one axis, as a model puts pictures of a kind it never saw: their mean is long,
        // and whichever lies nearest it is near the top of every query. Centred, they no longer share a direction.
        var random = new Random(4);
        float[] rows = [.. Enumerable.Range(0, 100).SelectMany(_ => Normalised([1f + Noise(random), Noise(random), Noise(random)]))];

        float[] centred = CollectionCentre.Estimate(rows, 3, [1.0]).Centred(rows);

        Assert.True(MeanLength(rows) > 0.85, $"the pictures' mean is {MeanLength(rows)} long");
        Assert.True(MeanLength(centred) < 0.3, $"the centred pictures' mean is {MeanLength(centred)} long");
        for (int row = 0; row < 100; row++)
        {
            Assert.Equal(1f, MathF.Sqrt(Dot(centred.AsSpan(row * 3, 3), centred.AsSpan(row * 3, 3))), 4);
        }
    }

    [Fact]
    public void A_sample_is_spread_evenly_over_the_items_and_never_larger_than_they_are()
    {
        Assert.Equal([0, 3, 6], CollectionCentre.SampleOf(Enumerable.Range(0, 10).ToList(), 3));
        Assert.Equal([0, 1], CollectionCentre.SampleOf([0, 1], 256));
    }

    [Fact]
    public void Rows_that_do_not_fit_the_dimension_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CollectionCentre.Estimate(new float[7], 3, [1.0]));
        Assert.Throws<ArgumentException>(() => CollectionCentre.Estimate([], 3, [1.0]));
        Assert.Throws<ArgumentException>(() => new CollectionCentre(new float[3], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => new CollectionCentre([float.NaN, 0f], [1.0]));
    }

    private static float[] RandomRows(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count * dimension).Select(_ => (float)(random.NextDouble() - 0.3))];
    }

    private static float[] Normalised(float[] v)
    {
        float norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    private static float Noise(Random random) => (float)(random.NextDouble() - 0.5) * 0.8f;

    private static float MeanLength(float[] rows)
    {
        float[] mean = new float[3];
        for (int i = 0; i < rows.Length; i++)
        {
            mean[i % 3] += rows[i] / (rows.Length / 3);
        }

        return MathF.Sqrt(Dot(mean, mean));
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
