using System.Globalization;

namespace Itm.Data.Recipes;

/// <summary>
/// The SVG document of an Iconify icon. The format stores only the markup inside the root element and the box it is
/// drawn in; this wraps one around it the way Iconify's own renderer does, sized to the box (the width and height
/// attributes make the drawing's aspect ratio explicit to renderers that ignore the viewBox).
/// </summary>
internal static class IconifySvg
{
    public static string Document(IconifyIcon icon)
    {
        ArgumentNullException.ThrowIfNull(icon);
        string width = Number(icon.Width), height = Number(icon.Height);
        // xlink is declared for bodies that still write xlink:href; an unused declaration changes nothing drawn.
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
            + $"width=\"{width}\" height=\"{height}\" viewBox=\"{Number(icon.Left)} {Number(icon.Top)} {width} {height}\">"
            + icon.Body + "</svg>\n";
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
