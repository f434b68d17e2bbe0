namespace Itm.Server.Tests.Fixtures;

/// <summary>Comparing a served ranking with the query service's own.</summary>
public static class Rankings
{
    /// <summary>
    /// The served keys come in the expected order, except that results whose expected scores are within
    /// <paramref name="tolerance"/> may trade places: byte-identical copies of an image score the same up to the last
    /// bits of a float sum, whose order of addition depends on where a row falls in the scan's SIMD tiles.
    /// </summary>
    public static void AssertSameUpToTies<TKey>(IReadOnlyList<(TKey Key, float Score)> expected, IReadOnlyList<TKey> served, float tolerance = 1e-5f)
        where TKey : notnull
    {
        Assert.Equal(expected.Select(e => e.Key).Order(), served.Order());
        var scores = expected.ToDictionary(e => e.Key, e => e.Score);
        for (int rank = 0; rank < served.Count; rank++)
        {
            Assert.True(
                Math.Abs(scores[served[rank]] - expected[rank].Score) <= tolerance,
                $"rank {rank + 1}: served {served[rank]} (expected score {scores[served[rank]]}), expected {expected[rank].Key} ({expected[rank].Score})");
        }
    }
}
