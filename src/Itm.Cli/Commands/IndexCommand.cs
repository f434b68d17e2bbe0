using System.Globalization;
using System.Runtime.InteropServices;
using Itm.Cli.Rendering;
using Itm.Index.Scanning;
using Itm.Index.Storage;
using Itm.Search;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm index</c>: embed a folder of images (and optionally a caption corpus) into an index, incrementally.</summary>
public sealed class IndexCommand : Command<IndexSettings>
{
    private readonly IAnsiConsole console;

    public IndexCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, IndexSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Verify)
        {
            return WriteVerification(IndexVerifier.Verify(settings.Db!, cancellationToken), settings.Db!);
        }

        if (settings.Watch)
        {
            return Watch(settings, cancellationToken);
        }

        using var session = IndexJob.Open(settings.ToJobOptions());
        var report = new IndexProgressRenderer(console).Run(progress => session.Run(progress, cancellationToken));
        IndexReportView.Write(console, report, settings.Db!);
        WriteOcrCost(session);
        return 0;
    }

    private void WriteOcrCost(IndexSession session)
    {
        if (session.OcrCost is { Images: > 0 } cost)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Words read inside {cost.Images:N0} images, {cost.MillisecondsPerImage:F0} ms each (per thread)."));
        }
    }

    /// <summary>
    /// <c>--watch</c>: a run now, then one after each quiet spell following a change and at each rescan, until Ctrl+C
    /// (or SIGTERM), which stops after the run in progress: no run is cut short.
    /// </summary>
    private int Watch(IndexSettings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        try
        {
            var job = settings.ToJobOptions();
            using var session = IndexJob.Open(job);
            using var watcher = new FolderWatcher(job.ImagesDir, settings.ToWatchOptions(), job.Indexer.Exclude, [job.IndexDir]);
            if (watcher.Problem is { } problem)
            {
                console.MarkupLine($"[yellow]Warning:[/] {Markup.Escape(problem)}");
            }

            var renderer = new IndexProgressRenderer(console);
            while (true)
            {
                var report = renderer.Run(progress => session.Run(progress, CancellationToken.None));
                IndexReportView.Write(console, report, settings.Db!);
                WriteOcrCost(session);
                console.MarkupLine($"Watching [bold]{Markup.Escape(job.ImagesDir)}[/] for changes (Ctrl+C stops).");
                try
                {
                    watcher.WaitForChange(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    console.MarkupLine("Stopped watching; the index is up to date with the last run.");
                    return 0;
                }
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Lists every problem found; the exit code says whether the index can be trusted.</summary>
    private int WriteVerification(IndexVerification verification, string indexDir)
    {
        string checkedWhat = verification.Checksummed
            ? string.Create(CultureInfo.InvariantCulture, $"{verification.BlocksChecked:N0} vector blocks ({verification.BytesChecked / 1e6:F1} MB) checked")
            : "only the catalog checked: the index predates checksums (the next `itm index` run adds them)";
        if (verification.IsWhole)
        {
            console.MarkupLine($"Index [bold]{Markup.Escape(indexDir)}[/] is whole: {Markup.Escape(checkedWhat)}.");
            return 0;
        }

        foreach (string problem in verification.Problems)
        {
            console.MarkupLine($"[red]damaged:[/] {Markup.Escape(problem)}");
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Index [bold]{Markup.Escape(indexDir)}[/] is damaged ({verification.Problems.Count:N0} {(verification.Problems.Count == 1 ? "problem" : "problems")}; {Markup.Escape(checkedWhat)}). ") +
            $"Rebuild it with [bold]itm index --model MODEL_DIR --images FOLDER --db {Markup.Escape(indexDir)} --reembed[/].");
        return ErrorReporter.BadInput;
    }
}
