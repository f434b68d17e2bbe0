namespace Itm.Data.Recipes;

/// <summary>One folder of an icon theme as its <c>index.theme</c> describes it.</summary>
/// <param name="RelativePath">The folder inside the theme, '/'-separated ("48x48/devices", "places/scalable").</param>
/// <param name="Context">What kind of icons it holds, as written there ("Devices", "MimeTypes"); empty when not given.</param>
/// <param name="Size">The nominal size in pixels; for a scalable folder the largest size it is meant for (its <c>MaxSize</c>
/// when given), so folders can be ranked by how large their drawings may be shown.</param>
/// <param name="Scale">The <c>Scale</c> of a HiDPI folder ("48x48@2x" holds 96-pixel drawings): 1 otherwise.</param>
/// <param name="Scalable">True for <c>Type=Scalable</c> folders (SVG drawings meant for any size).</param>
public sealed record IconThemeDirectory(string RelativePath, string Context, int Size, int Scale, bool Scalable)
{
    /// <summary>The pixels its drawings are made for: size × scale.</summary>
    public int Pixels => Size * Scale;
}
