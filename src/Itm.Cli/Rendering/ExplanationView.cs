using System.Globalization;
using Itm.Search.Explanations;
using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>An explanation for people (the score, a table of word weights, the peak region and how it was found, the overlay's path) or, with --json, the documented JSON.</summary>
internal static class ExplanationView
{
    public static void Write(IAnsiConsole console, bool json, string image, string indexDir, Explanation explanation, string overlay)
    {
        if (json)
        {
            MatchesView.WriteRaw(console, ExplanationJson.Write(explanation.Sentence, image, indexDir, explanation, overlay));
            return;
        }

        console.MarkupLine(Markup.Escape(Invariant($"\"{explanation.Sentence}\" and {image}: score {explanation.Score:F3}")));
        var table = new Table().Title("Word weights: the drop without it").Border(TableBorder.Rounded)
            .AddColumn("word")
            .AddColumn(new TableColumn("drop").RightAligned());
        foreach (var word in explanation.Words)
        {
            table.AddRow(Markup.Escape(word.Word), Invariant($"{word.Drop:+0.000;-0.000;0.000}"));
        }

        console.Write(table);
        var peak = explanation.Peak;
        string where = Invariant($"x {peak.X:F2}–{peak.X + peak.W:F2}, y {peak.Y:F2}–{peak.Y + peak.H:F2} (fractions of the image, from the top left)");
        var heatmap = explanation.Heatmap;
        console.MarkupLine(Markup.Escape(explanation.Method == ExplainMethod.GradCam
            ? Invariant($"Peak: Grad-CAM ({heatmap.Rows}×{heatmap.Cols} maps) is strongest at {where}: {heatmap.Values.Max():G3}.")
            : Invariant($"Peak: hiding {where} costs the most: {heatmap.Values.Max():F3}.")));
        console.MarkupLine($"Heatmap over the image: [bold]{Markup.Escape(overlay)}[/]");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
