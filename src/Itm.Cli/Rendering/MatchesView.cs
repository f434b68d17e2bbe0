using System.Globalization;
using Itm.Search.Queries;
using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>Query results as a table (rank, score, the probability of a match when the model is calibrated, path or caption) or, with --json, as the documented JSON.</summary>
internal static class MatchesView
{
    public static void WriteImages(
        IAnsiConsole console, bool json, QueryKind kind, string query, string indexDir, IReadOnlyList<ImageMatch> matches, double? minPrecision = null,
        ImageAnswer? answer = null)
    {
        double? any = answer?.AnyMatchProbability;
        if (json)
        {
            WriteRaw(console, MatchesJson.Images(kind, query, indexDir, matches, minPrecision, any));
            return;
        }

        bool calibrated = matches.Any(m => m.Probability is not null);
        bool words = matches.Any(m => m.Words.Count > 0);
        var table = NewTable(kind == QueryKind.Search ? $"Images matching \"{query}\"" : $"Images similar to {Path.GetFileName(query)}", "image", calibrated);
        if (words)
        {
            // Only when some image's read words matched: an index without --ocr keeps its table as it was.
            table.AddColumn("words found");
        }

        foreach (var match in matches)
        {
            string[] probability = calibrated ? [Probability(match.Probability)] : [];
            string[] found = words ? [Markup.Escape(string.Join(' ', match.Words))] : [];
            table.AddRow([Rank(match.Rank), Score(match.Score), .. probability, Markup.Escape(match.RelativePath), .. found]);
        }

        // Each result's probability is of that one image; whether the query has an answer at all is the chance that
        // any of the best k matches, which can be high when no single image is likely enough to pass the cut.
        string empty = (minPrecision, any) switch
        {
            (double p, double a) when a >= p => string.Create(CultureInfo.InvariantCulture,
                $"No single image is at least {p:P0} likely to match, but one of the best {answer!.Ranked} probably does: P(any match) {a:P0}. Leave --min-precision out to see them."),
            (double p, _) => string.Create(CultureInfo.InvariantCulture,
                $"No image is at least {p:P0} likely to match: no good match{AnyNote(any)}. Lower --min-precision, or leave it out to see the best ones anyway."),
            _ => NothingToRank,
        };
        Write(console, table, matches.Count, empty);
        if (matches.Count > 0 && any is double anyMatch)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"P(any match among the best {answer!.Ranked}): [bold]{anyMatch:P0}[/]"));
        }
    }

    /// <summary>
    /// Under a table of results, when the index is bound to Garnet but its folder answered: says so, since a user
    /// timing queries would otherwise see them slow down for no reason given.
    /// </summary>
    public static void WriteAnsweredBy(IAnsiConsole console, bool json, IndexStats stats)
    {
        if (!json && stats.AnsweredByFolderInsteadOfBackend)
        {
            console.MarkupLine("[yellow]Answered from the index folder by an exact scan: the Garnet copy is short of this index's vectors (a node lost its data, or an `itm index` run is pushing a newer copy). The answers are the same, only slower; the next `itm index` run makes the copy whole.[/]");
        }
    }

    private static string AnyNote(double? any) =>
        any is double a ? string.Create(CultureInfo.InvariantCulture, $" (P(any match) {a:P0})") : string.Empty;

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

        Write(console, table, matches.Count, NothingToRank);
    }

    private const string NothingToRank = "The index holds nothing to rank.";

    private static Table NewTable(string title, string what, bool withProbability = false)
    {
        var table = new Table().Title(Markup.Escape(title)).Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("rank").RightAligned())
            .AddColumn(new TableColumn("score").RightAligned());
        if (withProbability)
        {
            table.AddColumn(new TableColumn("P(match)").RightAligned());
        }

        return table.AddColumn(what);
    }

    private static void Write(IAnsiConsole console, Table table, int count, string empty)
    {
        if (count == 0)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(empty)}[/]");
            return;
        }

        console.Write(table);
    }

    // Straight to the output, past Spectre's line wrapping, so the JSON stays parseable at any terminal width.
    internal static void WriteRaw(IAnsiConsole console, string text)
    {
        console.Profile.Out.Writer.WriteLine(text);
        console.Profile.Out.Writer.Flush();
    }

    private static string Rank(int rank) => rank.ToString(CultureInfo.InvariantCulture);

    private static string Score(float score) => score.ToString("F3", CultureInfo.InvariantCulture);

    private static string Probability(double? probability) => probability?.ToString("F2", CultureInfo.InvariantCulture) ?? string.Empty;
}
