using System.Globalization;
using Itm.Search.Duplicates;
using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>Groups of duplicates as one table per group (similarity to the representative, path), or, with --json, as the documented JSON.</summary>
internal static class DuplicatesView
{
    public static void Write(IAnsiConsole console, bool json, string indexDir, DuplicateReport report)
    {
        if (json)
        {
            MatchesView.WriteRaw(console, DuplicatesJson.Write(indexDir, report));
            return;
        }

        string threshold = report.Threshold.ToString("0.###", CultureInfo.InvariantCulture);
        if (report.Groups.Count == 0)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[yellow]No duplicates among {report.Images:N0} images at threshold {threshold}.[/] A lower --threshold finds looser copies."));
            return;
        }

        for (int g = 0; g < report.Groups.Count; g++)
        {
            var group = report.Groups[g];
            var table = new Table()
                .Title(string.Create(CultureInfo.InvariantCulture, $"Group {g + 1}: {group.Images.Count} images"))
                .Border(TableBorder.Rounded)
                .AddColumn(new TableColumn("similarity").RightAligned())
                .AddColumn("image");
            foreach (var image in group.Images)
            {
                string similarity = image == group.Representative ? "representative" : image.Similarity.ToString("F3", CultureInfo.InvariantCulture);
                table.AddRow(similarity, Markup.Escape(image.RelativePath));
            }

            console.Write(table);
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{report.Groups.Count:N0}[/] groups of duplicates among {report.Images:N0} images at threshold {threshold}: " +
            $"keeping one of each would remove [bold]{report.Redundant:N0}[/]."));
    }
}
