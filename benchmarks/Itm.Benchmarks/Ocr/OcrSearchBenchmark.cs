using System.Diagnostics;
using System.Globalization;
using Itm.Data.Images.Ocr;
using Itm.Benchmarks.Common;
using Itm.Search.Queries;

namespace Itm.Benchmarks.Ocr;

/// <summary>
/// Scores an index of the OCR set built with <c>itm index --ocr</c> (benchmarks/ocr/run.sh): each word of
/// <c>truth.tsv</c> is searched for, and counts as found when its picture is among the best 5; also the share of
/// pictures whose stored words hold their word (what Tesseract read), and the OCR cost per picture: each one read
/// again by one engine on one thread, timed, the median reported.
/// Usage: <c>ocr-search INDEX_DIR IMAGES_DIR [K 5]</c>.
/// </summary>
public sealed class OcrSearchBenchmark : IEndToEndBenchmark
{
    public string Name => "ocr-search";

    public int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: ocr-search INDEX_DIR IMAGES_DIR [K]");
            return 2;
        }

        string db = args[0], images = args[1];
        int k = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var truth = File.ReadAllLines(Path.Combine(images, "truth.tsv")).Skip(1).Select(l => l.Split('\t')).Where(p => p[1].Length > 0)
            .Select(p => (File: p[0], Word: p[1])).ToList();

        using var service = QueryService.Open(db);
        int found = 0, read = 0;
        var misses = new List<string>();
        foreach (var (file, word) in truth)
        {
            var results = service.Search(word, k);
            var mine = results.FirstOrDefault(r => r.RelativePath == file);
            found += mine is null ? 0 : 1;
            if (mine is null)
            {
                misses.Add($"{file} {word}");
            }
        }

        // The same searches with other word weights (0: the cosine alone), for the table in BENCHMARKS.md.
        var byWeight = new List<string>();
        foreach (float weight in new[] { 0f, 0.1f, 0.3f, 0.5f, 0.6f, 0.7f, 0.8f, 1f })
        {
            using var other = QueryService.Open(db, new QueryOptions { Words = new WordMatchOptions { Weight = weight } });
            int hits = truth.Count(t => other.Search(t.Word, k).Any(r => r.RelativePath == t.File));
            byWeight.Add(string.Create(CultureInfo.InvariantCulture, $"w={weight}: {100.0 * hits / truth.Count:F1} %"));
        }

        using (var reader = Itm.Index.Storage.IndexReader.Open(db))
        {
            var byPath = reader.Images().ToDictionary(i => i.Path, StringComparer.Ordinal);
            var words = reader.WordsOf(byPath.Values.Select(i => i.Id));
            read = truth.Count(t => byPath.TryGetValue(t.File, out var image) && words.TryGetValue(image.Id, out var w) && w.Contains(t.Word));
        }

        var times = new List<double>();
        using (var engine = new TesseractEngine())
        {
            foreach (var file in Directory.EnumerateFiles(images, "*.png").Order(StringComparer.Ordinal))
            {
                var clock = Stopwatch.StartNew();
                engine.ReadTokens(file);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"words: {truth.Count}; found in the top {k}: {found} ({100.0 * found / truth.Count:F1} %); " +
            $"by weight: {string.Join(", ", byWeight)}; " +
            $"word read by OCR: {read} ({100.0 * read / truth.Count:F1} %)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"OCR per image ({times.Count} images, one thread): median {times[times.Count / 2]:F0} ms, p90 {times[(int)(times.Count * 0.9)]:F0} ms, mean {times.Average():F0} ms"));
        foreach (var miss in misses.Take(20))
        {
            Console.WriteLine($"missed: {miss}");
        }

        return 0;
    }
}
