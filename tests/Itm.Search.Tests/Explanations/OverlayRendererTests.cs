using Itm.Data.Images;
using Itm.Search.Explanations;
using SkiaSharp;

namespace Itm.Search.Tests.Explanations;

/// <summary>The overlay drawn from a heatmap known by construction: hot where the heat is, the image untouched where there is none.</summary>
public sealed class OverlayRendererTests
{
    [Fact]
    public void One_hot_cell_is_tinted_red_and_outlined_while_cold_cells_show_the_image()
    {
        // Given a white image and a 4 × 4 heatmap whose only heat is in row 1, column 2 (its peak)
        var white = new RgbImage(16, 16, Enumerable.Repeat((byte)255, 16 * 16 * 3).ToArray());
        var values = new float[16];
        values[(1 * 4) + 2] = 0.5f;
        var heatmap = new Heatmap(4, 4, values);
        var explanation = new Explanation("a red square", 0.5f, [], heatmap, heatmap.CellRegion(1, 2), white);

        // When it is drawn 160 pixels wide (cells of 40 pixels)
        using var overlay = SKBitmap.Decode(OverlayRenderer.RenderPng(explanation, width: 160));

        // Then the hot cell's centre is red over white, a cold cell far from it is still white, and the peak is outlined
        var hot = overlay.GetPixel(100, 60);
        Assert.True(hot.Red > hot.Green + 60 && hot.Red > hot.Blue + 60, $"hot cell is {hot}");
        Assert.Equal(SKColors.White, overlay.GetPixel(20, 140));
        var edge = overlay.GetPixel(80, 60);
        Assert.True(edge == SKColors.White || edge.Red < 60, $"peak outline is {edge}");
    }
}
