using Itm.Data.Ranking;

namespace Itm.Index.Tests.Fixtures;

/// <summary>The oracle: score every row with a plain loop, sort everything, take the first k.</summary>
internal static class NaiveSearch
{
    public static List<VectorHit> TopK(float[] rows, int dimension, float[] query, int k, Func<long, bool>? isLive = null)
    {
        var hits = new List<VectorHit>();
        for (int row = 0; row < rows.Length / dimension; row++)
        {
            if (isLive is not null && !isLive(row))
            {
                continue;
            }

            float score = 0;
            for (int d = 0; d < dimension; d++)
            {
                score += rows[(row * dimension) + d] * query[d];
            }

            hits.Add(new VectorHit(row, score));
        }

        return hits.OrderByDescending(h => h.Score).ThenBy(h => h.Row).Take(k).ToList();
    }
}
