using System.Runtime.InteropServices;
using Itm.Data.Ranking;
using Itm.Index.Nearest;
using Itm.Index.Vectors;

namespace Itm.Index.Garnet;

/// <summary>
/// A collection searched in Garnet: every query goes to all shard keys at once (VSIM, top k of each) and the hits are
/// merged into one top k. Hits are checked against the reader's snapshot of the catalog (its live rows), so results
/// always resolve to catalog entries.
/// <para>
/// The copy in Garnet is the folder's latest state, while a reader answers from its snapshot: an <c>itm index</c> run
/// that adds rows (which would take places in a shard's top k only to be left out here) or removes rows that the
/// snapshot still holds would make the merged answer wrong. Writers count every change in a key's companion before
/// making it (<see cref="GarnetStore.CountWrite"/>), each search reads that count right after it ran, and when any
/// shard's count differs from the one this index opened with the query is answered by an exact scan of the snapshot's
/// own vectors instead: the same answer the copy gave before it moved on, and until the server opens the new snapshot.
/// </para>
/// <para>
/// A shard whose count changed while the folder did not (its count is gone with the rest of its data), or that held
/// vectors when the index was opened and now answers with none, has lost them (a node restarted without its data):
/// the snapshot's vectors answer that query and every later one, rather than leave the shard's images out, and
/// <see cref="Kind"/> says so; the next <c>itm index</c> run pushes the copy again.
/// </para>
/// </summary>
public sealed class GarnetVectorIndex : IVectorIndex
{
    private readonly GarnetStore store;
    private readonly IReadOnlyList<string> keys;
    private readonly IReadOnlyList<long> held;
    private readonly IReadOnlyList<long> writes;
    private readonly RowFilter live;
    private readonly long rows;
    private readonly Lazy<ExactIndex> snapshot;

    // Set once the copy moved on under this snapshot or lost vectors: the snapshot's own vectors answer from then on.
    private volatile bool filesAnswer;

    /// <param name="held">Each key's element count when opened.</param>
    /// <param name="writes">Each key's write count when opened (<see cref="GarnetStore.Writes"/>), read before <paramref name="held"/>.</param>
    /// <param name="vectors">The snapshot's vectors, which answer once the copy has moved on; the caller keeps ownership.</param>
    public GarnetVectorIndex(GarnetStore store, IReadOnlyList<string> keys, IReadOnlyList<long> held, IReadOnlyList<long> writes, RowFilter live, VectorRows vectors)
    {
        this.store = store;
        this.keys = keys;
        this.held = held;
        this.writes = writes;
        this.live = live;
        rows = vectors.Rows;
        Dimension = vectors.Dimension;
        snapshot = new Lazy<ExactIndex>(() => new ExactIndex(vectors, live));
    }

    /// <summary>Garnet; an exact scan once the snapshot's own vectors answer instead (the copy moved on, or lost vectors).</summary>
    public VectorIndexKind Kind => filesAnswer ? VectorIndexKind.Exact : VectorIndexKind.Garnet;

    public int Dimension { get; }

    public long Count => live.LiveCount;

    /// <summary>The shard keys, in shard order.</summary>
    public IReadOnlyList<string> Keys => keys;

    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k)
    {
        CheckQuery(query.Length);
        if (!filesAnswer)
        {
            byte[] blob = MemoryMarshal.AsBytes(query).ToArray();
            var answers = Answers([.. Enumerable.Range(0, keys.Count).Select(s => Ask(s, blob, k))]);
            if (CopyAnswers(answers, 0, k))
            {
                return Merge(answers, 0, k);
            }
        }

        return snapshot.Value.Search(query, k);
    }

    public IReadOnlyList<IReadOnlyList<VectorHit>> SearchBatch(ReadOnlyMemory<float> queries, int k)
    {
        CheckQuery(queries.Length, batch: true);
        if (!filesAnswer)
        {
            int count = queries.Length / Dimension;
            var pending = new GarnetStore.PendingSearch?[count * keys.Count];
            for (int q = 0; q < count; q++)
            {
                byte[] blob = MemoryMarshal.AsBytes(queries.Span.Slice(q * Dimension, Dimension)).ToArray();
                for (int s = 0; s < keys.Count; s++)
                {
                    pending[q * keys.Count + s] = Ask(s, blob, k);
                }
            }

            var answers = Answers(pending);
            if (Enumerable.Range(0, count).All(q => CopyAnswers(answers, q * keys.Count, k)))
            {
                return [.. Enumerable.Range(0, count).Select(q => Merge(answers, q * keys.Count, k))];
            }
        }

        return snapshot.Value.SearchBatch(queries, k);
    }

    public void Dispose()
    {
        // The store is the reader's, shared by its collections.
    }

    /// <summary>One shard's top k, sent; null for a shard that was empty when opened (not asked: its key may not even exist).</summary>
    private GarnetStore.PendingSearch? Ask(int shard, byte[] query, int k) =>
        held[shard] == 0 ? null : store.StartSearch(keys[shard], query, k, store.Options.SearchExpansion);

    /// <summary>
    /// Waits for every shard's replies and reads them, in the order sent (shards of one query, then the next query's);
    /// a shard that fails or is late fails the whole query.
    /// </summary>
    private List<GarnetStore.ShardAnswer> Answers(IReadOnlyList<GarnetStore.PendingSearch?> pending)
    {
        var replies = pending.SelectMany(search => search?.Replies ?? []).ToArray();
        bool inTime;
        try
        {
            inTime = Task.WaitAll(replies, store.Options.QueryTimeout);
        }
        catch (AggregateException)
        {
            inTime = true;
        }

        var answers = new List<GarnetStore.ShardAnswer>(pending.Count);
        for (int i = 0; i < pending.Count; i++)
        {
            if (pending[i] is not { } search)
            {
                answers.Add(new GarnetStore.ShardAnswer([], writes[i % keys.Count]));
                continue;
            }

            foreach (var reply in search.Replies)
            {
                if (reply.IsFaulted)
                {
                    throw store.Unavailable(search.Key, reply.Exception!.GetBaseException());
                }

                if (!inTime && !reply.IsCompleted)
                {
                    throw store.Unavailable(search.Key, null);
                }
            }

            answers.Add(search.Read());
        }

        return answers;
    }

    /// <summary>
    /// Whether the copy's answers to one query (from <paramref name="first"/>) are this snapshot's. They are not when a
    /// write was counted on a shard since this index opened (a later run changed the folder, or a node lost the key with
    /// its count), or when a shard that held vectors answers with none (a node that came back without its data): from
    /// then on the snapshot's own vectors answer.
    /// </summary>
    private bool CopyAnswers(IReadOnlyList<GarnetStore.ShardAnswer> answers, int first, int k)
    {
        bool moved = Enumerable.Range(0, keys.Count).Any(s => answers[first + s].Writes != writes[s]);
        bool emptied = k > 0 && Enumerable.Range(0, keys.Count).Any(s => held[s] > 0 && answers[first + s].Hits.Count == 0);
        if (moved || emptied)
        {
            // Once moved on or lost, always: the folder never goes back to this snapshot's state, and a lost copy is made
            // whole only by the next run, which a new snapshot reads.
            filesAnswer = true;
        }

        return !filesAnswer;
    }

    /// <param name="answers">Each key's answer, in key order, for one query from <paramref name="first"/>.</param>
    private List<VectorHit> Merge(IReadOnlyList<GarnetStore.ShardAnswer> answers, int first, int k) =>
        [.. Enumerable.Range(0, keys.Count).SelectMany(s => answers[first + s].Hits)
            .Where(hit => hit.Row < rows && live.IsLive(hit.Row))
            .OrderByDescending(hit => hit.Score)
            .ThenBy(hit => hit.Row)
            .Take(k)];

    private void CheckQuery(int floats, bool batch = false)
    {
        if (batch ? floats % Dimension != 0 : floats != Dimension)
        {
            throw new ArgumentException($"Queries are {Dimension}-d vectors; got {floats} floats.");
        }
    }
}
