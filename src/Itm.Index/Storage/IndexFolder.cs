using Itm.Data.IO;
using Itm.Data.Ranking;
using Itm.Index.Catalog;
using Itm.Index.Nearest;
using Itm.Index.Scanning;
using Itm.Index.Vectors;
using Microsoft.Data.Sqlite;

namespace Itm.Index.Storage;

/// <summary>
/// The writer's view of an index folder: the catalog plus one appendable vector file per collection.
/// <para>
/// Crash safety. Every change is one commit: (1) the batch's vectors are appended to the vector file and fsynced;
/// (2) one SQLite transaction writes the batch's catalog rows together with the collection's new committed row count.
/// A kill before (2) commits leaves vectors past the committed count; opening truncates them, so the next run redoes
/// exactly that batch. A kill after (2) loses nothing. Compaction writes the next generation's file whole
/// (<see cref="AtomicFile"/>) and switches to it in one transaction; whichever file the catalog does not name is deleted
/// on open. Only one writer at a time: <c>index.lock</c> is held while open.
/// </para>
/// <para>
/// Bit rot. The catalog keeps a SHA-256 per 1 MiB block of each vector file (<see cref="VectorBlocks"/>), written in the
/// commit that adds the rows. Opening checks the first and last blocks; a commit checks the block it extends before
/// rehashing it, reads back what it appended and compares it with the vectors it was given; compaction checks every
/// block it copies. A mismatch is an <see cref="IndexFolderException"/> that names the file and rows.
/// </para>
/// </summary>
public sealed class IndexFolder : IDisposable
{
    private readonly FileStream lockFile;
    private readonly IndexCatalog catalog;
    private readonly Dictionary<VectorCollection, VectorFile> vectors = [];
    private bool poisoned;

    private IndexFolder(string folder, FileStream lockFile, IndexCatalog catalog, CatalogState state)
    {
        Folder = folder;
        this.lockFile = lockFile;
        this.catalog = catalog;
        State = state;
    }

    public string Folder { get; }

    public CatalogState State { get; private set; }

    public IndexIdentity Identity => State.Identity;

    /// <summary>Bytes of uncommitted vectors that opening cut off: work a killed run had not finished.</summary>
    public long RecoveredBytes { get; private set; }

    public IndexCatalog Catalog => catalog;

    /// <summary>Tests fail commits at chosen points to show that a crash there loses nothing committed.</summary>
    internal Action<CommitPhase>? FaultInjection { get; set; }

    /// <summary>
    /// Opens the index at <paramref name="folder"/> for writing, creating it if needed. An index built with another model
    /// (or for another images folder) is refused unless <paramref name="reembed"/>, which empties it for re-embedding.
    /// </summary>
    public static IndexFolder Open(string folder, IndexIdentity identity, bool reembed) =>
        Open(folder, identity, reembed, VectorBlocks.DefaultBlockBytes);

    /// <param name="checksumBlockBytes">The block size a new (or re-embedded) index records checksums in; tests make it small.</param>
    internal static IndexFolder Open(string folder, IndexIdentity identity, bool reembed, int checksumBlockBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(checksumBlockBytes, 1);
        string full = Path.GetFullPath(folder);
        Directory.CreateDirectory(full);
        var lockFile = TakeLock(full);
        IndexCatalog? catalog = null;
        IndexFolder? index = null;
        try
        {
            catalog = IndexCatalog.Open(IndexFiles.Catalog(full), readOnly: false);
            index = new IndexFolder(full, lockFile, catalog, Initialise(catalog, identity, reembed, full, checksumBlockBytes));
            index.OpenVectorFiles();
            return index;
        }
        catch (SqliteException e) when (CatalogDamage.Is(e))
        {
            Close(index, catalog, lockFile);
            throw CatalogDamage.Exception(IndexFiles.Catalog(full), e);
        }
        catch
        {
            Close(index, catalog, lockFile);
            throw;
        }
    }

    private static void Close(IndexFolder? index, IndexCatalog? catalog, FileStream lockFile)
    {
        if (index is not null)
        {
            index.Dispose();
        }
        else
        {
            catalog?.Dispose();
            lockFile.Dispose();
        }
    }

    /// <summary>Appends a batch of image vectors and records the images (and the unreadable ones, without vectors) in one commit.</summary>
    /// <param name="embedded">The files whose vectors are <paramref name="rows"/>, in row order.</param>
    /// <param name="words">
    /// With <c>--ocr</c>: the words read inside the embedded images, in the order of <paramref name="embedded"/>,
    /// committed with their rows; null keeps none (a changed file's old words are dropped by the catalog either way).
    /// </param>
    public void CommitImages(IReadOnlyList<ScannedFile> embedded, ReadOnlySpan<float> rows, IReadOnlyList<(ScannedFile File, string Reason)> unreadable,
        IReadOnlyList<IReadOnlyList<string>>? words = null)
    {
        CheckRows(embedded.Count, rows.Length);
        if (words is not null && words.Count != embedded.Count)
        {
            throw new ArgumentException($"{words.Count} word lists for {embedded.Count} embedded images.", nameof(words));
        }

        long first = State.Images.Rows;
        var entries = embedded.Select((file, i) => new CatalogImage(0, file.RelativePath, file.Size, file.MtimeTicks, first + i, null))
            .Concat(unreadable.Select(u => new CatalogImage(0, u.File.RelativePath, u.File.Size, u.File.MtimeTicks, null, u.Reason)))
            .ToList();
        Commit(VectorCollection.Images, rows, transaction =>
        {
            catalog.UpsertImages(transaction, entries);
            if (words is not null)
            {
                catalog.WriteWordsByPath(transaction, embedded.Select((file, i) => (file.RelativePath, words[i])));
            }
        });
    }

    /// <summary>Records the words read inside images already in the index (a first <c>--ocr</c> run over an older index), in one transaction.</summary>
    public void CommitWords(IReadOnlyList<(string RelativePath, IReadOnlyList<string> Words)> words)
    {
        CheckUsable();
        using var transaction = catalog.BeginTransaction();
        catalog.WriteWordsByPath(transaction, words);
        transaction.Commit();
    }

    /// <summary>Drops deleted files from the catalog; their vector rows become dead until compaction.</summary>
    public void RemoveImages(IReadOnlyList<string> relativePaths) =>
        Commit(VectorCollection.Images, [], transaction => catalog.DeleteImages(transaction, relativePaths));

    /// <summary>Appends a batch of caption vectors with their sentences in one commit.</summary>
    public void CommitCaptions(IReadOnlyList<string> sentences, ReadOnlySpan<float> rows)
    {
        CheckRows(sentences.Count, rows.Length);
        long first = State.Captions.Rows;
        Commit(VectorCollection.Captions, rows, transaction => catalog.InsertCaptions(transaction, sentences.Select((s, i) => (s, first + i))));
    }

    public void RemoveCaptions(IReadOnlyList<long> ids) =>
        Commit(VectorCollection.Captions, [], transaction => catalog.DeleteCaptions(transaction, ids));

    /// <summary>Records which caption file the captions now match, once all of it is committed.</summary>
    public void RecordCaptionsSource(string source, string sha256) =>
        Commit(VectorCollection.Captions, [], _ => { }, state => state with { CaptionsSource = source, CaptionsHash = sha256 });

    /// <summary>
    /// Records the centre the index's image vectors are centred on, in a commit of its own before the first image is
    /// committed: vectors already stored were not centred on it, so an index that has some is refused.
    /// </summary>
    public void RecordImageCentre(CollectionCentre centre)
    {
        ArgumentNullException.ThrowIfNull(centre);
        CheckUsable();
        if (State.Images.Rows > 0)
        {
            throw new InvalidOperationException($"The index {Folder} already holds image vectors; a centre is chosen before the first.");
        }

        if (centre.Dimension != Identity.Dimension)
        {
            throw new ArgumentException($"A centre of {centre.Dimension} dimensions for an index of {Identity.Dimension}.", nameof(centre));
        }

        WriteState(State with { ImageCentre = centre });
    }

    /// <summary>
    /// Records that a run has finished (<see cref="CatalogState.FinishedRuns"/> up by one) in a commit of its own, the
    /// run's last: a reader that sees it sees everything the run wrote, graphs and backend copy included.
    /// </summary>
    public void RecordFinishedRun()
    {
        CheckUsable();
        WriteState(State with { FinishedRuns = State.FinishedRuns + 1 });
    }

    /// <summary>
    /// Rewrites the collection's vectors without dead rows when more than <paramref name="deadFraction"/> of them are dead.
    /// </summary>
    /// <returns>The number of dead rows dropped (0 when not worth it).</returns>
    public long CompactIfWasteful(VectorCollection collection, double deadFraction)
    {
        CheckUsable();
        var live = catalog.LiveRows(collection);
        long rows = State[collection].Rows;
        long dead = rows - live.Count;
        if (dead == 0 || dead <= deadFraction * rows)
        {
            return 0;
        }

        Rewrite(collection, live, transform: null, state => state);
        return dead;
    }

    /// <summary>
    /// Stores the index's vectors at <paramref name="precision"/> from now on: records it, then rewrites each vector
    /// file of another precision the way compaction does (dead rows dropped on the way). A run killed part-way is
    /// finished by the next writer to open the index, since every file the catalog names is brought to its precision.
    /// </summary>
    /// <returns>The vector files rewritten (0 when the index already stores <paramref name="precision"/>).</returns>
    public int ConvertVectors(VectorPrecision precision)
    {
        if (!Enum.IsDefined(precision))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "Not a vector precision.");
        }

        CheckUsable();
        if (State.VectorPrecision != precision)
        {
            WriteState(State with { VectorPrecision = precision });
        }

        return RewriteToCatalogPrecision();
    }

    /// <summary>Rewrites every vector file whose precision is not the catalog's.</summary>
    private int RewriteToCatalogPrecision()
    {
        int rewritten = 0;
        foreach (var collection in Enum.GetValues<VectorCollection>())
        {
            if (vectors[collection].Precision == State.VectorPrecision)
            {
                continue;
            }

            if (State[collection].Rows == 0)
            {
                // Nothing to copy (a new index): the empty file is replaced by one of the new precision, same generation.
                string path = vectors[collection].Path;
                vectors[collection].Dispose();
                var header = new byte[VectorFileHeader.Length];
                new VectorFileHeader(Identity.Dimension, 0, State.VectorPrecision).Write(header);
                AtomicFile.Write(path, stream => stream.Write(header));
                vectors[collection] = VectorFile.Open(path, Identity.Dimension, 0);
            }
            else
            {
                Rewrite(collection, catalog.LiveRows(collection), transform: null, state => state);
            }

            rewritten++;
        }

        return rewritten;
    }

    /// <summary>
    /// Estimates the image centre again, from up to <paramref name="sampleSize"/> live image vectors spread over the
    /// collection (restored exactly from the centre they were stored with, so nothing is embedded again), and rewrites
    /// every live image vector centred on it, the way compaction rewrites a file: the next generation written whole,
    /// then one transaction switches to it and records the new centre. Dead rows are dropped on the way.
    /// </summary>
    /// <returns>The new centre.</returns>
    public CollectionCentre RecentreImages(int sampleSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        CheckUsable();
        var old = State.ImageCentre ?? throw new InvalidOperationException($"The index {Folder} has no image centre to estimate again.");
        var live = catalog.LiveRows(VectorCollection.Images);
        if (live.Count == 0)
        {
            return old;
        }

        int dimension = Identity.Dimension;
        var picked = CollectionCentre.SampleOf(live, sampleSize);
        float[] sample = new float[picked.Count * dimension];
        using (var rows = VectorRows.Map(vectors[VectorCollection.Images].Path, State.Images.Rows))
        {
            for (int i = 0; i < picked.Count; i++)
            {
                rows.CopyRows(picked[i], 1, sample.AsSpan(i * dimension, dimension));
            }
        }

        old.Restore(sample);
        var next = CollectionCentre.Estimate(sample, dimension, old.PartShares);
        Rewrite(VectorCollection.Images, live, row =>
        {
            old.Restore(row);
            next.Apply(row);
        }, state => state with { ImageCentre = next });
        return next;
    }

    /// <summary>
    /// Writes the next generation of a collection's vector file from its live rows (each changed by
    /// <paramref name="transform"/> on the way, if given), then switches to it, renumbering the rows, in one transaction
    /// that also records <paramref name="change"/>'s state.
    /// </summary>
    private void Rewrite(VectorCollection collection, IReadOnlyList<long> live, RowTransform? transform, Func<CatalogState, CatalogState> change)
    {
        long rows = State[collection].Rows;
        long generation = State[collection].Generation + 1;
        string next = IndexFiles.Vectors(Folder, collection, generation);
        string current = vectors[collection].Path;
        int dimension = Identity.Dimension;
        IReadOnlyList<(long Block, byte[] Hash)> hashes;
        using (var source = VectorRows.Map(current, rows))
        {
            // Copying damaged rows into a fresh file would give them fresh, matching checksums: check them all first.
            ThrowIfDamaged(VectorBlocks.FindDamage(source, current, BlockBytes,
                Enumerable.Range(0, (int)VectorBlocks.CountOf(source.DataBytes, BlockBytes)).Select(b => (long)b),
                catalog.AllBlockHashes(collection)));
            // Written at the catalog's precision, which may differ from the current file's (ConvertVectors).
            var precision = State.VectorPrecision;
            AtomicFile.Write(next, stream =>
            {
                Span<byte> header = stackalloc byte[VectorFileHeader.Length];
                new VectorFileHeader(dimension, live.Count, precision).Write(header);
                stream.Write(header);
                float[] changed = new float[dimension];
                byte[] encoded = new byte[dimension * precision.ValueBytes()];
                foreach (long row in live)
                {
                    if (transform is null && source.Precision == precision)
                    {
                        stream.Write(source.RowBytes(row));
                        continue;
                    }

                    source.CopyRows(row, 1, changed);
                    transform?.Invoke(changed);
                    VectorCodec.Encode(changed, precision, encoded);
                    stream.Write(encoded);
                }
            });
        }

        using (var written = VectorRows.Map(next, live.Count))
        {
            hashes = VectorBlocks.HashFrom(written, 0, BlockBytes);
        }

        FaultInjection?.Invoke(CommitPhase.CompactedFileWritten);
        var moves = live.Select((row, i) => (row, (long)i)).ToDictionary(m => m.row, m => m.Item2);
        var state = change(State.With(collection, new CollectionState(generation, live.Count, State[collection].Revision + 1, GraphRevision: -1)));
        using (var transaction = catalog.BeginTransaction())
        {
            catalog.RenumberRows(transaction, collection, moves);
            catalog.DeleteBlockHashes(transaction, collection);
            catalog.WriteBlockHashes(transaction, collection, hashes);
            catalog.WriteState(transaction, state);
            transaction.Commit();
        }

        State = state;
        vectors[collection].Dispose();
        vectors[collection] = VectorFile.Open(next, dimension, live.Count);
        File.Delete(current);
    }

    /// <summary>Changes one row of vectors in place, as <see cref="Rewrite"/> copies it.</summary>
    private delegate void RowTransform(Span<float> row);

    /// <summary>True when the collection's saved graph matches its current rows.</summary>
    public bool HasCurrentGraph(VectorCollection collection) =>
        State[collection].HasCurrentGraph && File.Exists(IndexFiles.Graph(Folder, collection));

    /// <summary>Builds and saves the HNSW graph of a collection's live rows, then records the revision it matches.</summary>
    public void SaveGraph(VectorCollection collection, VectorIndexOptions options, CancellationToken cancellation)
    {
        CheckUsable();
        var live = catalog.LiveRows(collection);
        using (var rows = VectorRows.Map(vectors[collection].Path, State[collection].Rows))
        using (var graph = HnswIndex.Build(rows, RowFilter.Only(rows.Rows, live), options, cancellation))
        {
            graph.Save(IndexFiles.Graph(Folder, collection));
        }

        var (sha256, bytes) = GraphChecksum.Of(IndexFiles.Graph(Folder, collection));
        WriteState(State.With(collection, State[collection] with { GraphRevision = State[collection].Revision, GraphSha256 = sha256, GraphBytes = bytes }));
    }

    /// <summary>Removes the saved graph of a collection that fell below the size that needs one.</summary>
    public void DeleteGraph(VectorCollection collection) => File.Delete(IndexFiles.Graph(Folder, collection));

    public void Dispose()
    {
        foreach (var file in vectors.Values)
        {
            file.Dispose();
        }

        vectors.Clear();
        catalog.Dispose();
        lockFile.Dispose();
    }

    private void Commit(VectorCollection collection, ReadOnlySpan<float> rows, Action<SqliteTransaction> writeRows,
        Func<CatalogState, CatalogState>? adjust = null)
    {
        CheckUsable();

        // Any failure from here on leaves this object's view of the files uncertain: the caller must reopen,
        // which is what recovery is for.
        poisoned = true;
        var file = vectors[collection];
        IReadOnlyList<(long Block, byte[] Hash)> hashes = [];
        if (!rows.IsEmpty)
        {
            long firstBlock = file.DataBytes / BlockBytes;
            VerifyBlocks(collection, file.Path, file.Rows, [firstBlock]);
            long before = file.Rows;
            // Encoded once: appended, then compared with what reads back.
            var encoded = VectorCodec.Encode(rows, file.Precision);
            file.AppendEncoded(encoded);
            hashes = HashAppended(file, before, encoded, firstBlock);
            FaultInjection?.Invoke(CommitPhase.VectorsSynced);
        }

        var state = State.With(collection, State[collection] with { Rows = file.Rows, Revision = State[collection].Revision + 1 });
        state = adjust?.Invoke(state) ?? state;
        using (var transaction = catalog.BeginTransaction())
        {
            writeRows(transaction);
            catalog.WriteBlockHashes(transaction, collection, hashes);
            catalog.WriteState(transaction, state);
            FaultInjection?.Invoke(CommitPhase.CatalogWritten);
            transaction.Commit();
        }

        State = state;
        poisoned = false;
    }

    /// <summary>Bookkeeping alone, in a transaction of its own (no rows change, so no revision either).</summary>
    private void WriteState(CatalogState state)
    {
        using var transaction = catalog.BeginTransaction();
        catalog.WriteState(transaction, state);
        transaction.Commit();
        State = state;
    }

    private int BlockBytes => State.ChecksumBlockBytes ?? VectorBlocks.DefaultBlockBytes;

    /// <summary>
    /// Hashes the blocks from <paramref name="firstBlock"/> as they now are on disk, after checking that the rows read
    /// back are the ones appended: the checksums then vouch for what the indexer meant to write.
    /// </summary>
    private IReadOnlyList<(long Block, byte[] Hash)> HashAppended(VectorFile file, long rowsBefore, ReadOnlySpan<byte> expected, long firstBlock)
    {
        using var written = VectorRows.Map(file.Path, file.Rows);
        long offset = rowsBefore * written.RowByteCount;
        for (int done = 0; done < expected.Length;)
        {
            int length = Math.Min(BlockBytes, expected.Length - done);
            if (!written.Bytes(offset + done, length).SequenceEqual(expected.Slice(done, length)))
            {
                throw new IOException($"{file.Path}: the vectors read back after appending rows {rowsBefore}–{file.Rows - 1} are not the ones written.");
            }

            done += length;
        }

        return VectorBlocks.HashFrom(written, firstBlock, BlockBytes);
    }

    /// <summary>Checks blocks of a collection's current file against the catalog (nothing for an index without checksums).</summary>
    private void VerifyBlocks(VectorCollection collection, string path, long rows, IReadOnlyList<long> blocks)
    {
        if (State.ChecksumBlockBytes is not int blockBytes || rows == 0)
        {
            return;
        }

        using var mapped = VectorRows.Map(path, rows);
        long count = VectorBlocks.CountOf(mapped.DataBytes, blockBytes);
        var present = blocks.Where(b => b < count).ToList();
        ThrowIfDamaged(VectorBlocks.FindDamage(mapped, path, blockBytes, present, catalog.BlockHashes(collection, present)));
    }

    private static void ThrowIfDamaged(IReadOnlyList<VectorBlockDamage> damage)
    {
        if (damage.Count > 0)
        {
            throw IndexDamage.Exception(damage);
        }
    }

    /// <summary>
    /// An index written before checksums were kept gets them now, from its files as they are (nothing older vouches for
    /// them), in one transaction that also marks the index as checksummed.
    /// </summary>
    private void AddMissingChecksums()
    {
        var state = State with { ChecksumBlockBytes = VectorBlocks.DefaultBlockBytes };
        using var transaction = catalog.BeginTransaction();
        foreach (var collection in Enum.GetValues<VectorCollection>())
        {
            catalog.DeleteBlockHashes(transaction, collection);
            if (vectors[collection].Rows > 0)
            {
                using var rows = VectorRows.Map(vectors[collection].Path, vectors[collection].Rows);
                catalog.WriteBlockHashes(transaction, collection, VectorBlocks.HashFrom(rows, 0, VectorBlocks.DefaultBlockBytes));
            }
        }

        catalog.WriteState(transaction, state);
        transaction.Commit();
        State = state;
    }

    private void CheckUsable()
    {
        if (poisoned)
        {
            throw new InvalidOperationException($"A commit to {Folder} failed; close and reopen the index to recover.");
        }
    }

    private void CheckRows(int items, int floats)
    {
        if ((long)items * Identity.Dimension != floats)
        {
            throw new ArgumentException($"{items} items need {items * (long)Identity.Dimension} floats of {Identity.Dimension}-d vectors; got {floats}.");
        }
    }

    private void OpenVectorFiles()
    {
        foreach (var collection in Enum.GetValues<VectorCollection>())
        {
            var state = State[collection];
            string path = IndexFiles.Vectors(Folder, collection, state.Generation);
            if (!File.Exists(path))
            {
                if (state.Rows != 0)
                {
                    throw new IndexFolderException(
                        $"{path} is missing but the catalog has {state.Rows} committed vectors in it. Rebuild the index with `itm index ... --reembed`.",
                        IndexProblem.Damaged);
                }

                vectors[collection] = VectorFile.Create(path, Identity.Dimension, State.VectorPrecision);
                continue;
            }

            try
            {
                vectors[collection] = VectorFile.Open(path, Identity.Dimension, state.Rows);
            }
            catch (InvalidDataException e)
            {
                throw new IndexFolderException($"{e.Message} Rebuild the index with `itm index ... --reembed`.", IndexProblem.Damaged, e);
            }

            RecoveredBytes += vectors[collection].DroppedBytes;
            VerifyBlocks(collection, path, state.Rows, [.. VectorBlocks.Ends(vectors[collection].DataBytes, BlockBytes)]);
        }

        if (State.ChecksumBlockBytes is null)
        {
            AddMissingChecksums();
        }

        // A conversion to another precision that a killed run left part-way.
        RewriteToCatalogPrecision();

        foreach (string leftover in IndexFiles.Leftovers(Folder, State))
        {
            File.Delete(leftover);
        }
    }

    private static CatalogState Initialise(IndexCatalog catalog, IndexIdentity identity, bool reembed, string folder, int checksumBlockBytes)
    {
        CatalogState state;
        if (!catalog.IsInitialised)
        {
            state = new CatalogState(identity, CollectionState.Empty(1), CollectionState.Empty(1), null, null, checksumBlockBytes);
        }
        else
        {
            var existing = catalog.ReadState();
            if (reembed)
            {
                // Next generations: the old vector files become leftovers and are deleted once this commits.
                state = existing with
                {
                    Identity = identity,
                    Images = CollectionState.Empty(existing.Images.Generation + 1),
                    Captions = CollectionState.Empty(existing.Captions.Generation + 1),
                    CaptionsSource = null,
                    CaptionsHash = null,
                    ChecksumBlockBytes = checksumBlockBytes,
                    ImageCentre = null,
                };
                using var reset = catalog.BeginTransaction();
                catalog.Clear(reset);
                catalog.WriteState(reset, state);
                reset.Commit();
                return state;
            }

            CheckSameModelAndFolder(existing.Identity, identity, folder);
            if (existing.Identity == identity)
            {
                return existing;
            }

            // Same model and images, found at another path (a moved or renamed model folder): remember where it is now.
            state = existing with { Identity = identity };
        }

        using var transaction = catalog.BeginTransaction();
        catalog.WriteState(transaction, state);
        transaction.Commit();
        return state;
    }

    private static void CheckSameModelAndFolder(IndexIdentity existing, IndexIdentity wanted, string folder)
    {
        if (existing.ModelFingerprint != wanted.ModelFingerprint || existing.Dimension != wanted.Dimension)
        {
            throw new IndexFolderException(
                $"The index {folder} was built with another model ({existing.ModelDir}, fingerprint {Short(existing.ModelFingerprint)}); " +
                $"{wanted.ModelDir} has fingerprint {Short(wanted.ModelFingerprint)}. Vectors of different models can't be mixed: " +
                "pass --reembed to re-embed every image with this model, or use another --db.",
                IndexProblem.ModelMismatch);
        }

        if (!string.Equals(existing.ImagesRoot, wanted.ImagesRoot, StringComparison.Ordinal))
        {
            throw new IndexFolderException(
                $"The index {folder} holds the images of {existing.ImagesRoot}, not {wanted.ImagesRoot}. " +
                "Use another --db for another folder, or pass --reembed to start this index over with the new folder.",
                IndexProblem.ImagesRootMismatch);
        }
    }

    private static string Short(string fingerprint) => fingerprint[..Math.Min(12, fingerprint.Length)];

    private static FileStream TakeLock(string folder)
    {
        try
        {
            return new FileStream(Path.Combine(folder, IndexFiles.LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (StorageFailureException.KindOf(e) is null)
        {
            throw new IndexFolderException(
                $"Another itm process is writing to the index {folder} ({IndexFiles.LockFile} is held). Wait for it to finish.", IndexProblem.Locked, e);
        }
    }
}
