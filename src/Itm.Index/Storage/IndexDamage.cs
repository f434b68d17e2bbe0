using Itm.Index.Vectors;

namespace Itm.Index.Storage;

/// <summary>How damage found in an index's files is told: what is wrong, where, and what to do about it.</summary>
internal static class IndexDamage
{
    /// <summary>What a user can do about damaged files: the vectors can always be computed again from the images.</summary>
    public const string Remedy =
        "Rebuild the index with `itm index --model MODEL_DIR --images FOLDER --db INDEX_DIR --reembed`; " +
        "`itm index --verify --db INDEX_DIR` checks every file of an index.";

    public static IndexFolderException Exception(IReadOnlyList<VectorBlockDamage> damage)
    {
        string more = damage.Count > 1 ? $" ({damage.Count - 1} more damaged blocks.)" : "";
        return new IndexFolderException($"{damage[0].Describe()}{more} {Remedy}", IndexProblem.Damaged);
    }

    public static IndexFolderException Exception(string problem) => new($"{problem} {Remedy}", IndexProblem.Damaged);
}
