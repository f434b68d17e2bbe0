using System.Globalization;
using Itm.Data.Ranking;
using Itm.Training.Jobs;
using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>
/// A few retrieval examples from an evaluated split: sentence → best images, and image → best
/// sentences, with the right answers ticked. Queries are spread evenly over the split so the same
/// model always shows the same examples.
/// </summary>
internal static class ExamplesView
{
    public static void Write(IAnsiConsole console, EvalJobResult result, int queries, int k)
    {
        int imageCount = result.Images.Count;
        int dim = result.Dim;
        string root = CommonFolder(result.Images.Select(i => i.ImagePath));
        var search = new Table().Title("Image search: sentence → images").Border(TableBorder.Rounded).AddColumns("query", "score, ✓ if right, image");
        foreach (int s in Spread(result.Sentences.Count, queries))
        {
            var hits = TopK.Search(result.SentenceEmbeddings.AsSpan(s * dim, dim), result.ImageEmbeddings, dim, k);
            int truth = result.SentenceImage[s];
            var lines = hits.Select(h => $"{F(h.Score)} {Tick(h.Row == truth)} {Markup.Escape(Relative(result.Images[(int)h.Row].ImagePath, root))}");
            search.AddRow(Markup.Escape(result.Sentences[s].Raw), string.Join('\n', lines));
        }

        var annotate = new Table().Title("Annotation: image → sentences").Border(TableBorder.Rounded).AddColumns("image", "score, ✓ if right, sentence");
        foreach (int i in Spread(imageCount, queries))
        {
            var hits = TopK.Search(result.ImageEmbeddings.AsSpan(i * dim, dim), result.SentenceEmbeddings, dim, k);
            var lines = hits.Select(h => $"{F(h.Score)} {Tick(result.SentenceImage[(int)h.Row] == i)} {Markup.Escape(result.Sentences[(int)h.Row].Raw)}");
            annotate.AddRow(Markup.Escape(Relative(result.Images[i].ImagePath, root)), string.Join('\n', lines));
        }

        // Queries are short; give the ranked list the room.
        search.Columns[0].Width(24);
        annotate.Columns[0].Width(30);
        console.Write(search);
        console.Write(annotate);
        console.MarkupLine("[green]✓[/] marks a correct match (the image the sentence was written for).");
    }

    private static IEnumerable<int> Spread(int count, int n) =>
        Enumerable.Range(0, Math.Min(n, count)).Select(q => (int)((q + 0.5) * count / Math.Min(n, count)));

    private static string Tick(bool correct) => correct ? "[green]✓[/]" : "·";

    private static string F(float score) => score.ToString("F3", CultureInfo.InvariantCulture);

    private static string Relative(string path, string root) => Path.GetRelativePath(root, path);

    /// <summary>The deepest folder holding every image, so examples show short paths.</summary>
    private static string CommonFolder(IEnumerable<string> paths)
    {
        string[]? common = null;
        foreach (string path in paths)
        {
            string[] parts = Path.GetDirectoryName(Path.GetFullPath(path))!.Split(Path.DirectorySeparatorChar);
            common = common is null ? parts : common.Zip(parts).TakeWhile(p => p.First == p.Second).Select(p => p.First).ToArray();
        }

        return common is null ? "." : string.Join(Path.DirectorySeparatorChar, common) + Path.DirectorySeparatorChar;
    }
}
