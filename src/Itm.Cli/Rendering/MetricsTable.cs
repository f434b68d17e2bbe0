using System.Globalization;
using Itm.Evaluation;
using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>The standard results table: R@1/5/10, MedR, MeanR per direction, and R-sum.</summary>
internal static class MetricsTable
{
    public static Table Build(string title, IEnumerable<(string Name, EvalReport Report)> rows)
    {
        // Compact enough for an 80-column terminal: short headers, a minimal border, no wrapping of names.
        var table = new Table().Title(Markup.Escape(title)).Border(TableBorder.Minimal)
            .Caption("i2t = annotation (image → sentences), t2i = search (sentence → images); R@K in %");
        table.AddColumn(new TableColumn("model").NoWrap());
        foreach (string direction in new[] { "i2t", "t2i" })
        {
            foreach (string metric in new[] { "R@1", "R@5", "R@10", "MedR" })
            {
                table.AddColumn(new TableColumn($"{direction}\n{metric}").RightAligned().NoWrap());
            }
        }

        table.AddColumn(new TableColumn("R-sum").RightAligned().NoWrap());
        foreach (var (name, report) in rows)
        {
            var cells = new List<string> { Markup.Escape(name) };
            foreach (var d in new[] { report.ImageToText, report.TextToImage })
            {
                cells.Add(F(d.R1));
                cells.Add(F(d.R5));
                cells.Add(F(d.R10));
                cells.Add(d.MedR.ToString("F0", CultureInfo.InvariantCulture));
            }

            cells.Add(F(report.RSum));
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
