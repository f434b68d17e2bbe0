using System.Diagnostics;
using Itm.Index.Indexing;
using Itm.Search.Tests.Fixtures;
using Xunit.Abstractions;

namespace Itm.Search.Tests.BadInput;

/// <summary>
/// The whole bad-input corpus (<see cref="BadImageCorpus"/>) through the real indexer and the tiny model: the run
/// completes, every good or merely unusual image is embedded, every bad one is named with a reason, and symlinks out
/// of the folder are left out and reported. The counts by kind go to the test output, for the notes.
/// </summary>
[Collection("Sequential")]
public sealed class BadInputCorpusTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-bad-input-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Fact]
    public void Indexing_the_bad_input_corpus_completes_and_accounts_for_every_file()
    {
        // Given a folder of good, unusual, damaged and hostile files, and symlinks out of it and into a loop
        string images = Path.Combine(root, "images");
        string outside = Path.Combine(root, "outside");
        Directory.CreateDirectory(images);
        Directory.CreateDirectory(outside);
        var corpus = BadImageCorpus.Write(images, outside);
        var notices = new List<string>();
        var clock = Stopwatch.StartNew();

        // When it is indexed
        var report = IndexJob.Run(new IndexJobOptions
        {
            ModelDir = TinyModel.Save(Path.Combine(root, "model"), seed: 5),
            ImagesDir = images,
            IndexDir = Path.Combine(root, "db"),
            CacheDir = Path.Combine(root, "cache"),
            Indexer = new IndexerOptions { BatchSize = 8 },
        }, new Collect(e => { if (e is IndexNotice n) { notices.Add(n.Message); } }));
        clock.Stop();

        // Then every file is accounted for: embedded, unreadable with a reason, or skipped as a link out of the folder
        var unreadable = report.Unreadable.ToDictionary(u => Path.GetRelativePath(images, u.Path).Replace('\\', '/'), u => u.Reason);
        var skipped = report.Skipped.ToDictionary(s => s.RelativePath, s => s.Reason);
        var rows = new List<(CorpusEntry Entry, string Outcome)>();
        foreach (var entry in corpus)
        {
            string outcome = skipped.TryGetValue(entry.RelativePath, out var why) ? "skipped: " + why
                : unreadable.TryGetValue(entry.RelativePath, out var reason) ? "unreadable: " + reason
                : "embedded";
            rows.Add((entry, outcome));
            output.WriteLine($"{entry.Kind,-28} {entry.RelativePath,-34} {outcome}");
        }

        output.WriteLine(string.Empty);
        foreach (var kind in rows.GroupBy(r => r.Entry.Kind))
        {
            int e = kind.Count(r => r.Outcome == "embedded"), u = kind.Count(r => r.Outcome.StartsWith("unreadable", StringComparison.Ordinal));
            int s = kind.Count(r => r.Outcome.StartsWith("skipped", StringComparison.Ordinal));
            output.WriteLine($"{kind.Key,-28} tried {kind.Count(),2}: embedded {e}, unreadable {u}, skipped {s}");
        }

        output.WriteLine($"total {corpus.Count} (+ 1 symlink loop): embedded {report.Embedded}, unreadable {report.Unreadable.Count}, skipped {report.Skipped.Count}; {clock.Elapsed.TotalSeconds:F1} s");
        foreach (string notice in notices)
        {
            output.WriteLine("notice: " + notice);
        }

        foreach (var (entry, outcome) in rows)
        {
            switch (entry.Expect)
            {
                case Expect.Embedded:
                    Assert.True(outcome == "embedded", $"{entry.RelativePath} ({entry.Kind}) should be embedded: {outcome}");
                    break;
                case Expect.Unreadable:
                    Assert.True(unreadable.TryGetValue(entry.RelativePath, out var reason) && reason.Length > 0, $"{entry.RelativePath} ({entry.Kind}) should be unreadable: {outcome}");
                    break;
                case Expect.OutsideFolder:
                    Assert.True(skipped.ContainsKey(entry.RelativePath), $"{entry.RelativePath} ({entry.Kind}) should be skipped: {outcome}");
                    break;
                case Expect.EmbeddedOrUnreadable:
                    break;
            }
        }

        // The loop is reported and ends the descent; nothing outside the folder, nor any file twice, was scanned.
        Assert.Contains("links/loop", skipped.Keys);
        Assert.DoesNotContain(notices, n => n.Contains("private/photo", StringComparison.Ordinal) && !n.StartsWith("Skipped", StringComparison.Ordinal));
        Assert.Equal(corpus.Count(e => e.Expect != Expect.OutsideFolder), report.Scanned);
        Assert.Equal(report.Scanned, report.Embedded + report.Unreadable.Count);
        Assert.Equal(report.Embedded, report.Images);
        Assert.All(notices.Where(n => n.StartsWith("Skipped", StringComparison.Ordinal)), n => Assert.Contains("symbolic link", n));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"Took {clock.Elapsed}.");
    }

    [Fact]
    public void Indexing_a_caption_list_with_bad_lines_keeps_the_good_ones_and_names_the_rest()
    {
        // Given a caption list with empty and whitespace lines, a 100 KB line, invalid UTF-8 and mixed scripts
        string images = Path.Combine(root, "images");
        TinyImages.Write(images);
        string captions = Path.Combine(root, "captions.txt");
        File.WriteAllBytes(captions,
        [
            .. "a red square\n\n \t \n"u8.ToArray(),
            .. System.Text.Encoding.UTF8.GetBytes(new string('w', 100_000) + "\n"),
            .. "a green "u8.ToArray(), 0xFF, 0xFE, .. "circle\n"u8.ToArray(),
            .. "猫 cat кошка 🐈\n"u8.ToArray(),
        ]);
        var notices = new List<string>();

        // When the folder is indexed with it
        var report = IndexJob.Run(new IndexJobOptions
        {
            ModelDir = TinyModel.Save(Path.Combine(root, "model"), seed: 5),
            ImagesDir = images,
            IndexDir = Path.Combine(root, "db"),
            CacheDir = Path.Combine(root, "cache"),
            CaptionsPath = captions,
        }, new Collect(e => { if (e is IndexNotice n) { notices.Add(n.Message); } }));
        notices.ForEach(output.WriteLine);

        // Then the two good sentences are embedded, the two bad lines are named, and the run completes
        Assert.Equal(2, report.CaptionsAdded);
        Assert.Equal(2, report.CaptionsSkipped);
        Assert.Contains(notices, n => n.Contains("line 4", StringComparison.Ordinal) && n.Contains("MaxCaptionChars", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.Contains("line 5", StringComparison.Ordinal) && n.Contains("UTF-8", StringComparison.Ordinal));
        Assert.Equal(13, report.Embedded);
    }

    private sealed class Collect(Action<IndexEvent> report) : IProgress<IndexEvent>
    {
        public void Report(IndexEvent value) => report(value);
    }
}
