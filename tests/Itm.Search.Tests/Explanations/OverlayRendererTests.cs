using Itm.Data.Images;
using Itm.Search.Explanations;
using SkiaSharp;

namespace Itm.Search.Tests.Explanations;

/// <summary>The overlay drawn from a heatmap known by construction: hot where the heat is, the image untouched where there is none.</summary>
public sealed class OverlayRendererTests
{
    /// <summary>Any grid: occlusion's (2 to 32 cells per side) and Grad-CAM's (its maps' size, 2 × 2 to 16 × 16 and more).</summary>
    [Theory]
    [InlineData(4, 4, 1, 2)]
    [InlineData(2, 2, 0, 1)]
    [InlineData(16, 16, 5, 9)]
    [InlineData(2, 4, 1, 3)]
    public void One_hot_cell_is_tinted_red_and_outlined_while_cold_cells_show_the_image(int rows, int cols, int row, int col)
    {
        // Given a white image and a heatmap whose only heat is in one cell (its peak)
        var white = new RgbImage(16, 16, Enumerable.Repeat((byte)255, 16 * 16 * 3).ToArray());
        var values = new float[rows * cols];
        values[(row * cols) + col] = 0.5f;
        var heatmap = new Heatmap(rows, cols, values);
        var explanation = new Explanation("a red square", 0.5f, [], heatmap, heatmap.CellRegion(row, col), white);

        // When it is drawn 160 pixels wide
        using var overlay = SKBitmap.Decode(OverlayRenderer.RenderPng(explanation, width: 160));

        // Then the hot cell's centre is red over white, the centre of the cell across the image is still white, and the peak is outlined
        int X(double c) => (int)((c + 0.5) * 160 / cols);
        int Y(double r) => (int)((r + 0.5) * 160 / rows);
        var hot = overlay.GetPixel(X(col), Y(row));
        Assert.True(hot.Red > hot.Green + 60 && hot.Red > hot.Blue + 60, $"hot cell is {hot}");
        Assert.Equal(SKColors.White, overlay.GetPixel(X(cols - 1 - col), Y(rows - 1 - row)));
        var edge = overlay.GetPixel(col * 160 / cols, Y(row));
        Assert.True(edge == SKColors.White || edge.Red < 60, $"peak outline is {edge}");
    }
}
