using System.Runtime.InteropServices;
using Itm.Data.Ranking;
using Itm.Index.Nearest;

namespace Itm.Index.Garnet;

/// <summary>
/// A collection searched in Garnet: every query goes to all shard keys at once (VSIM, top k of each) and the hits are
/// merged into one top k. Hits are checked against the reader's snapshot of the catalog (its live rows): a row
/// pushed or removed by an indexer after the snapshot was taken is left out, so results always resolve to catalog entries.
/// A shard that held vectors when the index was opened but answers with none has lost them (a node restarted without
/// its data, or a newer index run replaced the copy): that fails the query rather than leave the shard's images out.
/// </summary>
public sealed class GarnetVectorIndex : IVectorIndex
{
    private readonly GarnetStore store;
    private readonly IReadOnlyList<string> keys;
    private readonly IReadOnlyList<long> held;
    private readonly RowFilter live;
    private readonly long rows;

    /// <param name="held">Each key's element count when opened.</param>
    public GarnetVectorIndex(GarnetStore store, IReadOnlyList<string> keys, IReadOnlyList<long> held, int dimension, RowFilter live, long rows)
    {
        this.store = store;
        this.keys = keys;
        this.held = held;
        this.live = live;
        this.rows = rows;
        Dimension = dimension;
    }

    public VectorIndexKind Kind => VectorIndexKind.Garnet;

    public int Dimension { get; }

    public long Count => live.LiveCount;

    /// <summary>The shard keys, in shard order.</summary>
    public IReadOnlyList<string> Keys => keys;

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k)
    {
        CheckQuery(query.Length);
        byte[] blob = MemoryMarshal.AsBytes(query).ToArray();
        var replies = Enumerable.Range(0, keys.Count).Select(s => Ask(s, blob, k)).ToArray();
        Wait(replies, keys);
        return Merge([.. replies.Select(reply => reply.Result)], k);
    }

    public IReadOnlyList<IReadOnlyList<VectorHit>> SearchBatch(ReadOnlyMemory<float> queries, int k)
    {
        CheckQuery(queries.Length, batch: true);
        int count = queries.Length / Dimension;
        var replies = new Task<IReadOnlyList<VectorHit>>[count * keys.Count];
        var replyKeys = new string[replies.Length];
        for (int q = 0; q < count; q++)
        {
            byte[] blob = MemoryMarshal.AsBytes(queries.Span.Slice(q * Dimension, Dimension)).ToArray();
            for (int s = 0; s < keys.Count; s++)
            {
                replies[q * keys.Count + s] = Ask(s, blob, k);
                replyKeys[q * keys.Count + s] = keys[s];
            }
        }

        Wait(replies, replyKeys);
        return [.. Enumerable.Range(0, count).Select(q => Merge([.. replies.Skip(q * keys.Count).Take(keys.Count).Select(reply => reply.Result)], k))];
    }

    public void Dispose()
    {
        // The store is the reader's, shared by its collections.
    }

    /// <summary>One shard's top k; a shard that was empty when opened is not asked (its key may not even exist).</summary>
    private Task<IReadOnlyList<VectorHit>> Ask(int shard, byte[] query, int k) =>
        held[shard] == 0 ? Task.FromResult<IReadOnlyList<VectorHit>>([]) : store.SearchAsync(keys[shard], query, k, store.Options.SearchExpansion);

    /// <summary>Waits for every shard's reply; a shard that fails or is late fails the whole query.</summary>
    private void Wait(Task[] replies, IReadOnlyList<string> replyKeys)
    {
        bool inTime;
        try
        {
            inTime = Task.WaitAll(replies, store.Options.QueryTimeout);
        }
        catch (AggregateException)
        {
            inTime = true;
        }

        for (int i = 0; i < replies.Length; i++)
        {
            if (replies[i].IsFaulted)
            {
                var cause = replies[i].Exception!.GetBaseException();
                if (cause is InvalidDataException)
                {
                    throw cause;
                }

                throw store.Unavailable(replyKeys[i], cause);
            }

            if (!inTime && !replies[i].IsCompleted)
            {
                throw store.Unavailable(replyKeys[i], null);
            }
        }
    }

    /// <param name="shards">Each key's hits, in key order.</param>
    private List<VectorHit> Merge(IReadOnlyList<IReadOnlyList<VectorHit>> shards, int k)
    {
        for (int s = 0; s < shards.Count; s++)
        {
            if (shards[s].Count == 0 && held[s] > 0 && k > 0)
            {
                throw new IndexFolderException(
                    $"Garnet key {keys[s]} on node {store.NodeOf(keys[s])} held {held[s]:N0} vectors when the index was opened and now holds none: " +
                    "the node lost its data (restarted without its AOF or checkpoint?), or a newer `itm index` run replaced the copy. " +
                    "Run `itm index ... --db DIR` to push the vectors again, then reopen the index (restart `itm serve`).",
                    IndexProblem.BackendUnavailable);
            }
        }

        return [.. shards.SelectMany(hits => hits)
            .Where(hit => hit.Row < rows && live.IsLive(hit.Row))
            .OrderByDescending(hit => hit.Score)
            .ThenBy(hit => hit.Row)
            .Take(k)];
    }

    private void CheckQuery(int floats, bool batch = false)
    {
        if (batch ? floats % Dimension != 0 : floats != Dimension)
        {
            throw new ArgumentException($"Queries are {Dimension}-d vectors; got {floats} floats.");
        }
    }
}
