using System.Globalization;
using Itm.Index.Indexing;
using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>The closing lines of <c>itm index</c>: what the index holds now, every file that could not be read or was left out, what ignore rules left out, and skipped captions.</summary>
internal static class IndexReportView
{
    private const int ListedFiles = 10;

    public static void Write(IAnsiConsole console, IndexRunReport report, string indexDir)
    {
        string search = report.ImageSearch.ToString().ToLowerInvariant() + (report.Centred ? " search, centred on the collection" : " search");
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Index [bold]{Markup.Escape(indexDir)}[/]: {report.Images:N0} images ({search}), {report.Captions:N0} captions; " +
            $"{report.Embedded:N0} embedded in {report.Elapsed.TotalSeconds:F1}s."));
        WriteFiles(console, report.Unreadable, $"{report.Unreadable.Count:N0} unreadable images skipped (fix or replace them: a changed file is tried again on the next run):");
        WriteFiles(console, report.StillUnreadable,
            $"{report.StillUnreadable.Count:N0} images could not be read by an earlier run and are unchanged since (not tried again):");
        WriteFiles(console, [.. report.Skipped.Select(entry => new UnreadableImage(entry.RelativePath, entry.Reason))],
            $"{report.Skipped.Count:N0} entries of the folder left out (links that lead outside it, or into a loop):");
        WriteFiles(console, [.. report.UnreadableRules.Select(entry => new UnreadableImage(entry.RelativePath, entry.Reason))],
            $"{report.UnreadableRules.Count:N0} .itmignore files not applied:");
        if (report.IgnoredFiles + report.IgnoredFolders > 0)
        {
            console.MarkupLine(
                $"Ignore rules (.itmignore, --exclude) left out {Count(report.IgnoredFiles, "image")} and {Count(report.IgnoredFolders, "folder")} (not entered)" +
                (report.IgnoredRemoved == 0 ? "." : $"; removed from the index as now ignored: {Count(report.IgnoredRemoved, "image")}."));
        }
        if (report.CaptionsSkipped > 0)
        {
            console.MarkupLine($"[yellow]{report.CaptionsSkipped:N0} captions skipped (each named above as it was read).[/]");
        }

        if (report.Images > 0)
        {
            console.MarkupLine($"Next: [bold]itm search --db {Markup.Escape(indexDir)} \"a sentence\"[/]");
        }
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? string.Empty : "s")}");

    private static void WriteFiles(IAnsiConsole console, IReadOnlyList<UnreadableImage> files, string heading)
    {
        if (files.Count == 0)
        {
            return;
        }

        console.MarkupLine($"[yellow]{Markup.Escape(heading)}[/]");
        foreach (var file in files.Take(ListedFiles))
        {
            console.MarkupLine($"  {Markup.Escape(file.Path)}: {Markup.Escape(file.Reason)}");
        }

        if (files.Count > ListedFiles)
        {
            console.MarkupLine($"  ... and {files.Count - ListedFiles:N0} more.");
        }
    }
}
