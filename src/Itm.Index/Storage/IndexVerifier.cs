using Itm.Index.Catalog;
using Itm.Index.Vectors;
using Microsoft.Data.Sqlite;

namespace Itm.Index.Storage;

/// <summary>
/// The full check of an index folder (<c>itm index --verify</c>): SQLite's integrity check of the catalog, every block
/// of every current vector file against its recorded checksum, every catalog row pointing inside its vector file, and
/// each current HNSW graph against its recorded hash. Reads only, so it can run beside searches and an indexer.
/// </summary>
public static class IndexVerifier
{
    public static IndexVerification Verify(string folder, CancellationToken cancellation = default)
    {
        string full = Path.GetFullPath(folder);
        string catalogPath = IndexFiles.Catalog(full);
        if (!File.Exists(catalogPath))
        {
            throw new IndexFolderException($"{full} is not an itm index ({IndexFiles.CatalogFile} is missing).");
        }

        try
        {
            return Verify(full, catalogPath, cancellation);
        }
        catch (SqliteException e) when (CatalogDamage.Is(e))
        {
            return new IndexVerification([CatalogDamage.Exception(catalogPath, e).Message], 0, 0, false);
        }
    }

    private static IndexVerification Verify(string full, string catalogPath, CancellationToken cancellation)
    {
        using var catalog = IndexCatalog.Open(catalogPath, readOnly: true);
        catalog.HoldSnapshot();
        var problems = catalog.IntegrityProblems().Select(p => $"{catalogPath}: {p}").ToList();
        if (problems.Count > 0 || !catalog.IsInitialised)
        {
            problems.Add($"{catalogPath} can't be read as an index catalog.");
            return new IndexVerification(problems, 0, 0, false);
        }

        var state = catalog.ReadState();
        long blocks = 0;
        long bytes = 0;
        foreach (var collection in Enum.GetValues<VectorCollection>())
        {
            cancellation.ThrowIfCancellationRequested();
            var (checkedBlocks, checkedBytes) = CheckCollection(full, catalog, state, collection, problems, cancellation);
            blocks += checkedBlocks;
            bytes += checkedBytes;
        }

        return new IndexVerification(problems, blocks, bytes, state.ChecksumBlockBytes is not null);
    }

    private static (long Blocks, long Bytes) CheckCollection(
        string folder, IndexCatalog catalog, CatalogState state, VectorCollection collection, List<string> problems, CancellationToken cancellation)
    {
        var collectionState = state[collection];
        string path = IndexFiles.Vectors(folder, collection, collectionState.Generation);
        if (!File.Exists(path))
        {
            if (collectionState.Rows > 0)
            {
                problems.Add($"{path} is missing but the catalog has {collectionState.Rows} committed vectors in it.");
            }

            return (0, 0);
        }

        var live = catalog.LiveRows(collection);
        if (live.Count > 0 && (live[0] < 0 || live[^1] >= collectionState.Rows))
        {
            problems.Add($"{catalog.Path}: {collection} rows point outside the {collectionState.Rows} committed rows of {path}.");
        }

        long blocks = 0;
        long bytes = 0;
        try
        {
            using var rows = VectorRows.Map(path, collectionState.Rows);
            if (rows.Dimension != state.Identity.Dimension)
            {
                problems.Add($"{path} holds {rows.Dimension}-d vectors; the catalog says {state.Identity.Dimension}.");
                return (0, 0);
            }

            if (state.ChecksumBlockBytes is int blockBytes)
            {
                var recorded = catalog.AllBlockHashes(collection);
                long count = VectorBlocks.CountOf(rows.DataBytes, blockBytes);
                for (long block = 0; block < count; block++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    problems.AddRange(VectorBlocks.FindDamage(rows, path, blockBytes, [block], recorded).Select(d => d.Describe()));
                }

                blocks = count;
                bytes = rows.DataBytes;
            }
        }
        catch (InvalidDataException e)
        {
            problems.Add(e.Message);
        }

        string graph = IndexFiles.Graph(folder, collection);
        if (collectionState.HasCurrentGraph && collectionState.GraphSha256 is string expected && File.Exists(graph))
        {
            var (actual, length) = GraphChecksum.Of(graph);
            bytes += length;
            if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                problems.Add($"{graph} differs from the checksum recorded when it was saved: the file was damaged on disk or changed by another program.");
            }
        }

        return (blocks, bytes);
    }
}
