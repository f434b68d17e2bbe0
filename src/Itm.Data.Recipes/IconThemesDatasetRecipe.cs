namespace Itm.Data.Recipes;

/// <summary><see cref="IconThemesRecipe"/> in the catalogue, with its default options.</summary>
internal sealed class IconThemesDatasetRecipe : IDatasetRecipe
{
    public string Name => IconThemesRecipe.DatasetName;

    public string Description => "Full-colour drawings of Debian's freedesktop icon themes (Tango, GNOME, MATE, Oxygen, Papirus...), captioned with their names.";

    public string Source => "Debian icon theme packages under /usr/share/icons, public domain, GPL, LGPL and CC-BY-SA (apt-get install; the error names the line).";

    /// <remarks>With <see cref="RecipeRequest.PackageDir"/>, the themes are read from that folder instead of /usr/share/icons.</remarks>
    public string Prepare(RecipeRequest request, IProgress<string>? log = null)
    {
        var options = new IconThemesOptions(request.OutDir, request.PackageDir ?? IconThemesRecipe.DefaultIconsRoot, Seed: request.Seed);
        return new IconThemesRecipe(options, log).Run().DatasetPath;
    }
}
