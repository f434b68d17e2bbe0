using Itm.Data.Images;

namespace Itm.Search.Explanations;

/// <summary>A word of the sentence and how much the score drops when it is left out (negative: the match improves without it).</summary>
public sealed record WordWeight(string Word, float Drop);

/// <summary>A rectangle as fractions of the image's width and height: (<paramref name="X"/>, <paramref name="Y"/>) its top-left corner.</summary>
public sealed record Region(double X, double Y, double W, double H);

/// <summary>
/// How much each cell of the image drives the score, row-major (row 0 at the top). For occlusion, how much the score
/// drops when the cell is hidden: the mean drop over the occluding patches that cover the cell. For Grad-CAM, the
/// gradient-weighted maps at the cell's position, never negative, in the maps' own units. Cells split the image evenly,
/// <see cref="Rows"/> by <see cref="Cols"/>.
/// </summary>
public sealed record Heatmap(int Rows, int Cols, float[] Values)
{
    public float this[int row, int col] => Values[(row * Cols) + col];

    /// <summary>The cell with the largest value (the first one, reading row by row, on a tie).</summary>
    public (int Row, int Col) PeakCell()
    {
        int best = 0;
        for (int i = 1; i < Values.Length; i++)
        {
            best = Values[i] > Values[best] ? i : best;
        }

        return (best / Cols, best % Cols);
    }

    /// <summary>Where a cell lies in the image, in fractions of its sides.</summary>
    public Region CellRegion(int row, int col) => new((double)col / Cols, (double)row / Rows, 1.0 / Cols, 1.0 / Rows);
}

/// <summary>
/// Why an image matches a sentence: the score (the cosine, as search computes it), the weight of each word, and where
/// in the image the match comes from (occlusion sensitivity or Grad-CAM, <paramref name="Method"/>), with its peak.
/// </summary>
/// <param name="Image">The image as the model saw it (decoded, resized, centre-cropped): what the heatmap lies over.</param>
/// <param name="Method">How the heatmap was computed.</param>
public sealed record Explanation(
    string Sentence, float Score, IReadOnlyList<WordWeight> Words, Heatmap Heatmap, Region Peak, RgbImage Image, ExplainMethod Method = ExplainMethod.Occlusion);
