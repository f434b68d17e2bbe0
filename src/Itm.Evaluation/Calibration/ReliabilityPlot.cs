using ScottPlot;

namespace Itm.Evaluation.Calibration;

/// <summary>
/// Draws a <see cref="CalibrationQuality"/>'s reliability curves as a PNG: observed frequency of relevant pairs against
/// the mean predicted probability, per bin, for all pairs and for each query's top results, with the diagonal a
/// perfectly calibrated model would follow.
/// </summary>
public static class ReliabilityPlot
{
    /// <summary>Writes the plot, creating the folder if needed.</summary>
    public static void Write(CalibrationQuality quality, string pngPath, int width = 640, int height = 560)
    {
        ArgumentNullException.ThrowIfNull(quality);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        var plot = new Plot();
        var diagonal = plot.Add.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 });
        diagonal.LegendText = "perfectly calibrated";
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.MarkerSize = 0;
        diagonal.Color = Colors.Gray;
        Curve(plot, quality.All, $"all pairs (ECE {quality.All.Ece:F4})");
        Curve(plot, quality.Top, $"top {quality.TopK} of each query (ECE {quality.Top.Ece:F3})");

        plot.Title($"Reliability of the {quality.Method} calibration");
        plot.Axes.Bottom.Label.Text = "predicted probability of a match";
        plot.Axes.Left.Label.Text = "observed frequency of a match";
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Edge.Bottom);
        plot.Font.Set(PlotFonts.Sans);
        PlotFonts.SavePng(plot, pngPath, width, height);
    }

    private static void Curve(Plot plot, Reliability reliability, string label)
    {
        if (reliability.Bins.Count == 0)
            return;
        double[] predicted = [.. reliability.Bins.Select(b => b.MeanPredicted)], observed = [.. reliability.Bins.Select(b => b.Observed)];
        var curve = plot.Add.Scatter(predicted, observed);
        curve.LegendText = label;
        curve.MarkerSize = 7;
    }
}
