using System.Numerics.Tensors;
using Itm.Data.Ranking;
using Itm.Index.Storage;

namespace Itm.Search.Duplicates;

/// <summary>
/// Groups the live rows of a collection whose vectors are at least <see cref="DuplicateOptions.Threshold"/> alike,
/// transitively: the connected components of the graph of such pairs. The pairs come from the collection's own
/// nearest-neighbour search, each row's vector a query in batches, so the work grows with n·k searches instead of
/// the n² of comparing every pair; an image with more neighbours above the threshold than it asked for asks again
/// for more (<see cref="DuplicateOptions.Neighbours"/>). With an exact search the groups are exactly the components
/// of the pairs above the threshold (that the caller confirms); with an HNSW graph, a pair the graph misses can split a group.
/// </summary>
public static class DuplicateGrouper
{
    /// <summary>How much larger each repeated search for an image's neighbours is.</summary>
    private const int Growth = 4;

    /// <summary>The groups of two or more rows, largest first (then by their representative's row).</summary>
    /// <param name="confirm">
    /// Given the candidate pairs (rows whose vectors are above the threshold), whether each is a duplicate after all
    /// (a look at the pixels, <see cref="PixelFingerprint"/>); null: every candidate is.
    /// </param>
    public static IReadOnlyList<RowGroup> Group(
        CollectionView collection, DuplicateOptions options, Func<IReadOnlyList<RowPair>, bool[]>? confirm = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var rows = collection.Rows;
        long[] live = collection.Live.LiveRows(rows.Rows).ToArray();
        var slotOfRow = new int[rows.Rows];
        Array.Fill(slotOfRow, -1);
        for (int slot = 0; slot < live.Length; slot++)
        {
            slotOfRow[live[slot]] = slot;
        }

        var candidates = new HashSet<(int First, int Second)>();
        var pending = Enumerable.Range(0, live.Length).ToList();
        int k = Math.Min(options.Neighbours, live.Length);
        while (pending.Count > 0)
        {
            var again = new List<int>();
            foreach (var batch in pending.Chunk(options.BatchSize))
            {
                cancellation.ThrowIfCancellationRequested();
                var hits = collection.Index.SearchBatch(Queries(collection, live, batch), k);
                for (int i = 0; i < batch.Length; i++)
                {
                    if (CollectAbove(candidates, batch[i], hits[i], slotOfRow, options.Threshold) && hits[i].Count >= k && k < live.Length)
                    {
                        again.Add(batch[i]);
                    }
                }
            }

            pending = again;
            k = (int)Math.Min((long)k * Growth, live.Length);
        }

        var pairs = candidates.ToArray();
        bool[]? confirmed = confirm?.Invoke([.. pairs.Select(pair => new RowPair(live[pair.First], live[pair.Second]))]);
        var sets = new DisjointSets(live.Length);
        for (int i = 0; i < pairs.Length; i++)
        {
            if (confirmed is null || confirmed[i])
            {
                sets.Union(pairs[i].First, pairs[i].Second);
            }
        }

        return sets.Groups()
            .Select(group => Ranked(collection, group.Select(slot => live[slot]).ToArray()))
            .OrderByDescending(group => group.Members.Count)
            .ThenBy(group => group.Representative.Row)
            .ToList();
    }

    /// <summary>Adds a pair for each live hit above the threshold but <paramref name="slot"/> itself; true when every hit was above it (there may be more).</summary>
    private static bool CollectAbove(HashSet<(int, int)> candidates, int slot, IReadOnlyList<VectorHit> hits, int[] slotOfRow, float threshold)
    {
        foreach (var hit in hits)
        {
            if (hit.Score < threshold)
            {
                return false;
            }

            if (slotOfRow[hit.Row] is int other and >= 0 && other != slot)
            {
                candidates.Add((Math.Min(slot, other), Math.Max(slot, other)));
            }
        }

        return true;
    }

    /// <summary>The vectors of the rows of <paramref name="batch"/>, row-major: one query each.</summary>
    private static float[] Queries(CollectionView collection, long[] live, int[] batch)
    {
        int dimension = collection.Rows.Dimension;
        var queries = new float[batch.Length * dimension];
        for (int i = 0; i < batch.Length; i++)
        {
            collection.Rows.CopyRows(live[batch[i]], 1, queries.AsSpan(i * dimension, dimension));
        }

        return queries;
    }

    /// <summary>The group with its representative (nearest the mean vector) first, the others by their cosine to it.</summary>
    private static RowGroup Ranked(CollectionView collection, long[] members)
    {
        var rows = collection.Rows;
        var mean = new float[rows.Dimension];
        var buffer = new float[rows.Dimension];
        foreach (long row in members)
        {
            TensorPrimitives.Add(mean, rows.Row(row, buffer), mean);
        }

        long representative = members.MaxBy(row => rows.Dot(row, mean));
        var representativeVector = rows.RowArray(representative);
        var others = members
            .Where(row => row != representative)
            .Select(row => new VectorHit(row, rows.Dot(row, representativeVector)))
            .OrderByDescending(hit => hit.Score)
            .ThenBy(hit => hit.Row);
        return new RowGroup([new VectorHit(representative, 1f), .. others]);
    }
}
