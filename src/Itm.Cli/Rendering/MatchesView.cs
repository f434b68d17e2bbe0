using System.Globalization;
using Itm.Search.Queries;
using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>Query results as a table (rank, score, path or caption) or, with --json, as the documented JSON.</summary>
internal static class MatchesView
{
    public static void WriteImages(IAnsiConsole console, bool json, QueryKind kind, string query, string indexDir, IReadOnlyList<ImageMatch> matches)
    {
        if (json)
        {
            WriteRaw(console, MatchesJson.Images(kind, query, indexDir, matches));
            return;
        }

        var table = NewTable(kind == QueryKind.Search ? $"Images matching \"{query}\"" : $"Images similar to {Path.GetFileName(query)}", "image");
        foreach (var match in matches)
        {
            table.AddRow(Rank(match.Rank), Score(match.Score), Markup.Escape(match.RelativePath));
        }

        Write(console, table, matches.Count);
    }

    public static void WriteCaptions(IAnsiConsole console, bool json, string query, string indexDir, IReadOnlyList<CaptionMatch> matches)
    {
        if (json)
        {
            WriteRaw(console, MatchesJson.Captions(query, indexDir, matches));
            return;
        }

        var table = NewTable($"Captions for {Path.GetFileName(query)}", "caption");
        foreach (var match in matches)
        {
            table.AddRow(Rank(match.Rank), Score(match.Score), Markup.Escape(match.Text));
        }

        Write(console, table, matches.Count);
    }

    private static Table NewTable(string title, string what) =>
        new Table().Title(Markup.Escape(title)).Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("rank").RightAligned())
            .AddColumn(new TableColumn("score").RightAligned())
            .AddColumn(what);

    private static void Write(IAnsiConsole console, Table table, int count)
    {
        if (count == 0)
        {
            console.MarkupLine("[yellow]The index holds nothing to rank.[/]");
            return;
        }

        console.Write(table);
    }

    // Straight to the output, past Spectre's line wrapping, so the JSON stays parseable at any terminal width.
    private static void WriteRaw(IAnsiConsole console, string text)
    {
        console.Profile.Out.Writer.WriteLine(text);
        console.Profile.Out.Writer.Flush();
    }

    private static string Rank(int rank) => rank.ToString(CultureInfo.InvariantCulture);

    private static string Score(float score) => score.ToString("F3", CultureInfo.InvariantCulture);
}
