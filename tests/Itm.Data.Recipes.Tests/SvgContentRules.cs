using System.Text;

namespace Itm.Data.Recipes.Tests;

public sealed class SvgContentRules
{
    [Fact]
    public void A_drawing_with_shapes_draws_something()
    {
        Assert.True(SvgContent.DrawsSomething(Bytes(SvgFixtures.Svg("Star"))));
        Assert.True(SvgContent.DrawsSomething(Bytes("""<svg xmlns="http://www.w3.org/2000/svg"><defs><path id="p" d="M0 0L1 1"/></defs><use href="#p"/></svg>""")));
    }

    [Fact]
    public void A_file_without_the_svg_namespace_is_read_like_one_with_it()
    {
        Assert.True(SvgContent.DrawsSomething(Bytes("""<svg width="10" height="10"><circle r="3"/></svg>""")));
    }

    [Fact]
    public void A_gradient_definition_with_metadata_draws_nothing()
    {
        // The shape of OpenClipart's "SVG Gradient Collection": metadata and a gradient, no element that uses it.
        string swatch = SvgFixtures.Svg("SVG Gradient Collection", body: Gradient);

        Assert.False(SvgContent.DrawsSomething(Bytes(swatch)));
        Assert.False(SvgContent.DrawsSomething(Bytes($"""<svg width="500" height="500">{Gradient}</svg>""")));
    }

    /// <summary>A linear gradient and nothing that paints with it.</summary>
    public const string Gradient = """<linearGradient id="g"><stop offset="0" stop-color="#8e4585"/><stop offset="1" stop-color="#fff"/></linearGradient>""";

    private static byte[] Bytes(string svg) => Encoding.UTF8.GetBytes(svg);
}
