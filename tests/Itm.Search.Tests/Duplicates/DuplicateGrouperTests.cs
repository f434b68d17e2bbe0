using System.Numerics.Tensors;
using Itm.Index.Nearest;
using Itm.Index.Storage;
using Itm.Index.Vectors;
using Itm.Search.Duplicates;

namespace Itm.Search.Tests.Duplicates;

/// <summary>
/// The grouping through a nearest-neighbour search finds exactly the connected components of the pairs above the
/// threshold that a naive comparison of every pair finds, however large a group is; the representative and the
/// similarities are what the vectors say.
/// </summary>
public sealed class DuplicateGrouperTests
{
    [Fact]
    public void A_copy_of_a_copy_is_in_the_group_though_it_is_below_the_threshold_to_the_first()
    {
        // Given unit vectors at 0°, 20° and 40°, one at 120°, and the threshold cos 25°: 0°–20° and 20°–40° are above it, 0°–40° is not
        var collection = Collection(Degrees(0), Degrees(20), Degrees(40), Degrees(120));

        // When grouped
        var groups = DuplicateGrouper.Group(collection, new DuplicateOptions { Threshold = MathF.Cos(25 * MathF.PI / 180) });

        // Then 0°, 20° and 40° are one group, its representative the one in the middle; 120° is in none
        var group = Assert.Single(groups);
        Assert.Equal(1, group.Representative.Row);
        Assert.Equal([0L, 1L, 2L], group.Members.Select(m => m.Row).Order());
        Assert.Equal(1f, group.Members[0].Score);
        Assert.All(group.Members.Skip(1), m => Assert.Equal(MathF.Cos(20 * MathF.PI / 180), m.Score, 1e-5f));
    }

    [Theory]
    [InlineData(1, 0.9f)]
    [InlineData(2, 0.95f)]
    [InlineData(3, 0.8f)]
    public void Groups_are_the_components_of_the_pairs_a_naive_comparison_finds(int seed, float threshold)
    {
        // Given random 16-d vectors with planted copies: groups of 2 to 40 noisy copies (more than the first pass asks for)
        var random = new Random(seed);
        var vectors = PlantedCopies(random, sources: 60, singles: 300, dimension: 16);
        var collection = Collection([.. vectors]);

        // When grouped through the exact index with few neighbours per pass and small batches
        var options = new DuplicateOptions { Threshold = threshold, Neighbours = 4, BatchSize = 37 };
        var groups = DuplicateGrouper.Group(collection, options);

        // Then the groups are those of the O(n²) comparison of every pair
        var expected = NaiveGroups(vectors, threshold);
        Assert.Equal(expected, groups.Select(g => g.Members.Select(m => m.Row).Order().ToArray()).OrderBy(g => g[0]).ToList());
        Assert.Contains(groups, g => g.Members.Count > options.Neighbours);
        Assert.Equal(groups.Select(g => g.Members.Count).OrderDescending(), groups.Select(g => g.Members.Count));
    }

    [Fact]
    public void The_representative_is_nearest_the_mean_and_the_others_come_by_their_similarity_to_it()
    {
        var random = new Random(5);
        var vectors = PlantedCopies(random, sources: 10, singles: 20, dimension: 16);
        var collection = Collection([.. vectors]);

        foreach (var group in DuplicateGrouper.Group(collection, new DuplicateOptions { Threshold = 0.9f }))
        {
            var rows = group.Members.Select(m => m.Row).ToArray();
            var mean = new float[16];
            foreach (long row in rows)
            {
                TensorPrimitives.Add(mean, vectors[(int)row], mean);
            }

            Assert.Equal(rows.MaxBy(row => TensorPrimitives.Dot(vectors[(int)row], mean)), group.Representative.Row);
            foreach (var member in group.Members.Skip(1))
            {
                Assert.Equal(TensorPrimitives.Dot(vectors[(int)member.Row], vectors[(int)group.Representative.Row]), member.Score, 1e-5f);
            }

            Assert.Equal(group.Members.Skip(1).Select(m => m.Score).OrderDescending(), group.Members.Skip(1).Select(m => m.Score));
        }
    }

    [Fact]
    public void A_pair_the_pixel_check_refuses_is_not_joined()
    {
        // Given 0°, 20° and 40° under the threshold cos 25° (one group through 20°), and a check that refuses 20°–40°
        var collection = Collection(Degrees(0), Degrees(20), Degrees(40));
        IReadOnlyList<RowPair>? asked = null;

        var groups = DuplicateGrouper.Group(collection, new DuplicateOptions { Threshold = MathF.Cos(25 * MathF.PI / 180) }, pairs =>
        {
            asked = pairs;
            return [.. pairs.Select(pair => pair != new RowPair(1, 2))];
        });

        // Then only the candidate pairs were asked about, and 40° is left out
        Assert.Equal([new RowPair(0, 1), new RowPair(1, 2)], asked!.OrderBy(pair => pair.First));
        Assert.Equal([0L, 1L], Assert.Single(groups).Members.Select(m => m.Row).Order());
    }

    [Fact]
    public void Dead_rows_are_never_grouped()
    {
        // Given two identical vectors and a third identical one whose row is dead (its image was deleted)
        float[] same = Degrees(10);
        using var rows = VectorRows.FromArray([.. same, .. same, .. same, .. Degrees(90)], 2);
        var live = RowFilter.Only(rows.Rows, [0, 2, 3]);
        var collection = new CollectionView(rows, live, new ExactIndex(rows, live));

        var group = Assert.Single(DuplicateGrouper.Group(collection, new DuplicateOptions()));

        Assert.Equal([0L, 2L], group.Members.Select(m => m.Row).Order());
    }

    [Theory]
    [InlineData(1.5f)]
    [InlineData(0.2f)]
    [InlineData(float.NaN)]
    public void A_threshold_out_of_range_is_refused_saying_what_to_give(float threshold)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DuplicateOptions { Threshold = threshold }.Validate());

        Assert.Equal("Threshold", error.ParamName);
        Assert.Contains("from 0.5 to 1", error.Message);
        Assert.Contains("higher value finds fewer", error.Message);
    }

    private static float[] Degrees(float degrees) => [MathF.Cos(degrees * MathF.PI / 180), MathF.Sin(degrees * MathF.PI / 180)];

    private static CollectionView Collection(params float[][] vectors)
    {
        var rows = VectorRows.FromArray([.. vectors.SelectMany(v => v)], vectors[0].Length);
        var live = RowFilter.All(rows.Rows);
        return new CollectionView(rows, live, new ExactIndex(rows, live));
    }

    /// <summary>Unit vectors: <paramref name="sources"/> random ones each with 1 to 39 noisy copies, and random singles, shuffled.</summary>
    private static List<float[]> PlantedCopies(Random random, int sources, int singles, int dimension)
    {
        var vectors = new List<float[]>();
        for (int s = 0; s < sources; s++)
        {
            float[] source = RandomUnit(random, dimension);
            int copies = s == 0 ? 39 : random.Next(1, 12);
            vectors.Add(source);
            for (int c = 0; c < copies; c++)
            {
                float[] noise = RandomUnit(random, dimension);
                float scale = 0.1f + (0.4f * random.NextSingle());
                float[] copy = source.Zip(noise, (a, b) => a + (scale * b)).ToArray();
                vectors.Add(Normalised(copy));
            }
        }

        for (int s = 0; s < singles; s++)
        {
            vectors.Add(RandomUnit(random, dimension));
        }

        var shuffled = vectors.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled];
    }

    private static float[] RandomUnit(Random random, int dimension)
    {
        var v = new float[dimension];
        for (int i = 0; i < dimension; i++)
        {
            // Box–Muller: directions uniform on the sphere.
            v[i] = MathF.Sqrt(-2 * MathF.Log(1 - random.NextSingle())) * MathF.Cos(2 * MathF.PI * random.NextSingle());
        }

        return Normalised(v);
    }

    private static float[] Normalised(float[] v)
    {
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    /// <summary>The reference: every pair compared, components by a breadth-first walk (no union-find).</summary>
    private static List<long[]> NaiveGroups(IReadOnlyList<float[]> vectors, float threshold)
    {
        var seen = new bool[vectors.Count];
        var groups = new List<long[]>();
        for (int start = 0; start < vectors.Count; start++)
        {
            if (seen[start])
            {
                continue;
            }

            seen[start] = true;
            var component = new List<long> { start };
            for (int next = 0; next < component.Count; next++)
            {
                for (int other = 0; other < vectors.Count; other++)
                {
                    if (!seen[other] && TensorPrimitives.Dot(vectors[(int)component[next]], vectors[other]) >= threshold)
                    {
                        seen[other] = true;
                        component.Add(other);
                    }
                }
            }

            if (component.Count > 1)
            {
                groups.Add([.. component.Order()]);
            }
        }

        return groups;
    }
}
