using ScottPlot;

namespace Itm.Evaluation.Study;

/// <summary>
/// The study's PNGs: per sweep, R@1 and R@10 in both directions as bars with the seed standard deviation as error
/// bars, and the validation R-sum per epoch (mean over the seeds still training at that epoch) of every row.
/// </summary>
public static class StudyPlots
{
    public static string SweepFile(StudySweep sweep) => $"sweep-{sweep.Name}.png";

    public static string CurvesFile(StudySweep sweep) => $"curves-{sweep.Name}.png";

    /// <summary>Writes every sweep's two plots into <paramref name="folder"/>.</summary>
    public static void WriteAll(StudyResults results, string folder)
    {
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(folder);
        foreach (var sweep in results.Sweeps)
        {
            var rows = sweep.Entries.Select(e => (e.Label, Config: results.Config(e.Key))).Where(r => r.Config.Runs.Count > 0).ToList();
            if (rows.Count == 0)
                continue;
            WriteBars(sweep, rows, Path.Combine(folder, SweepFile(sweep)));
            WriteCurves(sweep, rows, Path.Combine(folder, CurvesFile(sweep)));
        }
    }

    private static void WriteBars(StudySweep sweep, IReadOnlyList<(string Label, StudyConfig Config)> rows, string path)
    {
        (string Name, Func<StudyRun, double> Value)[] series =
        [
            ("i2t R@1", r => r.Test.ImageToText.R1),
            ("t2i R@1", r => r.Test.TextToImage.R1),
            ("i2t R@10", r => r.Test.ImageToText.R10),
            ("t2i R@10", r => r.Test.TextToImage.R10),
        ];
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>();
        for (int row = 0; row < rows.Count; row++)
        {
            for (int s = 0; s < series.Length; s++)
            {
                var spread = Spread.Of(rows[row].Config.Runs.Select(series[s].Value));
                bars.Add(new Bar
                {
                    Position = (row * (series.Length + 1)) + s,
                    Value = spread.Mean,
                    Error = spread.Sd,
                    FillColor = palette.GetColor(s),
                });
            }
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(
            [.. rows.Select((_, row) => (row * (series.Length + 1)) + ((series.Length - 1) / 2.0))],
            [.. rows.Select(r => r.Label)]);
        for (int s = 0; s < series.Length; s++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = palette.GetColor(s) });
        }

        plot.Axes.Margins(bottom: 0);
        plot.Title($"{sweep.Title}: recall (mean ± sd over seeds)");
        plot.Axes.Left.Label.Text = "recall (%)";
        plot.ShowLegend(Edge.Bottom);
        Save(plot, path, Math.Max(700, 120 * rows.Count), 500);
    }

    private static void WriteCurves(StudySweep sweep, IReadOnlyList<(string Label, StudyConfig Config)> rows, string path)
    {
        var plot = new Plot();
        foreach (var (label, config) in rows)
        {
            int epochs = config.Runs.Max(r => r.ValidationCurve.Count);
            var points = Enumerable.Range(0, epochs)
                .Select(e => (Epoch: e + 1.0, Values: config.Runs.Where(r => r.ValidationCurve.Count > e && double.IsFinite(r.ValidationCurve[e])).Select(r => r.ValidationCurve[e]).ToList()))
                .Where(p => p.Values.Count > 0)
                .ToList();
            var line = plot.Add.Scatter(points.Select(p => p.Epoch).ToArray(), points.Select(p => p.Values.Average()).ToArray());
            line.LegendText = label;
            line.MarkerSize = 3;
        }

        plot.Title($"{sweep.Title}: validation R-sum per epoch");
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Left.Label.Text = "validation R-sum";
        plot.ShowLegend(Edge.Bottom);
        Save(plot, path, 800, 500);
    }

    private static void Save(Plot plot, string path, int width, int height)
    {
        plot.Font.Set(PlotFonts.Sans);
        plot.SavePng(path, width, height);
    }
}
