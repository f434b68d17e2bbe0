namespace Itm.Data.Recipes;

/// <summary>XML namespaces that SVG metadata and editor extensions use.</summary>
internal static class SvgNamespaces
{
    public const string Svg = "http://www.w3.org/2000/svg";
    public const string DublinCore = "http://purl.org/dc/elements/1.1/";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Sodipodi = "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd";
    public const string Inkscape = "http://www.inkscape.org/namespaces/inkscape";
    public const string Xmlns = "http://www.w3.org/2000/xmlns/";
}
