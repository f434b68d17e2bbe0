using System.Globalization;
using Itm.Evaluation.Calibration;
using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>A calibration judged on a split: ECE and Brier score against the base-rate baseline, what each min-precision returns, the reliability curve.</summary>
internal static class CalibrationTable
{
    public static Rows Build(string title, CalibrationQuality quality)
    {
        string relevance = CalibrationRelevanceNames.Of(quality.Relevance);
        var summary = new Table().Title(Markup.Escape($"{title} ({quality.Method}, {relevance} relevance)")).Border(TableBorder.Minimal)
            .Caption(Markup.Escape($"baseline: every pair gets the split's share of relevant pairs, {F(quality.BaseRate, "G3")}"))
            .AddColumn("pairs")
            .AddColumn(new TableColumn("count").RightAligned())
            .AddColumn(new TableColumn("ECE").RightAligned())
            .AddColumn(new TableColumn("baseline ECE").RightAligned())
            .AddColumn(new TableColumn("Brier").RightAligned())
            .AddColumn(new TableColumn("baseline Brier").RightAligned());
        summary.AddRow("all", F(quality.All.Pairs, "N0"), F(quality.All.Ece, "F4"), F(quality.AllBaseRate.Ece, "F4"), F(quality.All.Brier, "F5"), F(quality.AllBaseRate.Brier, "F5"));
        summary.AddRow($"top {quality.TopK} per query", F(quality.Top.Pairs, "N0"), F(quality.Top.Ece, "F4"), F(quality.TopBaseRate.Ece, "F4"), F(quality.Top.Brier, "F5"), F(quality.TopBaseRate.Brier, "F5"));

        var thresholds = new Table().Border(TableBorder.Minimal)
            .AddColumn(new TableColumn("--min-precision").RightAligned())
            .AddColumn(new TableColumn("results").RightAligned())
            .AddColumn(new TableColumn("precision").RightAligned())
            .AddColumn(new TableColumn("queries answered").RightAligned());
        foreach (var check in quality.Thresholds)
        {
            thresholds.AddRow(F(check.MinPrecision, "0.##"), F(check.Results, "N0"), double.IsNaN(check.Precision) ? "-" : F(check.Precision, "F3"), F(check.QueriesAnswered, "P0"));
        }

        var curve = new Table().Title("Reliability, all pairs").Border(TableBorder.Minimal)
            .AddColumn("predicted in")
            .AddColumn(new TableColumn("pairs").RightAligned())
            .AddColumn(new TableColumn("mean predicted").RightAligned())
            .AddColumn(new TableColumn("observed").RightAligned());
        foreach (var bin in quality.All.Bins)
        {
            curve.AddRow($"{F(bin.Lower, "F2")}–{F(bin.Upper, "F2")}", F(bin.Pairs, "N0"), F(bin.MeanPredicted, "F4"), F(bin.Observed, "F4"));
        }

        if (quality.AnyMatch is not { } any)
        {
            return new Rows(summary, thresholds, curve);
        }

        var queries = new Table().Title(Markup.Escape($"P(any match among the best {quality.TopK}), per query")).Border(TableBorder.Minimal)
            .AddColumn("queries").AddColumn(new TableColumn("with a match").RightAligned()).AddColumn(new TableColumn("AUROC").RightAligned())
            .AddColumn(new TableColumn("ECE").RightAligned())
            .AddColumn(new TableColumn($"banner (< {F(any.Threshold, "0.##")}), with a match").RightAligned())
            .AddColumn(new TableColumn("banner, without").RightAligned());
        queries.AddRow(F(any.Queries, "N0"), F(any.WithMatch, "N0"), double.IsNaN(any.Auroc) ? "-" : F(any.Auroc, "F3"), F(any.Ece, "F4"),
            F(any.BannerWithMatch, "P0"), double.IsNaN(any.BannerWithoutMatch) ? "-" : F(any.BannerWithoutMatch, "P0"));
        if (quality.LeftOut is not { } left)
        {
            return new Rows(summary, thresholds, curve, queries);
        }

        var answerable = new Table().Title(Markup.Escape($"Without {string.Join(", ", left.LeftOut)}: answerable or not, by P(any match)")).Border(TableBorder.Minimal)
            .AddColumn(new TableColumn("answerable").RightAligned()).AddColumn(new TableColumn("unanswerable").RightAligned())
            .AddColumn(new TableColumn("AUROC").RightAligned())
            .AddColumn(new TableColumn($"banner (< {F(left.Threshold, "0.##")}), answerable").RightAligned())
            .AddColumn(new TableColumn("banner, unanswerable").RightAligned());
        answerable.AddRow(F(left.Answerable, "N0"), F(left.Unanswerable, "N0"), double.IsNaN(left.Auroc) ? "-" : F(left.Auroc, "F3"),
            double.IsNaN(left.BannerAnswerable) ? "-" : F(left.BannerAnswerable, "P0"), double.IsNaN(left.BannerUnanswerable) ? "-" : F(left.BannerUnanswerable, "P0"));
        return new Rows(summary, thresholds, curve, queries, answerable);
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string F(long value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
