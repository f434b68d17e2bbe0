using Itm.Data.Ranking;

namespace Itm.Data.Tests.Ranking;

/// <summary>
/// The one top-k: fed a stream of hits (the index's scans and graphs) or ranking the rows of a matrix (evaluation), it
/// keeps the best, best first, and gives ties to the lower row, as a full sort would.
/// </summary>
public sealed class TopKTests
{
    [Fact]
    public void Keeps_the_k_best_of_a_stream_best_first_as_a_full_sort_would()
    {
        var random = new Random(3);
        var scores = Enumerable.Range(0, 1000).Select(_ => (float)Math.Round(random.NextDouble(), 2)).ToArray();
        var top = new TopK(10);

        for (int row = 0; row < scores.Length; row++)
        {
            top.Offer(row, scores[row]);
        }

        var expected = scores.Select((score, row) => new VectorHit(row, score))
            .OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Row).Take(10);
        Assert.Equal(expected, top.ToList());
    }

    [Fact]
    public void Ties_go_to_the_lower_row_whatever_the_order_they_come_in()
    {
        var forward = new TopK(2);
        var backward = new TopK(2);
        foreach (long row in new long[] { 4, 1, 3, 2 })
        {
            forward.Offer(row, 0.5f);
        }

        foreach (long row in new long[] { 2, 3, 1, 4 })
        {
            backward.Offer(row, 0.5f);
        }

        Assert.Equal([new VectorHit(1, 0.5f), new VectorHit(2, 0.5f)], forward.ToList());
        Assert.Equal(forward.ToList(), backward.ToList());
    }

    [Fact]
    public void The_threshold_is_the_worst_kept_score_once_k_are_kept()
    {
        var top = new TopK(2);
        Assert.Equal(float.NegativeInfinity, top.Threshold);
        top.Offer(0, 0.1f);
        top.Offer(1, 0.9f);
        top.Offer(2, 0.5f);
        Assert.Equal(0.5f, top.Threshold);
    }

    [Fact]
    public void Merged_heaps_keep_the_best_of_both()
    {
        var left = new TopK(3);
        var right = new TopK(3);
        for (int row = 0; row < 10; row++)
        {
            (row % 2 == 0 ? left : right).Offer(row, row);
        }

        left.Merge(right);

        Assert.Equal([9L, 8L, 7L], left.ToList().Select(hit => hit.Row));
    }

    [Fact]
    public void Search_ranks_the_rows_of_a_matrix_by_dot_product_with_ties_to_the_lower_row()
    {
        float[] items =
        [
            1, 0,
            0, 1,
            0.6f, 0.8f,
            1, 0,
        ];

        var hits = TopK.Search([1, 0], items, dim: 2, k: 3);

        Assert.Equal([new VectorHit(0, 1), new VectorHit(3, 1), new VectorHit(2, 0.6f)], hits);
    }

    [Fact]
    public void Search_returns_every_row_when_k_is_larger_and_none_for_k_zero()
    {
        float[] items = [1, 0, 0, 1];

        Assert.Equal([0L, 1L], TopK.Search([0.5f, 0.25f], items, 2, 10).Select(hit => hit.Row));
        Assert.Empty(TopK.Search([0.5f, 0.25f], items, 2, 0));
    }

    [Fact]
    public void Search_refuses_a_query_or_matrix_of_the_wrong_shape()
    {
        Assert.Throws<ArgumentException>(() => TopK.Search([1, 0, 0], [1, 0, 0, 1], 2, 1));
        Assert.Throws<ArgumentException>(() => TopK.Search([1, 0], [1, 0, 0], 2, 1));
    }
}
