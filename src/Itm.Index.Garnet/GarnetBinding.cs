using System.Globalization;
using Itm.Index.Catalog;
using Microsoft.Data.Sqlite;

namespace Itm.Index.Garnet;

/// <summary>
/// What a collection's Garnet copy holds: the live rows among the first <paramref name="Rows"/> of vector file
/// <paramref name="Generation"/> as of catalog revision <paramref name="Revision"/>, in the keys of
/// <paramref name="Epoch"/>. A generation of −1 means nothing is pushed (the epoch is the last one used, −1 if none).
/// </summary>
public sealed record GarnetCopy(long Epoch, long Generation, long Rows, long Revision)
{
    public static GarnetCopy None { get; } = new(-1, -1, 0, -1);

    public bool IsPushed => Generation >= 0;

    public bool IsCurrent(CollectionState state) =>
        IsPushed && Generation == state.Generation && Rows == state.Rows && Revision == state.Revision;

    /// <summary>The copy after its keys were deleted: nothing pushed, the epoch remembered so new keys get new names.</summary>
    public GarnetCopy Dropped() => None with { Epoch = Epoch };
}

/// <summary>
/// An index folder bound to Garnet: the nodes, the key layout and how far each collection's copy is. Kept in the
/// catalog's meta table (keys <c>garnet.*</c>); the folder stays the source of truth (catalog and vector files), the
/// cluster holds the copy that answers queries.
/// </summary>
public sealed record GarnetBinding(
    IReadOnlyList<string> Endpoints,
    int Shards,
    string KeyPrefix,
    int Links,
    int BuildExpansion,
    GarnetCopy Images,
    GarnetCopy Captions)
{
    private const string Prefix = "garnet.";

    public GarnetCopy this[VectorCollection collection] => collection == VectorCollection.Images ? Images : Captions;

    public GarnetBinding With(VectorCollection collection, GarnetCopy copy) =>
        collection == VectorCollection.Images ? this with { Images = copy } : this with { Captions = copy };

    /// <summary>The keys of a collection's copy in <paramref name="epoch"/>, shard by shard.</summary>
    public IReadOnlyList<string> Keys(VectorCollection collection, long epoch) =>
        [.. Enumerable.Range(0, Shards).Select(shard => GarnetKeys.Key(KeyPrefix, collection, epoch, shard, Shards))];

    /// <summary>The folder's binding, or null for an index searched in the folder itself.</summary>
    public static GarnetBinding? Read(IndexCatalog catalog)
    {
        var meta = catalog.ReadMeta(Prefix);
        if (!meta.TryGetValue(Prefix + "endpoints", out string? endpoints))
        {
            return null;
        }

        int Int(string key) => int.Parse(meta[Prefix + key], CultureInfo.InvariantCulture);
        long Long(string key) => long.Parse(meta[Prefix + key], CultureInfo.InvariantCulture);
        GarnetCopy Copy(VectorCollection c) => meta.ContainsKey(Prefix + c.StoredName() + ".epoch")
            ? new GarnetCopy(Long(c.StoredName() + ".epoch"), Long(c.StoredName() + ".generation"), Long(c.StoredName() + ".rows"), Long(c.StoredName() + ".revision"))
            : GarnetCopy.None;
        return new GarnetBinding(
            endpoints.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Int("shards"),
            meta[Prefix + "key_prefix"],
            Int("links"),
            Int("build_ef"),
            Copy(VectorCollection.Images),
            Copy(VectorCollection.Captions));
    }

    public void Write(IndexCatalog catalog, SqliteTransaction transaction) => catalog.WriteMeta(transaction, Entries(this));

    /// <summary>Removes the binding: the folder answers queries itself again.</summary>
    public static void Delete(IndexCatalog catalog, SqliteTransaction transaction) =>
        catalog.WriteMeta(transaction, Entries(null).ToDictionary(entry => entry.Key, _ => (string?)null));

    /// <summary>The meta entries of a binding (every key, with null values for none).</summary>
    private static Dictionary<string, string?> Entries(GarnetBinding? binding)
    {
        var values = new Dictionary<string, string?>
        {
            [Prefix + "endpoints"] = binding is null ? null : string.Join(',', binding.Endpoints),
            [Prefix + "shards"] = binding is null ? null : Text(binding.Shards),
            [Prefix + "key_prefix"] = binding?.KeyPrefix,
            [Prefix + "links"] = binding is null ? null : Text(binding.Links),
            [Prefix + "build_ef"] = binding is null ? null : Text(binding.BuildExpansion),
        };
        foreach (var collection in Enum.GetValues<VectorCollection>())
        {
            var copy = binding?[collection];
            values[Prefix + collection.StoredName() + ".epoch"] = copy is null ? null : Text(copy.Epoch);
            values[Prefix + collection.StoredName() + ".generation"] = copy is null ? null : Text(copy.Generation);
            values[Prefix + collection.StoredName() + ".rows"] = copy is null ? null : Text(copy.Rows);
            values[Prefix + collection.StoredName() + ".revision"] = copy is null ? null : Text(copy.Revision);
        }

        return values;
    }

    private static string Name(VectorCollection collection) => collection == VectorCollection.Images ? "images" : "captions";

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
