namespace Itm.Data.Recipes;

/// <summary>
/// A drawing set whose package ships its drawings packed (zip catalogues) with their names in a file beside them:
/// <see cref="Unpack"/> writes the drawings out as files, and <see cref="IDrawingSet.List"/> and
/// <see cref="IDrawingSet.Captions"/> then read the folder it returns.
/// </summary>
public interface IPackedDrawingSet : IDrawingSet
{
    /// <summary>
    /// Unpacks the drawings under <paramref name="installedDir"/> into a folder of their own (files already there and
    /// identical are kept) and returns that folder; the captions of the drawings listed there are known from then on.
    /// </summary>
    string Unpack(string installedDir, IProgress<string>? log);
}
