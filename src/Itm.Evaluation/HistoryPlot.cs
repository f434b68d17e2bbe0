using ScottPlot;

namespace Itm.Evaluation;

/// <summary>Draws a <see cref="TrainingHistory"/> as a PNG: training loss (left axis) and validation R-sum (right axis) per epoch.</summary>
public static class HistoryPlot
{
    /// <summary>Writes the plot, creating the folder if needed.</summary>
    /// <exception cref="ArgumentException">The history has no epochs.</exception>
    public static void Write(TrainingHistory history, string pngPath, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        if (history.Epochs.Count == 0)
            throw new ArgumentException("The training history has no epochs to plot.", nameof(history));

        var plot = new Plot();
        double[] epochs = [.. history.Epochs.Select(e => (double)e.Epoch)];

        var loss = plot.Add.Scatter(epochs, [.. history.Epochs.Select(e => e.TrainLoss)]);
        loss.LegendText = "train loss";
        loss.Axes.YAxis = plot.Axes.Left;

        var rsum = plot.Add.Scatter(epochs, [.. history.Epochs.Select(e => e.ValRSum)]);
        rsum.LegendText = "validation R-sum";
        rsum.Axes.YAxis = plot.Axes.Right;

        plot.Title("Training history");
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Left.Label.Text = "train loss";
        plot.Axes.Right.Label.Text = "validation R-sum";
        // Axis labels take their series' colour so the two scales cannot be confused.
        plot.Axes.Left.Label.ForeColor = loss.Color;
        plot.Axes.Right.Label.ForeColor = rsum.Color;
        // Loss falls while R-sum rises, so the curves cross the middle of the plot: the legend goes below it.
        plot.ShowLegend(Edge.Bottom);
        plot.Font.Set(PlotFonts.Sans);
        PlotFonts.SavePng(plot, pngPath, width, height);
    }
}
