using Itm.Data.Ranking;
using Itm.Model.JointEmbedding;

namespace Itm.Model.Persistence;

/// <summary>
/// Which collections a model's image vectors are centred in (<see cref="CollectionCentre"/>), and how: the one rule that
/// <c>itm index</c> and <c>itm eval</c> share, so an evaluated figure is what an index of the same pictures gives.
/// </summary>
public static class CollectionCentring
{
    /// <summary>
    /// <see cref="ImageCentring.Collection"/> for the base model, which is used on collections it never saw (where it
    /// lifts zero-shot R-sum by 3 on OpenClipart and 20 on Tux Paint, and costs 1.4 on the emoji benchmark: mostly a gain
    /// in annotation); <see cref="ImageCentring.None"/> for any other model,
    /// which is most often used on the kind of pictures it was trained on (where centring is neutral or costs).
    /// </summary>
    public static ImageCentring DefaultFor(string modelDir) =>
        SameFolder(modelDir, BaseModel.Folder) ? ImageCentring.Collection : ImageCentring.None;

    /// <summary>
    /// The part shares centred vectors are normalised by, as the model normalises them. A model that adds a learned prior
    /// to its image vectors (trained for annotation) is refused: centring would take the prior out with the mean.
    /// </summary>
    /// <exception cref="ArgumentException">The model adds a prior to its image vectors.</exception>
    public static IReadOnlyList<double> PartsOf(ModelManifest manifest, string modelDir)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Joint.Prior == QueryPrior.Annotate)
        {
            throw new ArgumentException(
                $"The model at {modelDir} adds a learned prior to its image vectors (it was trained for annotation), and centring them on the " +
                "collection's mean would take the prior out. Use `--centre none` with it.");
        }

        return manifest.Joint.Text.Model.Parts(manifest.Joint.Text).Shares;
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
