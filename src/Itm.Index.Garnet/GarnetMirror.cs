using System.Diagnostics;
using System.Security.Cryptography;
using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Nearest;
using Itm.Index.Storage;
using Itm.Index.Vectors;

namespace Itm.Index.Garnet;

/// <summary>
/// Keeps a Garnet copy of an index folder's collections: the writer's side of <c>--backend garnet</c>.
/// <para>
/// The folder stays the source of truth: its catalog and vector files are written exactly as for the embedded index,
/// and after each indexing run <see cref="Sync"/> brings the copy up to date. Rows appended since the last sync are
/// added (VADD, pipelined), rows that died since (changed and deleted images) are removed (VREM), and both are recorded
/// in one catalog transaction once Garnet has them. Both commands are idempotent, so a sync cut short is simply done
/// again. The copy is pushed whole, into new keys (the next epoch), when it has none yet, when compaction renumbered
/// the rows, when the layout (shards, DiskANN parameters) changed, or when Garnet does not hold the number of vectors it
/// should (a node that lost its data): the old keys are deleted only after the new copy is recorded. Before a copy is
/// recorded, each key is counted against the rows it was sent, and a key that differs is sent them again
/// (<see cref="Repair"/>).
/// </para>
/// <para>
/// Every change to a key is counted first in its companion key (<see cref="GarnetKeys.Writes"/>), and a deleted key
/// loses its count: a server still answering from the folder's previous snapshot sees that the copy moved on under it
/// and answers from the snapshot's own vector file instead (<see cref="GarnetVectorIndex"/>).
/// </para>
/// </summary>
public static class GarnetMirror
{
    /// <summary>
    /// Binds the folder to the store's nodes (or updates the binding's nodes), keeping what is already pushed when the
    /// layout is unchanged. A new layout deletes the old copies; the next <see cref="Sync"/> pushes them again.
    /// </summary>
    public static GarnetBinding Bind(IndexFolder folder, GarnetStore store, GarnetOptions options)
    {
        var existing = GarnetBinding.Read(folder.Catalog);
        int shards = options.Shards > 0 ? options.Shards : existing?.Shards ?? store.NodeCount;
        var binding = new GarnetBinding(store.Endpoints, shards, existing?.KeyPrefix ?? NewKeyPrefix(), options.Links, options.BuildExpansion,
            existing?.Images ?? GarnetCopy.None, existing?.Captions ?? GarnetCopy.None);
        CheckVectorSetsPerNode(binding, store);
        if (existing is not null && (existing.Shards != binding.Shards || existing.Links != binding.Links || existing.BuildExpansion != binding.BuildExpansion))
        {
            foreach (var collection in Enum.GetValues<VectorCollection>())
            {
                DeleteCopy(store, existing, collection);
                binding = binding.With(collection, existing[collection].Dropped());
            }
        }

        Save(folder, binding);
        return binding;
    }

    /// <summary>Unbinds the folder: its own files answer queries again. The Garnet keys are deleted when the store is given.</summary>
    public static void Unbind(IndexFolder folder, GarnetStore? store)
    {
        var binding = GarnetBinding.Read(folder.Catalog);
        if (binding is null)
        {
            return;
        }

        if (store is not null)
        {
            foreach (var collection in Enum.GetValues<VectorCollection>())
            {
                DeleteCopy(store, binding, collection);
            }
        }

        using var transaction = folder.Catalog.BeginTransaction();
        GarnetBinding.Delete(folder.Catalog, transaction);
        foreach (var collection in Enum.GetValues<VectorCollection>())
        {
            folder.Catalog.ClearGarnetRemovedRows(transaction, collection);
        }

        transaction.Commit();
    }

    /// <summary>Brings one collection's copy up to date with the folder; returns the binding as recorded afterwards.</summary>
    public static GarnetBinding Sync(IndexFolder folder, GarnetStore store, GarnetBinding binding, VectorCollection collection,
        IProgress<IndexEvent>? progress = null, CancellationToken cancellation = default)
    {
        var state = folder.State[collection];
        var copy = binding[collection];
        var live = folder.Catalog.LiveRows(collection);
        bool sameRows = copy.IsPushed && copy.Generation == state.Generation;
        long held = sameRows ? binding.Keys(collection, copy.Epoch).Sum(store.Count) : 0;
        if (copy.IsCurrent(state) && held == live.Count)
        {
            return binding;
        }

        using var rows = VectorRows.MapCommitted(IndexFiles.Vectors(folder.Folder, collection, state.Generation), state.Rows, folder.Identity.Dimension);
        if (copy.IsCurrent(state))
        {
            progress?.Report(Lost(collection, held, live.Count));
        }
        else if (sameRows && Update(folder, store, binding, collection, live, rows, held, progress, cancellation) is { } updated)
        {
            return updated;
        }

        return PushWhole(folder, store, binding, collection, live, rows, progress, cancellation);
    }

    /// <summary>
    /// Removes the rows that died and adds the rows appended since the copy was made; null when Garnet does not hold
    /// what it should, which only a whole push repairs.
    /// </summary>
    private static GarnetBinding? Update(IndexFolder folder, GarnetStore store, GarnetBinding binding, VectorCollection collection,
        IReadOnlyList<long> live, VectorRows rows, long held, IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        var state = folder.State[collection];
        var copy = binding[collection];
        var filter = RowFilter.Only(state.Rows, live);
        var removed = folder.Catalog.GarnetRemovedRows(collection);
        var dead = Enumerable.Range(0, (int)copy.Rows).Select(r => (long)r).Where(r => !filter.IsLive(r) && !removed.Contains(r)).ToList();
        var added = live.Where(r => r >= copy.Rows).ToList();
        long expected = copy.Rows - removed.Count;
        // An interrupted sync may have removed some of the dead rows or added some of the new ones already.
        if (held < expected - dead.Count || held > expected + added.Count)
        {
            progress?.Report(Lost(collection, held, expected));
            return null;
        }

        string name = Noun(collection);
        var keys = binding.Keys(collection, copy.Epoch);
        var clock = Stopwatch.StartNew();
        progress?.Report(new IndexStageStarted(IndexStage.SyncGarnet, $"Updating the Garnet copy of the {name} vectors", added.Count + dead.Count));
        foreach (string key in keys)
        {
            // Before the first change: a server still answering from the folder's previous snapshot must see it.
            store.CountWrite(key);
        }

        Push(store, binding, keys, dead, remove: true, rows, progress, added.Count + dead.Count, 0, cancellation);
        Push(store, binding, keys, added, remove: false, rows, progress, added.Count + dead.Count, dead.Count, cancellation);
        Repair(store, binding, keys, live, dead, rows, progress, cancellation);
        binding = binding.With(collection, copy with { Rows = state.Rows, Revision = state.Revision });
        using (var transaction = folder.Catalog.BeginTransaction())
        {
            folder.Catalog.AddGarnetRemovedRows(transaction, collection, dead);
            binding.Write(folder.Catalog, transaction);
            transaction.Commit();
        }

        progress?.Report(new IndexStageFinished(IndexStage.SyncGarnet,
            $"Garnet copy of the {name} vectors: {added.Count:N0} added, {dead.Count:N0} removed in {clock.Elapsed.TotalSeconds:F1}s ({live.Count:N0} in {binding.Shards} keys)"));
        return binding;
    }

    /// <summary>"image" or "caption", to name the vectors in messages.</summary>
    internal static string Noun(VectorCollection collection) => collection == VectorCollection.Images ? "image" : "caption";

    private static IndexNotice Lost(VectorCollection collection, long held, long expected) => new(
        $"Garnet holds {held:N0} {Noun(collection)} vectors, but should hold {expected:N0}: its data was lost or " +
        "changed (a node restarted without its AOF or checkpoint?). Pushing all of them again.");

    private static GarnetBinding PushWhole(IndexFolder folder, GarnetStore store, GarnetBinding binding, VectorCollection collection,
        IReadOnlyList<long> live, VectorRows rows, IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        var state = folder.State[collection];
        var old = binding[collection];
        long epoch = old.Epoch + 1;
        var keys = binding.Keys(collection, epoch);
        string name = Noun(collection);
        foreach (string key in keys)
        {
            // Left by an earlier push of this epoch that was cut short.
            store.Delete(key);
            // A count of 1 from the start: a reader of this copy then sees its deletion (no count: 0) as a change.
            store.CountWrite(key);
        }

        var clock = Stopwatch.StartNew();
        progress?.Report(new IndexStageStarted(IndexStage.SyncGarnet, $"Pushing {live.Count:N0} {name} vectors to Garnet ({binding.Shards} keys)", live.Count));
        Push(store, binding, keys, live, remove: false, rows, progress, live.Count, 0, cancellation);
        Repair(store, binding, keys, live, [], rows, progress, cancellation);
        var previous = binding;
        binding = binding.With(collection, new GarnetCopy(epoch, state.Generation, state.Rows, state.Revision));
        using (var transaction = folder.Catalog.BeginTransaction())
        {
            folder.Catalog.ClearGarnetRemovedRows(transaction, collection);
            binding.Write(folder.Catalog, transaction);
            transaction.Commit();
        }

        DeleteCopy(store, previous, collection);
        double seconds = clock.Elapsed.TotalSeconds;
        progress?.Report(new IndexStageFinished(IndexStage.SyncGarnet,
            $"{live.Count:N0} {name} vectors pushed to Garnet in {seconds:F1}s ({live.Count / Math.Max(seconds, 1e-3):N0}/s) into {binding.Shards} keys"));
        return binding;
    }

    /// <summary>
    /// Counts each key against the live rows of its shard once a push has been acknowledged, and sends the rows of a key
    /// that differs again. Acknowledged is not kept: in a chaos run (docs/reliability.md) a node dropped the last 682
    /// vectors of a push it had acknowledged, with every node up. VADD replaces an element and VREM ignores a missing
    /// one, so what a key already holds is left as it is. A key still wrong after <see cref="RepairRounds"/> rounds fails
    /// the run, naming it, before the copy is recorded: the next run pushes it again.
    /// </summary>
    /// <param name="live">The rows the keys must hold.</param>
    /// <param name="dead">Rows the push removed: sent again to a key that holds more than it should.</param>
    internal static void Repair(GarnetStore store, GarnetBinding binding, IReadOnlyList<string> keys, IReadOnlyList<long> live,
        IReadOnlyList<long> dead, VectorRows rows, IProgress<IndexEvent>? progress, CancellationToken cancellation)
    {
        var expected = new long[keys.Count];
        foreach (long row in live)
        {
            expected[GarnetKeys.ShardOf(row, binding.Shards)]++;
        }

        for (int round = 0; ; round++)
        {
            var wrong = Enumerable.Range(0, keys.Count)
                .Select(shard => (Shard: shard, Held: store.Count(keys[shard])))
                .Where(key => key.Held != expected[key.Shard])
                .ToList();
            if (wrong.Count == 0)
            {
                return;
            }

            if (round == RepairRounds)
            {
                var (shard, held) = wrong[0];
                throw new IndexFolderException(
                    $"Garnet key {keys[shard]} on node {store.NodeOf(keys[shard])} holds {held:N0} vectors after its rows were sent " +
                    $"{RepairRounds + 1} times, but should hold {expected[shard]:N0}. Check the node's log; `itm index` pushes the copy again.",
                    IndexProblem.BackendUnavailable);
            }

            foreach (var (shard, held) in wrong)
            {
                progress?.Report(new IndexNotice(
                    $"Garnet key {keys[shard]} on node {store.NodeOf(keys[shard])} holds {held:N0} vectors, but was sent {expected[shard]:N0}: sending them again."));
                Push(store, binding, keys, InShard(dead, shard), remove: true, rows, null, 0, 0, cancellation);
                Push(store, binding, keys, InShard(live, shard), remove: false, rows, null, 0, 0, cancellation);
            }
        }

        List<long> InShard(IReadOnlyList<long> all, int shard) => [.. all.Where(row => GarnetKeys.ShardOf(row, binding.Shards) == shard)];
    }

    /// <summary>Rounds of <see cref="Repair"/> that send a wrong key's rows again before the run fails.</summary>
    internal const int RepairRounds = 2;

    /// <summary>Adds or removes rows, keeping up to <see cref="GarnetOptions.InsertWindow"/> commands in flight.</summary>
    private static void Push(GarnetStore store, GarnetBinding binding, IReadOnlyList<string> keys, IReadOnlyList<long> rowsToSend, bool remove,
        VectorRows vectors, IProgress<IndexEvent>? progress, int total, int doneBefore, CancellationToken cancellation)
    {
        int window = store.Options.InsertWindow;
        var inFlight = new List<(Task Task, string Key)>(window);
        int done = 0;
        var sinceCheckpoint = Stopwatch.StartNew();
        float[] buffer = new float[vectors.Dimension];
        foreach (long row in rowsToSend)
        {
            string key = keys[GarnetKeys.ShardOf(row, binding.Shards)];
            inFlight.Add((remove ? store.RemoveAsync(key, row) : store.AddAsync(key, row, vectors.Row(row, buffer), binding.Links, binding.BuildExpansion), key));
            if (inFlight.Count == window)
            {
                cancellation.ThrowIfCancellationRequested();
                Drain(store, inFlight);
                done += window;
                progress?.Report(new IndexStageAdvanced(IndexStage.SyncGarnet, doneBefore + done, total));
                if (store.Options.CheckpointDuringPush > TimeSpan.Zero && sinceCheckpoint.Elapsed >= store.Options.CheckpointDuringPush)
                {
                    // What a node that cannot be asked now misses is reported by the run's own checkpoint at its end.
                    store.Checkpoint();
                    sinceCheckpoint.Restart();
                }
            }
        }

        Drain(store, inFlight);
    }

    private static void Drain(GarnetStore store, List<(Task Task, string Key)> inFlight)
    {
        foreach (var (task, key) in inFlight)
        {
            store.Guard(key, () =>
            {
                task.GetAwaiter().GetResult();
                return true;
            });
        }

        inFlight.Clear();
    }

    private static void DeleteCopy(GarnetStore store, GarnetBinding binding, VectorCollection collection)
    {
        if (binding[collection].IsPushed)
        {
            foreach (string key in binding.Keys(collection, binding[collection].Epoch))
            {
                store.Delete(key);
            }
        }
    }

    private static void Save(IndexFolder folder, GarnetBinding binding)
    {
        using var transaction = folder.Catalog.BeginTransaction();
        binding.Write(folder.Catalog, transaction);
        transaction.Commit();
    }

    /// <summary>Garnet opens only so many vector sets per node; a layout that needs more fails at once, not halfway through a push.</summary>
    private static void CheckVectorSetsPerNode(GarnetBinding binding, GarnetStore store)
    {
        var perNode = Enum.GetValues<VectorCollection>()
            .SelectMany(collection => binding.Keys(collection, 0))
            .GroupBy(store.NodeOf)
            .Max(node => node.Count());
        if (perNode > GarnetKeys.MaxVectorSetsPerNode)
        {
            throw new ArgumentException(
                $"{binding.Shards} shards put {perNode} vector sets (images and captions) on one Garnet node; Garnet keeps at most " +
                $"{GarnetKeys.MaxVectorSetsPerNode} open per node. Use fewer --shards or more nodes.");
        }
    }

    private static string NewKeyPrefix() => "itm:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
