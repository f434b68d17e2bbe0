// Index a folder of images with a trained model, search it with a sentence, and annotate the best match.
//   dotnet run --project samples/Itm.Sample -- MODEL_DIR IMAGES_DIR "a query" [CAPTIONS_FILE] [INDEX_DIR]
using Itm;
using Itm.Data;
using Itm.Index.Indexing;

namespace Sample;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length is < 3 or > 5)
        {
            Console.Error.WriteLine("usage: Itm.Sample MODEL_DIR IMAGES_DIR \"a query\" [CAPTIONS_FILE] [INDEX_DIR]");
            return 2;
        }

        string modelDir = args[0], imagesDir = args[1], query = args[2];
        string? captions = args.Length > 3 ? args[3] : null;
        string indexDir = args.Length > 4 ? args[4] : Path.Combine(Path.GetTempPath(), "itm-sample-index");

        // 1. Build the index, or bring it up to date: only new and changed images are embedded.
        //    (InlineProgress reports on the indexing thread, in order; Progress<T> would post to the thread pool.)
        var progress = new InlineProgress<IndexEvent>(e =>
        {
            if (e is IndexStageFinished done)
            {
                Console.WriteLine($"  {done.Stage}: {done.Summary}");
            }
        });
        var report = ItmIndex.Build(modelDir, imagesDir, indexDir, new IndexBuildOptions { CaptionsPath = captions }, progress);
        Console.WriteLine($"Index {indexDir}: {report.Images} images ({report.Embedded} embedded now), {report.Captions} captions.");

        // 2. Search it with a sentence (the query algebra works too: "a dog -cat +beach").
        using var index = ItmIndex.Open(indexDir);
        var hits = index.Search(query, k: 5);
        Console.WriteLine($"Search \"{query}\":");
        foreach (var hit in hits)
        {
            string probability = hit.Probability is double p ? $"  p={p:F2}" : string.Empty;
            Console.WriteLine($"  {hit.Rank}. {hit.Score:F3}{probability}  {hit.RelativePath}");
        }

        // 3. Annotate the best match with the index's captions.
        if (hits.Count > 0 && index.CaptionCount > 0)
        {
            Console.WriteLine($"Annotate {hits[0].RelativePath}:");
            foreach (var caption in index.Annotate(hits[0].Path, k: 3))
            {
                Console.WriteLine($"  {caption.Rank}. {caption.Score:F3}  {caption.Text}");
            }
        }
        else if (index.CaptionCount == 0)
        {
            Console.WriteLine("No captions to annotate with: pass a captions file (a dataset, or one sentence per line).");
        }

        // 4. The vectors behind the scores, for use outside an index.
        using var model = ItmModel.Load(modelDir);
        if (hits.Count > 0)
        {
            float score = ItmModel.Similarity(model.EncodeText(query), model.EncodeImage(hits[0].Path));
            Console.WriteLine($"{model.Info.TextModel} × {model.Info.ImageModel}, {model.Dimension}-d: the best match scores {score:F3} from its vectors.");
        }

        return 0;
    }
}
