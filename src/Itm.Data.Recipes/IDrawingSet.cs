namespace Itm.Data.Recipes;

/// <summary>
/// A collection of named colour drawings that a Debian package installs: which package, where, under which licence,
/// and how a drawing's path becomes its captions. <see cref="DrawingsRecipe"/> does the rest.
/// </summary>
public interface IDrawingSet
{
    /// <summary>The folder under <c>OUT/images</c> and the name in the report ("art4apps").</summary>
    string Key { get; }

    /// <summary>The Debian package that installs the drawings ("pysiogame").</summary>
    string Package { get; }

    /// <summary>Where that package installs them.</summary>
    string DefaultSourceDir { get; }

    /// <summary>The SPDX licence of the drawings ("CC-BY-SA-3.0").</summary>
    string Licence { get; }

    /// <summary>Who made them, as the package's copyright file credits them.</summary>
    string Credit { get; }

    /// <summary>
    /// The drawings under <paramref name="sourceDir"/> as relative paths ('/'-separated), in ordinal order; files that
    /// are not drawings of the set (thumbnail databases, animated sprites, a folder of letters) are left out here.
    /// </summary>
    IReadOnlyList<string> List(string sourceDir);

    /// <summary>
    /// The captions of one drawing: what its name says, then the folder it is filed in. Empty when the name says
    /// nothing but the folder ("Fantasy/fantasy3.gif"), and the recipe skips the drawing and counts it.
    /// </summary>
    IReadOnlyList<CaptionCandidate> Captions(string relativePath);
}
